// `npm run bench:ingest [-- --alerts 100000 --warmup 10000 --no-classify --survey ztf --batch 150 --concurrency 2 --watchlist 100000 --pg-stats --pg-setting name=value]`
//
// Ingests N synthetic alerts (made lazily from the bundled real night: new objectIds and candids,
// jittered positions and magnitudes, the real cutouts) into a fresh database through the pipeline
// as `npm start` runs it: every step of PIPELINE_STEPS, i.e. the stamp classifier, the crossmatch
// against the loaded sample catalog (AllWISE), the object statistics, and the debounced light-curve
// pass scheduled as the Kafka worker schedules it (at most once a minute, up to 1,000 objects, after
// a batch). `--no-classify` is the bare path: no models and no catalog (rows + statistics only).
//
// Before that, the same alerts are decoded alone (avsc container read + validation, one thread, no
// database): the local limit the pipeline is compared with (ratio_to_decode).
//
// `--pg-stats` starts PostgreSQL with pg_stat_statements and prints, before the JSON line, the
// steady state's statements by time, WAL per alert and the tables and indexes written (off by default).
//
// The first `--warmup` alerts (default 10 %) are reported apart; alerts_per_s, the latencies
// (arrival → committed) and rss_mb_max are the steady state after them.
// The last line is one JSON object: {"bench":"ingest","alerts_per_s","decode_only_alerts_per_s",
// "ratio_to_decode","latency_p50_ms","latency_p95_ms","rss_mb_max","alerts",...}.
import fs from "node:fs";
import path from "node:path";
import { performance as nodePerformance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { z } from "zod";
import { readAlertFile } from "../lib/alerts/read-alert-file";
import { ensureSampleCatalogs } from "../lib/catalogs/sample-catalogs";
import { loadCurrentLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { loadCurrentStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { readAlertSource, type AlertSourceFile } from "../lib/ingest/alert-sources";
import { createDecoder } from "../lib/ingest/decode-pool";
import { ingestAlertFiles } from "../lib/ingest/ingest-alerts";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";
import { createPipeline, runDebouncedPass } from "../lib/pipeline/pipeline";
import type { BatchStepContext, LsstBatchStepContext, Step } from "../lib/pipeline/step";
import { PIPELINE_STEPS } from "../lib/pipeline/steps";
import { readLsstAlerts } from "../lib/lsst/read-lsst-alerts";
import { syntheticLsstAlerts } from "../lib/lsst/synthetic-lsst-alerts";
import { createDb } from "../lib/server/db";
import { databaseUrl, dropDatabase, ensureDatabaseExists, startEmbeddedPostgres } from "../lib/server/embedded-postgres";
import { applyMigrations } from "../lib/server/migrate";
import { createRandomWatchlist } from "../lib/streams/random-watchlist";
import {
  enablePostgresStatistics,
  PG_STATS_SETTINGS,
  postgresStatisticsReport,
  resetPostgresStatistics,
} from "./bench/postgres-statistics";

/** The Kafka worker's schedule of the debounced steps (workers/kafka-adapter.ts). */
const DEBOUNCED_PASS_EVERY_MS = 60_000;
const DEBOUNCED_PASS_MAX_OBJECTS = 1000;

/**
 * A survey's synthetic alerts for the bench: `count` alert files made one at a time (never all in
 * memory), the same ones for the same seed, so the decode-only pass and the pipeline see the same bytes.
 */
type BenchAlertStream = (count: number, seed: number) => AsyncIterable<AlertSourceFile>;

/** The survey's Avro read + validation alone (no rows, no database): the decode-only reference. */
const DECODE_ONLY: Record<string, (file: AlertSourceFile) => number> = {
  ztf: (file) => readAlertFile(file.bytes, file.name).alerts.length,
  lsst: (file) => readLsstAlerts(file.bytes, file.name).alerts.length,
};

/**
 * Milliseconds this (main) thread spent making synthetic alerts: the bench's own feeding, part of
 * node_process_cpu_ms and main_thread_busy_ms but not of the pipeline (reported as bench_feed_ms).
 */
let feedMs = 0;
function* timedFeed<T>(alerts: Iterator<T>): Generator<T> {
  for (;;) {
    const started = performance.now();
    const next = alerts.next();
    feedMs += performance.now() - started;
    if (next.done) return;
    yield next.value;
  }
}

/** One entry per survey (`--survey`): prepares its templates once and returns its alert stream. */
const SURVEYS: Record<string, () => Promise<BenchAlertStream>> = {
  ztf: async () => {
    const templates: AlertSourceFile[] = [];
    for await (const file of readAlertSource(path.resolve("fixtures/alerts/night-2018-11-29"))) templates.push(file);
    return async function* (count, seed) {
      yield* timedFeed(syntheticAlerts(templates, count, seed));
    };
  },
  /** Synthetic Rubin alerts made from fixtures/lsst/real (Kafka wire format, schema 9.0, FITS cutouts). */
  lsst: async () => {
    const templates: Buffer[] = [];
    for await (const file of readAlertSource(path.resolve("fixtures/lsst/real"))) templates.push(file.bytes);
    return async function* (count, seed) {
      for (const alert of timedFeed(syntheticLsstAlerts(templates, count, { seed }))) yield { name: alert.name, bytes: alert.bytes };
    };
  },
};

const { values } = parseArgs({
  options: {
    alerts: { type: "string", default: "100000" },
    /** Alerts of the warm-up (default: 10 % of --alerts), reported apart from the steady state. */
    warmup: { type: "string" },
    survey: { type: "string", default: "ztf" },
    batch: { type: "string", default: "150" },
    concurrency: { type: "string", default: "2" },
    /** The bare path: no stamp or light-curve model and no catalog (rows and statistics only). */
    "no-classify": { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    /** Load a watchlist of this many random positions first (the watchlists step matches every alert against it). */
    watchlist: { type: "string", default: "0" },
    /** pg_stat_statements, WAL and index counters of the steady state (scripts/bench/postgres-statistics.ts). */
    "pg-stats": { type: "boolean", default: false },
    /** More settings for the PostgreSQL the bench starts (`name=value`, repeatable), for experiments. */
    "pg-setting": { type: "string", multiple: true, default: [] },
  },
  allowPositionals: true,
});
const positiveInt = z.coerce.number().int().positive();
const args = z
  .object({
    alerts: positiveInt,
    warmup: z.coerce.number().int().nonnegative().optional(),
    survey: z.enum(Object.keys(SURVEYS) as [string, ...string[]]),
    batch: positiveInt,
    concurrency: positiveInt,
    noClassify: z.boolean(),
    seed: z.coerce.number().int(),
    watchlist: z.coerce.number().int().nonnegative(),
    pgStats: z.boolean(),
    pgSetting: z.array(z.string().regex(/^[a-z_.]+=\S+$/)),
  })
  .parse({ ...values, noClassify: values["no-classify"], pgStats: values["pg-stats"], pgSetting: values["pg-setting"] });
const count = args.alerts;
const warmup = Math.min(args.warmup ?? Math.round(count / 10), count - 1);
const log = (line: string) => console.log(line);
const mb = (bytes: number) => Math.round(bytes / 1e6);

const alertStream = await SURVEYS[args.survey]!();

// ---- Decode only: the same alerts, avsc + validation on this thread, generation not timed. ----
let decodeMs = 0;
let decodeAlerts = 0;
{
  const chunk: AlertSourceFile[] = [];
  const decodeChunk = () => {
    const started = performance.now();
    const decodeOnly = DECODE_ONLY[args.survey]!;
    for (const file of chunk) decodeAlerts += decodeOnly(file);
    decodeMs += performance.now() - started;
    chunk.length = 0;
  };
  for await (const file of alertStream(count, args.seed)) {
    chunk.push(file);
    if (chunk.length === 500) decodeChunk();
  }
  decodeChunk();
}
const decodeOnlyRate = decodeAlerts / (decodeMs / 1000);
log(`decode only: ${decodeAlerts} alerts in ${(decodeMs / 1000).toFixed(1)} s of decoding = ${decodeOnlyRate.toFixed(0)} alerts/s`);

/**
 * CPU seconds (user + system) of a PostgreSQL cluster from /proc (Linux): its postmaster with the
 * backends it already reaped (cutime, cstime: a pooled connection closed when idle), and the live ones.
 */
function postgresCpuSeconds(clusterDir: string): number | null {
  const fieldsOf = (stat: string) => stat.slice(stat.lastIndexOf(")") + 2).split(" "); // after "pid (comm) "
  try {
    const postmaster = Number(fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[0]);
    let ticks = 0;
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let fields: string[];
      try {
        fields = fieldsOf(fs.readFileSync(`/proc/${entry}/stat`, "utf8"));
      } catch {
        continue; // exited meanwhile
      }
      // fields[1] = ppid; [11], [12] = utime, stime; [13], [14] = cutime, cstime (clock ticks)
      if (Number(entry) === postmaster) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      else if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100; // USER_HZ
  } catch {
    return null; // not Linux, or a server this bench did not start (BENCH_DATABASE_URL)
  }
}

// ---- The full pipeline. ----
const benchDataDir = path.resolve(".data/bench");
const admin = process.env.BENCH_DATABASE_URL
  ? { adminUrl: process.env.BENCH_DATABASE_URL, owned: false, stop: async () => undefined }
  : await startEmbeddedPostgres({
      dataDir: benchDataDir,
      port: Number(process.env.CIELO_BENCH_PG_PORT ?? process.env.CIELO_EMBEDDED_PG_PORT ?? 54332),
      settings: [...(args.pgStats ? PG_STATS_SETTINGS : []), ...args.pgSetting],
    });
if ((args.pgStats || args.pgSetting.length > 0) && !admin.owned)
  throw new Error("--pg-stats needs a PostgreSQL this bench starts (stop the one on the port)");
const database = `cielo_bench_${Date.now()}`;
await ensureDatabaseExists(admin.adminUrl, database);
const url = databaseUrl(admin.adminUrl, database);
await applyMigrations(url);
const db = createDb(url, { maxConnections: 5 });
const watchlistTargets = args.watchlist;
if (args.pgStats) await enablePostgresStatistics(db.pool);
if (watchlistTargets > 0) await createRandomWatchlist(db.pool, { targets: watchlistTargets });

const stamp = args.noClassify ? undefined : await loadCurrentStampClassifier(log);
const lc = args.noClassify ? undefined : await loadCurrentLcClassifier(log);
if (!args.noClassify) for (const c of await ensureSampleCatalogs(db.pool)) log(`catalog ${c.name}: ${c.rows} rows loaded`);
// Each step timed (wall time inside the batch's transaction, summed over batches; two writers overlap).
const stepMs = new Map<string, number>();
const timed = (step: Step): Step => {
  const time = async <T>(run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      if (warmupEnd) stepMs.set(step.name, (stepMs.get(step.name) ?? 0) + performance.now() - started);
    }
  };
  switch (step.stage) {
    case "batch":
      return { ...step, run: (context: BatchStepContext) => time(() => step.run(context)) };
    case "lsst-batch":
      return { ...step, run: (context: LsstBatchStepContext) => time(() => step.run(context)) };
    default:
      return step;
  }
};
const pipeline = createPipeline({ steps: PIPELINE_STEPS.map(timed), models: { stamp, lc } });
// As in workers/runtime.ts: with a stamp classifier the decode thread also builds the stamp tensors.
const decoder = createDecoder({ stampTensors: stamp !== undefined });

const arrivedAt = new Map<bigint, number>();
// ZTF: `<objectId>_<candid>.avro`; LSST: `synthetic-lsst-<diaSourceId>.avro`.
const candidOf = (file: AlertSourceFile) => BigInt(path.basename(file.name, ".avro").split(/[_-]/).at(-1)!);
async function* arriving(): AsyncGenerator<AlertSourceFile> {
  for await (const alert of alertStream(count, args.seed)) {
    arrivedAt.set(candidOf(alert), performance.now());
    yield alert;
  }
}

/** CPU used so far: this process (all threads), its main thread's and decode thread's busy time, PostgreSQL. */
const cpuSnapshot = () => {
  const usage = process.cpuUsage();
  return {
    processMs: (usage.user + usage.system) / 1000,
    mainMs: nodePerformance.eventLoopUtilization().active,
    decodeMs: decoder.busyMs?.() ?? 0,
    postgresMs: (postgresCpuSeconds(path.join(benchDataDir, "pg")) ?? NaN) * 1000,
    feedMs,
  };
};
let cpuAtWarmupEnd: ReturnType<typeof cpuSnapshot> | null = null;
const steadyLatencies: number[] = [];
const warmupLatencies: number[] = [];
let committed = 0;
let warmupEnd: { at: number; committed: number; rss: number } | null = null;
let steadyBatches = 0;
let steadyCommitted = 0;
let statisticsReset: Promise<void> | null = null;
let lastCommitAt = 0;
let rssMaxSteady = 0;
let rssMaxWarmup = 0;
const sampleRss = () => {
  const rss = process.memoryUsage.rss();
  if (warmupEnd) rssMaxSteady = Math.max(rssMaxSteady, rss);
  else rssMaxWarmup = Math.max(rssMaxWarmup, rss);
};
const rssTimer = setInterval(sampleRss, 250);

// The debounced pass, as the Kafka worker runs it: after a batch, at most once a minute, one at a time.
let lastPassAt = -Infinity;
let passRunning: Promise<void> | null = null;
let passes = 0;
let passObjects = 0;
let passMs = 0;
const passIfDue = () => {
  if (passRunning || performance.now() - lastPassAt < DEBOUNCED_PASS_EVERY_MS) return;
  lastPassAt = performance.now();
  passRunning = runDebouncedPass(pipeline, db.pool, { maxObjects: DEBOUNCED_PASS_MAX_OBJECTS }).then((outcome) => {
    passes += 1;
    passObjects += outcome.steps["lc-classifier"]?.classified ?? 0;
    passMs += performance.now() - lastPassAt;
    passRunning = null;
  });
};

const started = performance.now();
const summary = await ingestAlertFiles(db.pool, arriving(), {
  batchSize: args.batch,
  concurrency: args.concurrency,
  decoder,
  pipeline,
  onBatchCommitted: (candids) => {
    const now = performance.now();
    const latencies = warmupEnd ? steadyLatencies : warmupLatencies;
    for (const candid of candids) {
      latencies.push(now - (arrivedAt.get(candid) ?? now));
      arrivedAt.delete(candid);
    }
    committed += candids.size;
    lastCommitAt = now;
    if (warmupEnd) {
      steadyBatches += 1;
      steadyCommitted += candids.size;
    }
    if (!warmupEnd && committed >= warmup) {
      sampleRss();
      warmupEnd = { at: now, committed, rss: process.memoryUsage.rss() };
      cpuAtWarmupEnd = cpuSnapshot();
      if (args.pgStats) statisticsReset = resetPostgresStatistics(db.pool);
    }
    passIfDue();
  },
  onProgress: (s) =>
    process.stdout.write(
      `\r${s.ingested} / ${count} alerts, ${(s.ingested / ((performance.now() - started) / 1000)).toFixed(0)} alerts/s   `,
    ),
});
const cpuAtEnd = cpuSnapshot();
const totalSeconds = (lastCommitAt - started) / 1000;
await passRunning;
clearInterval(rssTimer);
sampleRss();
const rssEnd = process.memoryUsage.rss();
await decoder.close();
await stamp?.close();
await lc?.close();
process.stdout.write("\n");

const lsst = args.survey === "lsst";
const check = await db.pool.query<{ packets: number; objects: number; stamp: number; xmatch: number }>(
  lsst
    ? `select (select count(*) from lsst_alert)::int as packets, (select count(*) from survey_object)::int as objects,
       0 as stamp, (select count(*) from xmatch)::int as xmatch`
    : `select (select count(*) from alert_packet)::int as packets, (select count(*) from object)::int as objects,
   (select count(distinct oid) from probability where classifier_name = 'stamp_classifier')::int as stamp,
   (select count(*) from xmatch)::int as xmatch`,
);
if (args.pgStats) {
  await statisticsReset;
  for (const line of await postgresStatisticsReport(db.pool, { alerts: steadyCommitted, batches: steadyBatches })) log(line);
}
await db.close();
await dropDatabase(admin.adminUrl, database);
await admin.stop();

const end = warmupEnd ?? { at: started, committed: 0, rss: rssEnd };
const steadyAlerts = summary.ingested - end.committed;
const steadySeconds = (lastCommitAt - end.at) / 1000;
const steadyRate = steadyAlerts / steadySeconds;
const warmupRate = end.committed / ((end.at - started) / 1000);
const quantile = (values: number[], q: number) => {
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
};
const row = check.rows[0]!;
const perAlert = (ms: number) => Math.round((ms / steadyAlerts) * 1000) / 1000;
const cpuStart = cpuAtWarmupEnd ?? cpuAtEnd;
const profile = {
  node_process_cpu_ms: perAlert(cpuAtEnd.processMs - cpuStart.processMs),
  main_thread_busy_ms: perAlert(cpuAtEnd.mainMs - cpuStart.mainMs),
  decode_thread_busy_ms: perAlert(cpuAtEnd.decodeMs - cpuStart.decodeMs),
  postgres_cpu_ms: perAlert(cpuAtEnd.postgresMs - cpuStart.postgresMs),
  bench_feed_ms: perAlert(cpuAtEnd.feedMs - cpuStart.feedMs),
  steps_wall_ms: Object.fromEntries([...stepMs].map(([name, ms]) => [name, perAlert(ms)])),
};
log(`steady-state cost per alert (ms): ${JSON.stringify(profile)}`);
log(
  `ingested ${summary.ingested} alerts (${row.packets} packets, ${row.objects} objects, ${summary.rejected.length} rejected; ` +
    `stamp-classified ${row.stamp} objects, ${row.xmatch} xmatch rows; ${passes} light-curve passes, ${passObjects} objects, ${(passMs / 1000).toFixed(1)} s) ` +
    `in ${totalSeconds.toFixed(1)} s, batches of ${args.batch}`,
);
log(
  `warm-up: ${end.committed} alerts at ${warmupRate.toFixed(0)} alerts/s, p95 ${quantile(warmupLatencies, 0.95).toFixed(0)} ms, rss max ${mb(rssMaxWarmup)} MB; ` +
    `steady: ${steadyAlerts} alerts at ${steadyRate.toFixed(0)} alerts/s, rss ${mb(end.rss)} MB after the warm-up, ${mb(rssEnd)} MB at the end`,
);
console.log(
  JSON.stringify({
    bench: "ingest",
    survey: args.survey,
    pipeline: args.noClassify ? "bare" : "full",
    alerts: summary.ingested,
    alerts_per_s: Math.round(steadyRate),
    decode_only_alerts_per_s: Math.round(decodeOnlyRate),
    ratio_to_decode: Math.round((steadyRate / decodeOnlyRate) * 100) / 100,
    latency_p50_ms: Math.round(quantile(steadyLatencies, 0.5)),
    latency_p95_ms: Math.round(quantile(steadyLatencies, 0.95)),
    rss_mb_max: mb(rssMaxSteady),
    warmup_alerts: end.committed,
    warmup_alerts_per_s: Math.round(warmupRate),
    rss_mb_after_warmup: mb(end.rss),
    batch_size: args.batch,
    concurrency: args.concurrency,
    stamp_classifier: stamp ? stamp.manifest.classifierVersion : null,
    lc_classifier: lc ? lc.manifest.classifierVersion : null,
    lc_passes: passes,
    per_alert_ms: profile,
    watchlist_targets: watchlistTargets,
  }),
);
