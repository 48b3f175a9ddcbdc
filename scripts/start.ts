// `npm start`: the embedded PostgreSQL (unless DATABASE_URL is set), migrations, the bundled sample
// alerts (once), a production build when the sources changed, then the ingest worker and the Next.js
// server. Ctrl-C (SIGINT) or SIGTERM stops all of it: app, worker, then PostgreSQL.
import { type ChildProcess, spawn } from "node:child_process";
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
import { openDatabase } from "../lib/server/open-database";
import { ensureNextBuild } from "./next-build";

const SAMPLE_DIRS = ["fixtures/alerts/night-2018-11-29", "fixtures/alerts/samples"];
const log = (line: string) => console.log(`[cielo] ${line}`);
const env = getEnv();
const children = new Set<ChildProcess>();
let shuttingDown = false;

// --ephemeral-database (the e2e tests): a new database on the embedded cluster, dropped at the end.
const ephemeral = process.argv.includes("--ephemeral-database") && !env.DATABASE_URL;
const EPHEMERAL_PREFIX = "cielo_ephemeral_";
const database = await openDatabase({
  log: (line) => log(line),
  databaseName: ephemeral ? `${EPHEMERAL_PREFIX}${Date.now()}` : undefined,
});
if (ephemeral) {
  await dropEphemeralDatabases(database.server.adminUrl, database.url);
  fs.writeFileSync(path.join(env.dataDir, "ephemeral-database-url"), database.url + "\n", { mode: 0o600 });
}

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

async function shutdown(code: number): Promise<never> {
  if (shuttingDown) return new Promise<never>(() => undefined);
  shuttingDown = true;
  log("stopping ...");
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
  if (ephemeral) await dropEphemeralDatabases(database.server.adminUrl, null).catch(() => undefined);
  await database.server.stop();
  log("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function run(name: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" },
  });
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!shuttingDown) {
      log(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
  return child;
}

async function ingestSample(): Promise<void> {
  if (env.CIELO_SKIP_SAMPLE) return;
  const db = createDb(database.url, { maxConnections: 2 });
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
  const db = createDb(database.url, { maxConnections: 2 });
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
  run("worker", ["--import", "tsx", "workers/ingest-worker.ts"]);
  run("delivery", ["--import", "tsx", "workers/delivery-worker.ts"]); // streams: webhooks, Kafka (docs/streams.md)
  run("next", [path.join("node_modules", "next", "dist", "bin", "next"), "start", "--port", String(env.PORT)]);
  log(`Cielo is running at http://localhost:${env.PORT}  (Ctrl-C stops it)`);
}
