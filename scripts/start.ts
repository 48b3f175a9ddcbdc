// `npm start`: the embedded PostgreSQL (unless DATABASE_URL is set), migrations, the bundled sample
// alerts (once), a production build when the sources changed, then the ingest worker and the Next.js
// server, supervised: a child that exits is restarted with backoff, and after MAX_RESTARTS quick
// failures in a row the launcher gives up and stops everything. PostgreSQL and the children run in
// process groups of their own, so Ctrl-C reaches only npm and this launcher, which stops them in
// order: the worker (it stops taking files and commits its batch), then Next, then PostgreSQL.
// SIGINT, SIGTERM and SIGHUP do the same, and so does the end of the parent process (a SIGTERM to
// `npm`). See docs/operations.md and docs/decisions/0022.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { readAlertSource } from "../lib/ingest/alert-sources";
import { loadCurrentStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { createDecoder } from "../lib/ingest/decode-pool";
import { ingestAlertFiles } from "../lib/ingest/ingest-alerts";
import { createPipeline } from "../lib/pipeline/pipeline";
import { ensureSampleCatalogs } from "../lib/catalogs/sample-catalogs";
import { createDb } from "../lib/server/db";
import { getEnv } from "../lib/server/env";
import { type OpenedDatabase, openDatabase } from "../lib/server/open-database";
import { ensureNextBuild } from "./next-build";
import { nextServerNodeArgs } from "./next-runtime";
import { Supervisor } from "./supervisor";

const SAMPLE_DIRS = ["fixtures/alerts/night-2018-11-29", "fixtures/alerts/samples", "fixtures/lsst/real", "fixtures/lsst-fink"];
const log = (line: string) => console.log(`[cielo] ${line}`);
const env = getEnv();
let shuttingDown = false;
let database: OpenedDatabase | undefined;
const supervisor = new Supervisor({ log, onGiveUp: () => void shutdown(1) });

// --ephemeral-database (the e2e tests): a new database on the embedded cluster, dropped at the end.
const ephemeral = process.argv.includes("--ephemeral-database") && !env.DATABASE_URL;
const EPHEMERAL_PREFIX = "cielo_ephemeral_";

/** Drops the ephemeral databases of earlier runs (or, at shutdown, this run's). */
async function dropEphemeralDatabases(adminUrl: string, keepUrl: string | null): Promise<void> {
  const keep = keepUrl ? new URL(keepUrl).pathname.slice(1) : null;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [
      `${EPHEMERAL_PREFIX}%`,
    ]);
    for (const { datname } of rows) if (datname !== keep) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}

/** Stops everything in the order of docs/decisions/0022: intake and the batch being written, then the pages, then the database. */
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  clearInterval(parentWatch);
  log("stopping ...");
  await supervisor.stopAll(["worker", "delivery", "next"]);
  // A stop while PostgreSQL was starting waits for it, to stop it rather than leave it running.
  database ??= await opening.catch(() => undefined);
  if (database) {
    if (ephemeral) await dropEphemeralDatabases(database.server.adminUrl, null).catch(() => undefined);
    await database.server.stop();
  }
  log("stopped");
  process.exit(code);
}

// Installed first, so that a stop during start-up (PostgreSQL starting, the build) is orderly too.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    log(`${signal} received`);
    void shutdown(0);
  });
}

// A SIGTERM to `npm` (what a container stop sends) can end npm without passing it on: when the
// parent is gone, stop as if signalled, so that nothing is left running.
const parentPid = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid === parentPid) return;
  log(`the parent process (${parentPid}) is gone`);
  void shutdown(0);
}, 500);

