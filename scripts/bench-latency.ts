// `npm run bench:latency [-- --rate 250 --seconds 20]`: replays synthetic alerts (made from the
// bundled night, as bench:ingest) at a fixed rate into a fresh database with the stamp classifier,
// as `npm start` ingests, and reports alert→visible (read by the worker → its batch committed) and
// alert→classified (→ the commit that stored the object's stamp classification; the light-curve
// classifier is a debounced pass, not measured here) percentiles.
// The last line is JSON: {"bench":"latency","rate","alerts","visible_p50_ms","visible_p95_ms","classified_p95_ms",...}.
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { loadCurrentStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { type AlertSourceFile, readAlertSource } from "../lib/ingest/alert-sources";
import { createDecoder } from "../lib/ingest/decode-pool";
import { ingestAlertFiles } from "../lib/ingest/ingest-alerts";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";
import { createPipeline } from "../lib/pipeline/pipeline";
import { createDb } from "../lib/server/db";
import { databaseUrl, dropDatabase, ensureDatabaseExists, startEmbeddedPostgres } from "../lib/server/embedded-postgres";
import { applyMigrations } from "../lib/server/migrate";

const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "250" },
    seconds: { type: "string", default: "20" },
    /** Alerts per transaction: small batches keep the wait for a batch to fill short at a steady rate. */
    batch: { type: "string", default: "25" },
  },
  allowPositionals: true,
});
const rate = Number(values.rate);
const count = Math.round(rate * Number(values.seconds));
const batchSize = Number(values.batch);

const admin = process.env.BENCH_DATABASE_URL
  ? { adminUrl: process.env.BENCH_DATABASE_URL, owned: false, stop: async () => undefined }
  : await startEmbeddedPostgres({ dataDir: path.resolve(".data/bench"), port: Number(process.env.CIELO_BENCH_PG_PORT ?? 54332) });
const database = `cielo_bench_latency_${Date.now()}`;
await ensureDatabaseExists(admin.adminUrl, database);
const url = databaseUrl(admin.adminUrl, database);
await applyMigrations(url);
const db = createDb(url, { maxConnections: 4 });

const templates: AlertSourceFile[] = [];
for await (const file of readAlertSource(path.resolve("fixtures/alerts/night-2018-11-29"))) templates.push(file);
const alerts = [...syntheticAlerts(templates, count)];
const candidOf = (file: AlertSourceFile) => BigInt(path.basename(file.name, ".avro").split("_")[1]!);
const oidOf = new Map<bigint, string>();

const stampClassifier = await loadCurrentStampClassifier((line) => console.log(line));
const decoder = createDecoder({ stampTensors: stampClassifier !== undefined });
const arrivedAt = new Map<bigint, number>();
const visibleMs = new Map<bigint, number>();

/** Alerts arrive on a fixed schedule (rate per second), whatever the ingest is doing. */
async function* arriving(): AsyncGenerator<AlertSourceFile> {
  const start = performance.now();
  for (const [i, alert] of alerts.entries()) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    // Arrival = the schedule, not when the ingest pulled it: a backlog counts as latency.
    arrivedAt.set(candidOf(alert), due);
    yield alert;
  }
}

// A steady stream: a batch is written when full, so at 250 alerts/s a 25-alert batch fills in 0.1 s.
const started = performance.now();
const summary = await ingestAlertFiles(db.pool, arriving(), {
  batchSize,
  concurrency: 2,
  decoder,
  pipeline: createPipeline({ models: { stamp: stampClassifier } }),
  onBatchCommitted: (candids) => {
    const now = performance.now();
    for (const candid of candids) visibleMs.set(candid, now - (arrivedAt.get(candid) ?? now));
  },
});
const seconds = (performance.now() - started) / 1000;
await decoder.close();
await stampClassifier?.close();

const { rows } = await db.pool.query<{ candid: string; oid: string }>(
  `SELECT a.candid::text AS candid, a.oid FROM alert_packet a
    WHERE EXISTS (SELECT 1 FROM probability p WHERE p.oid = a.oid AND p.classifier_name = 'stamp_classifier')`,
);
for (const r of rows) oidOf.set(BigInt(r.candid), r.oid);
await db.close();
await dropDatabase(admin.adminUrl, database);
await admin.stop();

const quantile = (sorted: number[], q: number) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!) : null;
const visible = [...visibleMs.values()].sort((a, b) => a - b);
const classified = [...visibleMs.entries()]
  .filter(([candid]) => oidOf.has(candid))
  .map(([, v]) => v)
  .sort((a, b) => a - b);
console.log(
  `ingested ${summary.ingested} alerts in ${seconds.toFixed(1)} s (target ${rate}/s, achieved ${(summary.ingested / seconds).toFixed(0)}/s); ${classified.length} stamp-classified`,
);
console.log(
  JSON.stringify({
    bench: "latency",
    rate,
    alerts: summary.ingested,
    achieved_alerts_per_s: Math.round(summary.ingested / seconds),
    batch_size: batchSize,
    visible_p50_ms: quantile(visible, 0.5),
    visible_p95_ms: quantile(visible, 0.95),
    classified_p50_ms: quantile(classified, 0.5),
    classified_p95_ms: quantile(classified, 0.95),
    stamp_classifier: stampClassifier ? stampClassifier.manifest.classifierVersion : null,
  }),
);
