// The one worker runtime: everything an ingesting process needs, set up and torn down in one place.
// The inbox worker (workers/ingest-worker.ts), the Kafka worker (workers/kafka-worker.ts) and the CLI
// replay (scripts/ingest.ts) are source adapters over it: they read alerts from their source and hand
// them to runtime.ingest(), and decide when the pipeline's debounced steps run (runDebouncedPass).
//
// Start-up order: logger → database (embedded or DATABASE_URL, migrations) → pool → models →
// pipeline → decoder threads → worker_status row → signal handlers → heartbeat timer.
// Shutdown runs the same list backwards once the adapter returned (SIGINT/SIGTERM only ask it to stop).
import { isDatabaseUnavailableError } from "../lib/db/database-outage";
import type { AlertSourceFile } from "../lib/ingest/alert-sources";
import { type AlertDecoder, createDecoder } from "../lib/ingest/decode-pool";
import { type IngestOptions, ingestAlertFiles, type IngestSummary } from "../lib/ingest/ingest-alerts";
import { type WorkerKind, type WorkerProgress, WorkerStatus } from "../lib/ingest/worker-status";
import { loadCurrentLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { loadCurrentAnomalyDetector } from "../lib/classifiers/anomaly/anomaly-detector";
import { loadCurrentStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { createPipeline, type DebouncedPassOutcome, describePipeline, type Pipeline, runDebouncedPass } from "../lib/pipeline/pipeline";
import type { PassStepContext } from "../lib/pipeline/step";
import { createDb, type Db } from "../lib/server/db";
import { type Env, getEnv } from "../lib/server/env";
import { createLogger, type Logger } from "../lib/server/logger";
import { type OpenedDatabase, openDatabase } from "../lib/server/open-database";

/** How often the worker_status row is refreshed while the process is alive (health calls a worker gone after 60 s). */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/** Waiting for the database: the first retry after this, doubling up to DATABASE_RETRY_MAX_MS. */
const DATABASE_RETRY_FIRST_MS = 250;
const DATABASE_RETRY_MAX_MS = 15_000;
/** Input failures older than this no longer count in worker_status.recent_errors (health's "errors repeat"). */
export const RECENT_ERRORS_WINDOW_MS = 10 * 60_000;

export interface WorkerRuntimeOptions {
  kind: WorkerKind;
  /** The logger's name: `[worker] ...`, `[kafka] ...`. */
  logName: string;
  /** Pool size (default 4: two batch writers, quarantine, heartbeat). */
  maxConnections?: number;
  /** A database that is already running and migrated (tests); default: openDatabase() (DATABASE_URL or the embedded one). */
  databaseUrl?: string;
}

export interface WorkerRuntime {
  readonly env: Env;
  readonly log: Logger;
  readonly db: Db;
  readonly pipeline: Pipeline;
  readonly decoder: AlertDecoder;
  readonly status: WorkerStatus;
  /** Aborted on SIGINT/SIGTERM (or stop()): adapters finish the batches being written and return. */
  readonly stopSignal: AbortSignal;
  isStopping(): boolean;
  stop(reason: string): void;
  /** Waits `ms`, or less when the worker is asked to stop. */
  sleep(ms: number): Promise<void>;
  /**
   * Ingests alert files through the pipeline (the runtime's decoder and pipeline, stopping between
   * batches when asked); what it writes is counted in the worker_status heartbeat.
   */
  ingest(sources: AsyncIterable<AlertSourceFile>, options?: Omit<IngestOptions, "decoder" | "pipeline">): Promise<IngestSummary>;
  /** The source's own backlog (files waiting, messages behind) and the arrival time of its oldest waiting alert: the lag. */
  setBacklog(backlog: number | null, oldestPendingAt: Date | null): void;
  /** Writes the worker_status row now (also done every HEARTBEAT_INTERVAL_MS); a failure is logged, not thrown. */
  heartbeat(): Promise<void>;
  /**
   * Returns once PostgreSQL answers again (or the worker is asked to stop), probing with backoff
   * (250 ms doubling to 15 s). Call it when an operation failed with isDatabaseUnavailableError.
   */
  waitForDatabase(cause: unknown): Promise<void>;
  /** Counts a failed input (a file attempt) in worker_status: /api/health is degraded when they repeat. */
  noteInputError(reason: string): Promise<void>;
  /** The pipeline's debounced steps over what is pending, heartbeating between chunks. */
  runDebouncedPass(options?: Pick<PassStepContext, "maxObjects">): Promise<DebouncedPassOutcome>;
  /** Marks the worker stopped and releases everything, in reverse start-up order. */
  shutdown(): Promise<void>;
}

interface Totals {
  alertsIngested: number;
  alertsDuplicate: number;
  alertsQuarantined: number;
}

export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const env = getEnv();
  const log = createLogger(options.logName);
  const info = (line: string) => log.info(line);
  const database: OpenedDatabase = options.databaseUrl
    ? { url: options.databaseUrl, server: { adminUrl: options.databaseUrl, owned: false, stop: async () => undefined }, applied: [] }
    : await openDatabase({ log: info });
  const db = createDb(database.url, { maxConnections: options.maxConnections ?? 4 });
  const stamp = await loadCurrentStampClassifier(info);
  const lc = await loadCurrentLcClassifier(info);
  const anomaly = await loadCurrentAnomalyDetector(info);
  const pipeline = createPipeline({ models: { stamp, lc, anomaly }, log });
  log.info({ steps: describePipeline(pipeline) }, "pipeline");
  // With a stamp classifier, the decode threads also build the stamp tensors (off the writer thread).
  const decoder = createDecoder({ stampTensors: stamp !== undefined });
  const status = new WorkerStatus(db.pool, options.kind);
  await status.register();

  const stopping = new AbortController();
  const stop = (reason: string) => {
    if (stopping.signal.aborted) return;
    log.info(`${reason}: stopping after the batches being written`);
    stopping.abort(reason);
  };
  const onSignal = (signal: NodeJS.Signals) => stop(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const totals: Totals = { alertsIngested: 0, alertsDuplicate: 0, alertsQuarantined: 0 };
  // Ingests in progress: their running summaries count in the heartbeat before they return.
  const running = new Set<{ summary: IngestSummary | null }>();
  let lastBatchAt: Date | null = null;
  let backlog: { backlog: number | null; oldestPendingAt: Date | null } = { backlog: null, oldestPendingAt: null };

  const progress = (): WorkerProgress => {
    const now = { ...totals };
    for (const { summary } of running) {
      if (!summary) continue;
      now.alertsIngested += summary.ingested;
      now.alertsDuplicate += summary.duplicates;
      now.alertsQuarantined += summary.rejected.length;
    }
    return { ...now, lastBatchAt, ...backlog };
  };
  const recentErrors: number[] = [];
  let lastError: { reason: string; at: Date } | null = null;
  const errorsNow = () => {
    while (recentErrors.length > 0 && recentErrors[0]! < Date.now() - RECENT_ERRORS_WINDOW_MS) recentErrors.shift();
    return { recentErrors: recentErrors.length, lastError: lastError?.reason ?? null, lastErrorAt: lastError?.at ?? null };
  };
  // During a database outage the heartbeat fails every round: said once, not every poll.
  let heartbeatDown = false;
  const heartbeat = async () => {
    try {
      await status.report(progress(), errorsNow());
      heartbeatDown = false;
    } catch (error) {
      const down = isDatabaseUnavailableError(error);
      if (!(down && heartbeatDown)) log.warn({ err: (error as Error).message }, "could not update worker_status");
      heartbeatDown = down;
    }
  };
  const timer = setInterval(() => void heartbeat(), HEARTBEAT_INTERVAL_MS);
  timer.unref();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(wait);
        stopping.signal.removeEventListener("abort", done);
        resolve();
      };
      const wait = setTimeout(done, ms);
      wait.unref();
      stopping.signal.addEventListener("abort", done, { once: true });
    });

  const waitForDatabase = async (cause: unknown) => {
    const since = Date.now();
    log.warn({ err: cause instanceof Error ? cause.message : String(cause) }, "the database is unavailable; waiting for it");
    let delay = DATABASE_RETRY_FIRST_MS;
    while (!stopping.signal.aborted) {
      await sleep(delay * (0.8 + Math.random() * 0.4));
      try {
        await db.pool.query("SELECT 1");
        log.info({ down_s: Math.round((Date.now() - since) / 1000) }, "the database is back; resuming");
        await heartbeat();
        return;
      } catch (error) {
        if (!isDatabaseUnavailableError(error)) throw error;
        delay = Math.min(delay * 2, DATABASE_RETRY_MAX_MS);
      }
    }
  };

  return {
    env,
    log,
    db,
    pipeline,
    decoder,
    status,
    stopSignal: stopping.signal,
    isStopping: () => stopping.signal.aborted,
    stop,
    sleep,
    ingest: async (sources, ingestOptions = {}) => {
      const entry: { summary: IngestSummary | null } = { summary: null };
      running.add(entry);
      try {
        const summary = await ingestAlertFiles(db.pool, sources, {
          shouldStop: () => stopping.signal.aborted,
          ...ingestOptions,
          decoder,
          pipeline,
          onProgress: (current) => {
            entry.summary = current;
            lastBatchAt = new Date();
            ingestOptions.onProgress?.(current);
          },
        });
        entry.summary = summary;
        return summary;
      } finally {
        // What committed counts even when the ingestion then failed (its replay finds those alerts as duplicates).
        const summary = entry.summary;
        if (summary) {
          totals.alertsIngested += summary.ingested;
          totals.alertsDuplicate += summary.duplicates;
          totals.alertsQuarantined += summary.rejected.length;
          if (summary.ingested + summary.duplicates + summary.rejected.length > 0) lastBatchAt = new Date();
        }
        running.delete(entry);
      }
    },
    setBacklog: (count, oldestPendingAt) => {
      backlog = { backlog: count, oldestPendingAt };
    },
    heartbeat,
    waitForDatabase,
    noteInputError: async (reason) => {
      recentErrors.push(Date.now());
      lastError = { reason, at: new Date() };
      await heartbeat();
    },
    runDebouncedPass: (passOptions = {}) =>
      runDebouncedPass(pipeline, db.pool, { ...passOptions, shouldStop: () => stopping.signal.aborted, onChunk: heartbeat }),
    shutdown: async () => {
      clearInterval(timer);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await status.report(progress(), errorsNow()).catch(() => undefined);
      await status.stopped().catch((error: Error) => log.warn({ err: error.message }, "could not mark the worker stopped"));
      await decoder.close();
      await stamp?.close();
      await lc?.close();
      await anomaly?.close();
      await db.close();
      await database.server.stop();
      log.info("stopped");
    },
  };
}

/**
 * A worker process's main: starts the runtime, runs the source adapter until it returns (its exit
 * code, 0 by default), shuts the runtime down and exits. A runtime that cannot start (no database)
 * or an adapter that throws is one log line and exit code 1.
 */
export async function runWorker(
  options: WorkerRuntimeOptions,
  adapter: (runtime: WorkerRuntime) => Promise<number | void>,
): Promise<never> {
  let runtime: WorkerRuntime;
  try {
    runtime = await startWorkerRuntime(options);
  } catch (error) {
    createLogger(options.logName).fatal({ err: (error as Error).message.replace(/\s*\n\s*/g, " ") }, "cannot start");
    process.exit(1);
  }
  let exitCode = 0;
  try {
    exitCode = (await adapter(runtime)) ?? 0;
  } catch (error) {
    runtime.log.error({ err: (error as Error).message }, "stopped by an error");
    exitCode = 1;
  }
  await runtime.shutdown();
  process.exit(exitCode);
}