const opening = openDatabase({
  log: (line) => log(line),
  databaseName: ephemeral ? `${EPHEMERAL_PREFIX}${Date.now()}` : undefined,
});
database = await opening;
// Stopped while PostgreSQL was starting: shutdown() finishes the job and exits.
if (shuttingDown) await new Promise<never>(() => undefined);
if (ephemeral) {
  await dropEphemeralDatabases(database.server.adminUrl, database.url);
  fs.writeFileSync(path.join(env.dataDir, "ephemeral-database-url"), database.url + "\n", { mode: 0o600 });
}
{
  const server = database.server;
  // The embedded PostgreSQL is supervised too: killed or crashed, it is started again with backoff;
  // meanwhile the app answers 503 and the worker waits for it (docs/operations.md).
  server.onUnexpectedExit?.((code, signal) => {
    if (shuttingDown) return;
    supervisor.restartExternal("postgresql", signal ?? `code ${code}`, async () => {
      await server.restart?.();
    });
  });
}
const childEnv = { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" };
const STOP_WITH_PARENT = ["--import", path.resolve("scripts/stop-with-parent.mjs")];

async function ingestSample(): Promise<void> {
  if (env.CIELO_SKIP_SAMPLE) return;
  const db = createDb(database!.url, { maxConnections: 2 });
  const stampClassifier = await loadCurrentStampClassifier(log);
  // With a classifier, the decode thread also builds the stamp tensors (off the writer thread).
  const decoder = createDecoder({ stampTensors: stampClassifier !== undefined });
  try {
    for (const dir of SAMPLE_DIRS) {
      const s = await ingestAlertFiles(db.pool, readAlertSource(path.resolve(dir)), {
        skipKnownFiles: true,
        decoder,
        pipeline: createPipeline({ models: { stamp: stampClassifier } }),
      });
      if (s.files > s.filesAlreadyIngested) {
        log(
          `sample ${dir}: ${s.alertsRead} alerts read, ${s.ingested} ingested, ${s.duplicates} duplicates, ${s.rejected.length} rejected`,
        );
      }
    }
  } finally {
    await decoder.close();
    await stampClassifier?.close();
    await db.close();
  }
}

/** The bundled catalogs (the AllWISE sample), loaded once: before the alerts, so their objects get crossmatched. */
async function loadSampleCatalogs(): Promise<void> {
  const db = createDb(database!.url, { maxConnections: 2 });
  try {
    for (const c of await ensureSampleCatalogs(db.pool)) log(`catalog ${c.name}: ${c.rows} rows loaded (${c.badRows} bad rows)`);
  } catch (error) {
    // The app works without it (the catalog API lists no catalog): say so and go on.
    log(`the AllWISE sample catalog was not loaded: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await db.close();
  }
}

try {
  // The build and the sample ingestion are independent: run them side by side.
  await Promise.all([ensureNextBuild(log), loadSampleCatalogs().then(ingestSample)]);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}

if (!shuttingDown) {
  supervisor.start("worker", {
    args: [...STOP_WITH_PARENT, "--import", "tsx", "workers/ingest-worker.ts"],
    env: childEnv,
    stopTimeoutMs: 60_000,
  });
  // Streams: webhooks and Kafka deliveries from the outbox (docs/streams.md).
  supervisor.start("delivery", {
    args: [...STOP_WITH_PARENT, "--import", "tsx", "workers/delivery-worker.ts"],
    env: childEnv,
    stopTimeoutMs: 15_000,
  });
  supervisor.start("next", {
    args: [
      ...STOP_WITH_PARENT,
      // A V8 heap limit, which also bounds how far the heap grows between full collections (ADR 0048).
      ...nextServerNodeArgs(env.CIELO_NEXT_MAX_OLD_SPACE_MB),
      path.join("node_modules", "next", "dist", "bin", "next"),
      "start",
      "--port",
      String(env.PORT),
      ...(env.CIELO_LISTEN_HOST ? ["--hostname", env.CIELO_LISTEN_HOST] : []),
    ],
    env: childEnv,
    stopTimeoutMs: 15_000,
  });
  // Said once Next answers on its port, not when it was spawned.
  const probeHost = env.CIELO_LISTEN_HOST && env.CIELO_LISTEN_HOST !== "0.0.0.0" ? env.CIELO_LISTEN_HOST : "127.0.0.1";
  if (await supervisor.waitUntilAnswering("next", `http://${probeHost}:${env.PORT}/icon.svg`)) {
    log(`Cielo is running at http://${env.CIELO_LISTEN_HOST ? probeHost : "localhost"}:${env.PORT}  (Ctrl-C stops it)`);
  }
}
