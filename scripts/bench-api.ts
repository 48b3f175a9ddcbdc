// `npm run bench:api [-- --objects 1000000 --detections 20 --seconds 10 --connections 8]`: loads N
// synthetic objects made from the real sample night (each with `detections` detections and 5
// non-detections copied from real rows, 5 stamp-classifier probabilities) into a database of its
// own (BENCH_DATABASE_URL or TEST_DATABASE_URL admin URL, else an embedded cluster in .data/bench),
// serves the API route modules and measures them with autocannon from loopback: object detail,
// light curve, list with a class filter, cone search. Last line: one JSON object with
// objects, object_p95_ms, lightcurve_p95_ms, list_p95_ms, cone_p95_ms.
import { fork } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { readAlertSource } from "../lib/ingest/alert-sources";
import { ingestAlertFiles } from "../lib/ingest/ingest-alerts";
import { databaseUrl, dropDatabase, ensureDatabaseExists, startEmbeddedPostgres } from "../lib/server/embedded-postgres";
import { applyMigrations } from "../lib/server/migrate";

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "1000000" },
    detections: { type: "string", default: "20" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "8" },
    /** Internal: run as the API server child on this database URL. */
    serve: { type: "string" },
    /** Reuse a database loaded by an earlier run (its name). */
    database: { type: "string" },
  },
  allowPositionals: true,
});

if (values.serve) {
  // Child process: the API routes on the bench database, no rate limit.
  const { createDb } = await import("../lib/server/db");
  const { serveApiRoutes } = await import("../tests/support/serve-api-routes");
  const { RateLimiter } = await import("../lib/api/rate-limit");
  const db = createDb(values.serve, { maxConnections: 10 });
  const server = await serveApiRoutes(db, { rateLimiter: new RateLimiter({ perMinute: 0, burst: 1 }) });
  process.send?.({ url: server.url });
  process.on("message", async () => {
    await server.close();
    await db.close();
    process.exit(0);
  });
} else {
  await main();
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const objects = Number(values.objects);
  const detectionsPerObject = Number(values.detections);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const admin = adminUrl
    ? { adminUrl, owned: false, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: path.resolve(".data/bench"), port: Number(process.env.CIELO_BENCH_PG_PORT ?? 54332) });
  const database = values.database ?? `cielo_bench_api_${Date.now()}`;
  const url = databaseUrl(admin.adminUrl, database);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const started = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

  if (!values.database) {
    await ensureDatabaseExists(admin.adminUrl, database);
    await applyMigrations(url);
    const summary = await ingestAlertFiles(pool, readAlertSource(path.resolve("fixtures/alerts/night-2018-11-29")));
    log(`templates: ${summary.ingested} real alerts of ${summary.objects} objects ingested into ${database}`);
    await loadSynthetic(pool, objects, detectionsPerObject, log);
  }
  const { rows: counts } = await pool.query<{ objects: number; detections: number }>(
    "select (select count(*) from object)::int as objects, (select count(*) from detection)::int as detections",
  );
  log(`database: ${counts[0]!.objects} objects, ${counts[0]!.detections} detections`);
  const { rows: sample } = await pool.query<{ oid: string; meanra: number; meandec: number }>(
    "select oid, meanra, meandec from object where oid like 'ZTF99%' order by md5(oid) limit 5000",
  );

  const child = fork(path.resolve(import.meta.dirname, "bench-api.ts"), ["--serve", url], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const serverUrl = await new Promise<string>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`API server exited (${code})`)));
  });

  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
  const classes = ["AGN", "SN", "VS", "asteroid", "bogus"];
  const scenarios: Record<string, () => string> = {
    object: () => `/api/ztf/v1/objects/${pick(sample).oid}`,
    lightcurve: () => `/api/ztf/v1/objects/${pick(sample).oid}/lightcurve`,
    list: () =>
      `/api/ztf/v1/objects?classifier=stamp_classifier&class=${pick(classes)}&page=${1 + Math.floor(Math.random() * 20)}&page_size=20`,
    cone: () => {
      const o = pick(sample);
      const jitter = () => (Math.random() - 0.5) * 0.01;
      return `/api/ztf/v1/objects?ra=${(o.meanra + 360 + jitter()) % 360}&dec=${Math.max(-90, Math.min(90, o.meandec + jitter()))}&radius=30`;
    },
  };
  const results: Record<string, { p50: number; p95: number; p99: number; rps: number; errors: number; non2xx: number }> = {};
  for (const [name, makePath] of Object.entries(scenarios)) {
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: serverUrl,
          connections,
          duration: seconds,
          requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: makePath() }) }],
        },
        (error, res) => (error ? reject(error) : resolve(res)),
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
    });
    times.sort((a, b) => a - b);
    results[name] = {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      rps: Math.round(result.requests.average),
      errors: result.errors,
      non2xx: result.non2xx,
    };
    const r = results[name]!;
    log(
      `${name.padEnd(10)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  ${r.rps} req/s  errors ${r.errors}  non-2xx ${r.non2xx}`,
    );
  }
  child.send("stop");
  await new Promise((resolve) => child.once("exit", resolve));
  await pool.end();
  if (!values.database && process.env.BENCH_KEEP_DATABASE !== "1") {
    await dropDatabase(admin.adminUrl, database);
  }
  await admin.stop();
  const round = (x: number) => Math.round(x * 100) / 100;
  console.log(
    JSON.stringify({
      bench: "api",
      objects: counts[0]!.objects,
      detections: counts[0]!.detections,
      connections,
      seconds_per_endpoint: seconds,
      object_p50_ms: round(results.object!.p50),
      object_p95_ms: round(results.object!.p95),
      object_p99_ms: round(results.object!.p99),
      lightcurve_p50_ms: round(results.lightcurve!.p50),
      lightcurve_p95_ms: round(results.lightcurve!.p95),
      lightcurve_p99_ms: round(results.lightcurve!.p99),
      list_p50_ms: round(results.list!.p50),
      list_p95_ms: round(results.list!.p95),
      list_p99_ms: round(results.list!.p99),
      cone_p50_ms: round(results.cone!.p50),
      cone_p95_ms: round(results.cone!.p95),
      cone_p99_ms: round(results.cone!.p99),
      non_2xx: Object.values(results).reduce((n, r) => n + r.non2xx + r.errors, 0),
    }),
  );
}

