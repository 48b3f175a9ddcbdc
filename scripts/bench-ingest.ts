// `npm run bench:ingest [-- --alerts 20000 --batch 150 --concurrency 2 --classify --watchlist 100000]`: ingests N synthetic alerts made from the
// bundled real night (new objectIds and candids, jittered positions and magnitudes, real cutouts)
// into a fresh database and reports throughput and arrival→committed latency.
// The last line is one JSON object: {"bench":"ingest","alerts","alerts_per_s","latency_p50_ms","latency_p95_ms",...}.
import path from "node:path";
import { parseArgs } from "node:util";
import { readAlertSource, type AlertSourceFile } from "../lib/ingest/alert-sources";
import { loadCurrentStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { createDecoder } from "../lib/ingest/decode-pool";
import { ingestAlertFiles } from "../lib/ingest/ingest-alerts";
import { createPipeline } from "../lib/pipeline/pipeline";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";
import { createDb } from "../lib/server/db";
import { databaseUrl, dropDatabase, ensureDatabaseExists, startEmbeddedPostgres } from "../lib/server/embedded-postgres";
import { applyMigrations } from "../lib/server/migrate";
import { createRandomWatchlist } from "../lib/streams/random-watchlist";

const { values } = parseArgs({
  options: {
    alerts: { type: "string", default: "20000" },
    batch: { type: "string", default: "150" },
    concurrency: { type: "string", default: "2" },
    /** Also run the stamp classifier on each new object's first alert, as `npm start` does. */
    classify: { type: "boolean", default: false },
    /** Load a watchlist of this many random positions first (the watchlists step matches every alert against it). */
    watchlist: { type: "string", default: "0" },
  },
  allowPositionals: true,
});
const count = Number(values.alerts);
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);

const admin = process.env.BENCH_DATABASE_URL
  ? { adminUrl: process.env.BENCH_DATABASE_URL, owned: false, stop: async () => undefined }
  : await startEmbeddedPostgres({ dataDir: path.resolve(".data/bench"), port: Number(process.env.CIELO_BENCH_PG_PORT ?? 54332) });
const database = `cielo_bench_${Date.now()}`;
await ensureDatabaseExists(admin.adminUrl, database);
const url = databaseUrl(admin.adminUrl, database);
await applyMigrations(url);
const db = createDb(url, { maxConnections: 4 });
const watchlistTargets = Number(values.watchlist);
if (watchlistTargets > 0) await createRandomWatchlist(db.pool, { targets: watchlistTargets });

const templates: AlertSourceFile[] = [];
for await (const file of readAlertSource(path.resolve("fixtures/alerts/night-2018-11-29"))) templates.push(file);
let started = performance.now();
const alerts = [...syntheticAlerts(templates, count)];
const candidOf = (file: AlertSourceFile) => BigInt(path.basename(file.name, ".avro").split("_")[1]!);
const megabytes = alerts.reduce((n, a) => n + a.bytes.length, 0) / 1e6;
console.log(
  `made ${count} alerts (${megabytes.toFixed(0)} MB of Avro) from ${templates.length} real alerts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const arrivedAt = new Map<bigint, number>();
const latencies: number[] = [];
async function* arriving(): AsyncGenerator<AlertSourceFile> {
  for (const alert of alerts) {
    arrivedAt.set(candidOf(alert), performance.now());
    yield alert;
  }
}

const stampClassifier = values.classify ? await loadCurrentStampClassifier((line) => console.log(line)) : undefined;
// With a classifier, the decode thread also builds the stamp tensors (off the writer thread).
const decoder = createDecoder({ stampTensors: stampClassifier !== undefined });
started = performance.now();
const summary = await ingestAlertFiles(db.pool, arriving(), {
  batchSize,
  concurrency,
  decoder,
  pipeline: createPipeline({ models: { stamp: stampClassifier } }),
  onBatchCommitted: (candids) => {
    const now = performance.now();
    for (const candid of candids) latencies.push(now - (arrivedAt.get(candid) ?? now));
  },
  onProgress: (s) =>
    process.stdout.write(
      `\r${s.alertsRead} / ${count} alerts, ${(s.alertsRead / ((performance.now() - started) / 1000)).toFixed(0)} alerts/s   `,
    ),
});
const seconds = (performance.now() - started) / 1000;
await decoder.close();
await stampClassifier?.close();
process.stdout.write("\n");

const check = await db.pool.query<{ packets: number; objects: number }>(
  "select (select count(*) from alert_packet)::int as packets, (select count(*) from object)::int as objects",
);
await db.close();
await dropDatabase(admin.adminUrl, database);
await admin.stop();

latencies.sort((a, b) => a - b);
const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(
  `ingested ${summary.ingested} alerts (${check.rows[0]?.packets} packets, ${check.rows[0]?.objects} objects, ${summary.rejected.length} rejected) ` +
    `in ${seconds.toFixed(1)} s, batches of ${batchSize}`,
);
console.log(
  JSON.stringify({
    bench: "ingest",
    alerts: summary.ingested,
    alerts_per_s: Math.round(summary.ingested / seconds),
    latency_p50_ms: Math.round(quantile(0.5)),
    latency_p95_ms: Math.round(quantile(0.95)),
    batch_size: batchSize,
    concurrency,
    stamp_classifier: stampClassifier ? stampClassifier.manifest.classifierVersion : null,
    watchlist_targets: watchlistTargets,
  }),
);
