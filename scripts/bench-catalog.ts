// `npm run bench:catalog [-- --rows N --positions N --cones N]`: writes a CSV of N synthetic sources
// uniform on the sky (default 10 M), loads it with the catalog loader into a database of its own
// (BENCH_DATABASE_URL = an admin URL of a server, or the embedded bench cluster in .data/bench), then
// measures cone searches at 10″ and 60″ (p50/p95, one client) and the bulk crossmatch rate (nearest
// within 2″) for 100k positions. The database and the CSV are removed at the end. Last line: JSON.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { getCatalog } from "../lib/catalogs/catalog-registry";
import { coneSearchCatalog } from "../lib/catalogs/cone-search-catalog";
import { crossmatchCatalog, type SkyPosition } from "../lib/catalogs/crossmatch-catalog";
import { loadCatalog } from "../lib/catalogs/load-catalog";
import { createRng, type Rng } from "../lib/math/random";
import { createDb } from "../lib/server/db";
import { databaseUrl, dropDatabase, ensureDatabaseExists, startEmbeddedPostgres } from "../lib/server/embedded-postgres";
import { applyMigrations } from "../lib/server/migrate";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    rows: { type: "string", default: "10000000" },
    positions: { type: "string", default: "100000" },
    cones: { type: "string", default: "2000" },
    seed: { type: "string", default: "10" },
  },
});
const rows = Number(values.rows);
const positionCount = Number(values.positions);
const coneCount = Number(values.cones);
const rng = createRng(Number(values.seed));
const log = (line: string) => console.error(`[bench:catalog] ${line}`);

const uniformPosition = (r: Rng): SkyPosition => ({ raDeg: r.uniform(0, 360), decDeg: (Math.asin(r.uniform(-1, 1)) * 180) / Math.PI });

/** The synthetic catalog as CSV (6 decimals ≈ 4 mas), keeping a sample of sources for the crossmatch. */
async function writeCatalog(file: string, sampleEvery: number): Promise<SkyPosition[]> {
  const out = fs.createWriteStream(file);
  const sample: SkyPosition[] = [];
  out.write("source_id,ra,dec,gmag,rmag,imag\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const p = uniformPosition(rng);
    if (i % sampleEvery === 0) sample.push(p);
    const g = rng.uniform(12, 22);
    chunk += `B${i},${p.raDeg.toFixed(6)},${p.decDeg.toFixed(6)},${g.toFixed(3)},${(g - 0.4).toFixed(3)},${(g - 0.7).toFixed(3)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return sample;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const admin = process.env.BENCH_DATABASE_URL
  ? { adminUrl: process.env.BENCH_DATABASE_URL, owned: false, stop: async () => undefined }
  : await startEmbeddedPostgres({ dataDir: path.resolve(".data/bench"), port: Number(process.env.CIELO_BENCH_PG_PORT ?? 54332) });
const database = `cielo_bench_catalog_${Date.now()}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-bench-catalog-"));
await ensureDatabaseExists(admin.adminUrl, database);
const url = databaseUrl(admin.adminUrl, database);
const db = createDb(url, { maxConnections: 4 });
try {
  await applyMigrations(url);
  const file = path.join(tmp, "synthetic.csv");
  let t = performance.now();
  const sample = await writeCatalog(file, Math.max(1, Math.floor(rows / Math.max(1, positionCount / 2))));
  log(`wrote ${rows} sources (${(fs.statSync(file).size / 1e6).toFixed(0)} MB CSV) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  let lastLog = 0;
  const loaded = await loadCatalog(db.pool, {
    name: "bench",
    file,
    mapping: { id: "source_id", ra: "ra", dec: "dec", coords: "deg" },
    onProgress: (p) => {
      if (Date.now() - lastLog < 10_000 && p.phase === "reading") return;
      lastLog = Date.now();
      log(
        `${p.phase}: ${p.rows} rows, ${((100 * p.bytesRead) / p.bytesTotal).toFixed(0)}% of the file, ${(p.elapsedMs / 1000).toFixed(0)} s`,
      );
    },
  });
  fs.rmSync(file);
  log(`loaded ${loaded.rows} rows in ${loaded.seconds.toFixed(1)} s: ${loaded.rowsPerSecond.toFixed(0)} rows/s (${loaded.badRows} bad)`);
  const catalog = (await getCatalog(db.pool, "bench"))!;

  const cones: Record<string, { p50: number; p95: number; p99: number; meanRows: number }> = {};
  for (const radius of [10, 60]) {
    const timings: number[] = [];
    let found = 0;
    for (let i = 0; i < coneCount + 100; i++) {
      const c = uniformPosition(rng);
      t = performance.now();
      const result = await coneSearchCatalog(db.pool, catalog, c.raDeg, c.decDeg, radius);
      if (i >= 100) {
        timings.push(performance.now() - t);
        found += result.length;
      }
    }
    timings.sort((a, b) => a - b);
    cones[radius] = {
      p50: percentile(timings, 50),
      p95: percentile(timings, 95),
      p99: percentile(timings, 99),
      meanRows: found / coneCount,
    };
    log(
      `cone ${radius}″: p50 ${cones[radius].p50.toFixed(2)} ms, p95 ${cones[radius].p95.toFixed(2)} ms, p99 ${cones[radius].p99.toFixed(2)} ms, ${cones[radius].meanRows.toFixed(3)} sources per cone`,
    );
  }

  // Half the positions are catalog sources moved by up to ~1″ (they have a counterpart), half are random.
  const positions: SkyPosition[] = [];
  for (const s of sample) {
    if (positions.length >= positionCount / 2) break;
    positions.push({
      raDeg: (s.raDeg + rng.uniform(-0.7, 0.7) / 3600 + 360) % 360,
      decDeg: Math.max(-90, Math.min(90, s.decDeg + rng.uniform(-0.7, 0.7) / 3600)),
    });
  }
  while (positions.length < positionCount) positions.push(uniformPosition(rng));
  t = performance.now();
  const matches = await crossmatchCatalog(db.pool, catalog, positions, 2, { concurrency: 2 });
  const xmatchSeconds = (performance.now() - t) / 1000;
  const matched = matches.filter(Boolean).length;
  log(
    `crossmatch of ${positions.length} positions (2″): ${xmatchSeconds.toFixed(2)} s, ${(positions.length / xmatchSeconds).toFixed(0)} positions/s, ${matched} matched`,
  );

  console.log(
    JSON.stringify({
      rows: loaded.rows,
      load_rows_per_s: Math.round(loaded.rowsPerSecond),
      load_seconds: Number(loaded.seconds.toFixed(1)),
      cone_p50_ms_10: Number(cones[10]!.p50.toFixed(3)),
      cone_p95_ms_10: Number(cones[10]!.p95.toFixed(3)),
      cone_p50_ms_60: Number(cones[60]!.p50.toFixed(3)),
      cone_p95_ms_60: Number(cones[60]!.p95.toFixed(3)),
      cone_p95_ms: Number(Math.max(cones[10]!.p95, cones[60]!.p95).toFixed(3)),
      xmatch_positions: positions.length,
      xmatch_matched: matched,
      xmatch_per_s: Math.round(positions.length / xmatchSeconds),
    }),
  );
} finally {
  await db.close();
  await dropDatabase(admin.adminUrl, database);
  await admin.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