/**
 * N synthetic objects from the ingested real ones, generated inside PostgreSQL (one INSERT ...
 * SELECT per chunk, foreign-key triggers off for the session, indexes rebuilt at the end):
 * uniform positions over the ZTF sky (dec > -30°), detections and non-detections copied from real
 * rows (magnitudes, errors, rb, ...) with new candids and MJDs, and 5 stamp-classifier
 * probabilities with a random top class.
 */
async function loadSynthetic(pool: pg.Pool, objects: number, perObject: number, log: (line: string) => void) {
  const client = await pool.connect();
  try {
    await client.query("set session_replication_role = replica; set maintenance_work_mem = '256MB'; set synchronous_commit = off");
    await client.query("select setseed(0.42)");
    await client.query(`create temp table tmpl_obj as select row_number() over (order by oid) - 1 as i, * from object`);
    await client.query(`create temp table tmpl_det as select row_number() over (order by candid) - 1 as i, * from detection`);
    await client.query(`create temp table tmpl_nd as select row_number() over (order by oid, fid, mjd) - 1 as i, * from non_detection`);
    const { rows } = await client.query<{ o: number; d: number; n: number }>(
      "select (select count(*) from tmpl_obj)::int as o, (select count(*) from tmpl_det)::int as d, (select count(*) from tmpl_nd)::int as n",
    );
    const { o: nObj, d: nDet, n: nNd } = rows[0]!;
    await client.query(
      `insert into taxonomy values ('stamp_classifier', 'stamp_classifier_1.0.0', '{AGN,SN,VS,asteroid,bogus}') on conflict do nothing`,
    );
    const indexes = await client.query<{ indexdef: string; indexname: string }>(
      "select indexname, indexdef from pg_indexes where tablename in ('object','detection','non_detection','probability') and indexname not like '%pkey'",
    );
    for (const ix of indexes.rows) await client.query(`drop index ${ix.indexname}`);
    const oidSql = (g: string) =>
      `'ZTF99' || chr(97 + (${g} / 308915776) % 26) || chr(97 + (${g} / 11881376) % 26) || chr(97 + (${g} / 456976) % 26) || chr(97 + (${g} / 17576) % 26) || chr(97 + (${g} / 676) % 26) || chr(97 + (${g} / 26) % 26) || chr(97 + ${g} % 26)`;
    const chunk = 50_000;
    for (let from = 0; from < objects; from += chunk) {
      const to = Math.min(objects, from + chunk) - 1;
      await client.query(
        `insert into object (oid, ndethist, ncovhist, mjdstarthist, mjdendhist, corrected, stellar, ndet, g_r_max, g_r_max_corr, g_r_mean,
                             g_r_mean_corr, meanra, meandec, sigmara, sigmadec, deltajd, firstmjd, lastmjd, step_id_corr, diffpos, reference_change)
         select ${oidSql("g")}, t.ndethist, t.ncovhist, t.mjdstarthist, t.mjdendhist, t.corrected, t.stellar, $3, t.g_r_max, t.g_r_max_corr,
                t.g_r_mean, t.g_r_mean_corr, random() * 360, degrees(asin(-0.5 + 1.5 * random())), t.sigmara, t.sigmadec,
                $3 - 1, t.firstmjd, t.firstmjd + $3 - 1, t.step_id_corr, t.diffpos, t.reference_change
           from generate_series($1::int, $2::int) g join tmpl_obj t on t.i = g % ${nObj}`,
        [from, to, perObject],
      );
      await client.query(
        `insert into detection (candid, oid, mjd, fid, pid, diffmaglim, isdiffpos, nid, ra, dec, magpsf, sigmapsf, magap, sigmagap, distnr,
                                magnr, sigmagnr, chinr, sharpnr, rb, rbversion, drb, drbversion, magapbig, sigmagapbig, rfid, magpsf_corr,
                                sigmapsf_corr, sigmapsf_corr_ext, corrected, dubious, parent_candid, has_stamp, step_id_corr)
         select 8000000000000000000 + g::bigint * 1000 + k, ${oidSql("g")}, o.firstmjd + k, d.fid, d.pid, d.diffmaglim, d.isdiffpos, d.nid,
                o.meanra, o.meandec, d.magpsf, d.sigmapsf, d.magap, d.sigmagap, d.distnr, d.magnr, d.sigmagnr, d.chinr, d.sharpnr, d.rb,
                d.rbversion, d.drb, d.drbversion, d.magapbig, d.sigmagapbig, d.rfid, d.magpsf_corr, d.sigmapsf_corr, d.sigmapsf_corr_ext,
                d.corrected, d.dubious, case when k < $3 - 1 then 8000000000000000000 + g::bigint * 1000 + $3 - 1 end, k = $3 - 1, d.step_id_corr
           from generate_series($1::int, $2::int) g
           cross join generate_series(0, $3 - 1) k
           join tmpl_obj o on o.i = g % ${nObj}
           join tmpl_det d on d.i = (g * $3 + k) % ${nDet}`,
        [from, to, perObject],
      );
      await client.query(
        `insert into non_detection (oid, fid, mjd, diffmaglim)
         select ${oidSql("g")}, n.fid, o.firstmjd - 1 - k, n.diffmaglim
           from generate_series($1::int, $2::int) g cross join generate_series(0, 4) k
           join tmpl_obj o on o.i = g % ${nObj} join tmpl_nd n on n.i = (g * 5 + k) % ${nNd}`,
        [from, to],
      );
      await client.query(
        `insert into probability (oid, classifier_name, classifier_version, class_name, probability, ranking)
         select ${oidSql("g")}, 'stamp_classifier', 'stamp_classifier_1.0.0',
                (array['AGN','SN','VS','asteroid','bogus'])[1 + (top + k) % 5],
                case when k = 0 then p1 else (1 - p1) * (array[0, 0.4, 0.3, 0.2, 0.1])[1 + k] end, k + 1
           from (select g, floor(random() * 5)::int as top, 0.4 + 0.6 * random() as p1 from generate_series($1::int, $2::int) g) s
           cross join generate_series(0, 4) k`,
        [from, to],
      );
      if ((to + 1) % 200_000 === 0 || to + 1 === objects) log(`loaded ${to + 1} / ${objects} objects`);
    }
    for (const ix of indexes.rows) await client.query(ix.indexdef);
    log(`indexes rebuilt (${indexes.rows.map((i) => i.indexname).join(", ")})`);
    await client.query("set session_replication_role = origin");
    await client.query("vacuum analyze object, detection, non_detection, probability");
    log("vacuum analyze done");
  } finally {
    client.release();
  }
}
