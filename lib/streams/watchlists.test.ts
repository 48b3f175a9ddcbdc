import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { readAlertFile } from "../alerts/read-alert-file";
import { angularDistanceArcsec } from "../catalogs/sky-zones";
import { readAlertSource } from "../ingest/alert-sources";
import { alertRows } from "../ingest/alert-rows";
import { ingestAlertFiles } from "../ingest/ingest-alerts";
import { Rng } from "../math/random";
import { createWatchlist } from "./create-watchlist";
import { MAX_WATCHLIST_ROWS, parseWatchlistCsv, type WatchlistTargetInput } from "./parse-watchlist-csv";
import { type AlertPosition, recordWatchlistMatches } from "./watchlist-match";

const NIGHT = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");
const RANDOM_TARGETS = 100_000;
const REAL_TARGETS = 20;

let db: TestDatabase;
let ownerId: string;
let alerts: AlertPosition[];

beforeAll(async () => {
  db = await createTestDatabase();
  const { rows } = await db.pool.query<{ id: string }>(
    "INSERT INTO app_user (id, email, display_name) VALUES (gen_random_uuid(), 'watch@example.org', 'Watcher') RETURNING id",
  );
  ownerId = rows[0]!.id;
  alerts = fs
    .readdirSync(NIGHT)
    .filter((f) => f.endsWith(".avro"))
    .sort()
    .flatMap((file) => readAlertFile(fs.readFileSync(path.join(NIGHT, file)), file).alerts.map((a) => alertRows(a, file)))
    .map((r) => {
      const candidate = r.detections.find((d) => d.candid === r.candid)!;
      return { candid: r.candid.toString(), oid: r.oid, mjd: candidate.mjd, raDeg: candidate.ra, decDeg: candidate.dec };
    });
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

/** 100 000 random positions over the sphere (one upload at the row limit), radii 1–3″. */
function randomCsv(): string {
  const rng = new Rng(20);
  const lines = ["name,ra,dec,radius"];
  for (let i = 0; i < RANDOM_TARGETS; i++) {
    const ra = rng.uniform(0, 360);
    const dec = (Math.asin(rng.uniform(-1, 1)) * 180) / Math.PI;
    lines.push(`random-${i},${ra},${dec},${rng.uniform(1, 3)}`);
  }
  return lines.join("\n");
}

/** 20 positions k × 0.1″ north of the first alert of 20 of the night's objects (k = 1..20), radius 2.5″, RA/Dec sexagesimal. */
function realCsv(): string {
  const seen = new Set<string>();
  const real = alerts.filter((a) => !seen.has(a.oid) && seen.add(a.oid)).slice(0, REAL_TARGETS);
  return [
    "objectId\tRAJ2000\tDEJ2000\tradius_arcsec",
    ...real.map((a, k) => `${a.oid}\t${a.raDeg}\t${a.decDeg + ((k + 1) * 0.1) / 3600}\t2.5`),
  ].join("\n");
}

function parsed(csv: string): WatchlistTargetInput[] {
  const result = parseWatchlistCsv(csv);
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
  return result.targets;
}

describe("watchlists: CSV upload and the indexed match on ingest", () => {
  it("reports every bad row with its line and reason, and refuses the upload", () => {
    const result = parseWatchlistCsv("ra,dec,radius\n10,20,2\nabc,20,2\n10,95,2\n10:00:00,+20:00:00,700\n1\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errorCount).toBe(4);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(result.errors[0]!.message).toMatch(/^ra: cannot read "abc"/);
    expect(result.errors[1]!.message).toMatch(/^dec: Dec must be within/);
    expect(result.errors[2]!.message).toMatch(/^radius: /);
    expect(parseWatchlistCsv("name,x\na,1\n")).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    const tooMany = ["ra,dec", ...Array.from({ length: MAX_WATCHLIST_ROWS + 1 }, () => "1,1")].join("\n");
    expect(parseWatchlistCsv(tooMany)).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringMatching(/more than 100000/) as unknown }],
    });
  });

  it("100 000 random positions + 20 real objects (two uploads): exactly the alerts within each radius are matched on replay, with their separations", async () => {
    const randomTargets = parsed(randomCsv());
    const realTargets = parsed(realCsv());
    expect(randomTargets).toHaveLength(RANDOM_TARGETS);
    expect(realTargets).toHaveLength(REAL_TARGETS);
    const randomId = await createWatchlist(db.pool, { ownerId, name: "100 000 random", public: false, targets: randomTargets });
    const realId = await createWatchlist(db.pool, { ownerId, name: "20 real", public: false, targets: realTargets });

    await ingestAlertFiles(db.pool, readAlertSource(NIGHT), { batchSize: 50 });

    // Brute force over every (target, alert) pair: the set the index must find.
    const expected: string[] = [];
    for (const [watchlistId, targets] of [
      [randomId, randomTargets],
      [realId, realTargets],
    ] as const) {
      for (const t of targets) {
        for (const a of alerts) {
          if (Math.abs(a.decDeg - t.decDeg) > 0.01) continue;
          const separation = angularDistanceArcsec(t.raDeg, t.decDeg, a.raDeg, a.decDeg);
          if (separation <= t.radiusArcsec) expected.push(`${watchlistId}|${t.targetId}|${a.candid}|${separation.toFixed(6)}`);
        }
      }
    }
    const { rows } = await db.pool.query<{ watchlist_id: string; target_id: number; candid: string; separation_arcsec: number }>(
      "SELECT watchlist_id, target_id, candid::text AS candid, separation_arcsec FROM watchlist_match",
    );
    const found = rows.map((r) => `${r.watchlist_id}|${r.target_id}|${r.candid}|${r.separation_arcsec.toFixed(6)}`);
    expect(found.sort()).toEqual(expected.sort());
    const real = rows.filter((r) => r.watchlist_id === realId);
    expect(new Set(real.map((r) => r.target_id)).size).toBe(REAL_TARGETS);
    // The k-th real target sits k × 0.1″ north of its object's first alert.
    for (let k = 1; k <= REAL_TARGETS; k++) {
      const separations = real.filter((r) => r.target_id === k).map((r) => r.separation_arcsec);
      expect(Math.min(...separations)).toBeCloseTo(k * 0.1, 6);
    }
  }, 300_000);

  it("costs under 1 ms per alert with 100 020 watched positions", async () => {
    await recordWatchlistMatches(db.pool, alerts); // warm (plans, pages)
    const started = performance.now();
    await recordWatchlistMatches(db.pool, alerts);
    const msPerAlert = (performance.now() - started) / alerts.length;
    expect(msPerAlert).toBeLessThan(1);
  });
});
