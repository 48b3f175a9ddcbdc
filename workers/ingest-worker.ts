// The ingest worker: a separate Node process on the same database as the app. It watches the inbox
// folder (CIELO_INBOX_DIR, default .data/inbox) and ingests each .avro / .tar.gz dropped there,
// then moves it to inbox/done/ (or inbox/failed/ with a .reason.txt when it could not be read).
// SIGTERM/SIGINT: the batches being written commit, then the process exits; an interrupted file
// stays in the inbox and is replayed (idempotently) at the next start.
import fs from "node:fs/promises";
import path from "node:path";
import { isAlertSourceFileName, readAlertSource } from "../lib/ingest/alert-sources";
import { loadCurrentStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { loadCurrentLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { runLightcurvePass } from "../lib/ingest/classify-lightcurves";
import { createDecoder } from "../lib/ingest/decode-pool";
import { ingestAlertFiles } from "../lib/ingest/ingest-alerts";
import { WorkerStatus } from "../lib/ingest/worker-status";
import { createDb } from "../lib/server/db";
import { getEnv } from "../lib/server/env";
import { createLogger } from "../lib/server/logger";
import { openDatabase } from "../lib/server/open-database";

const env = getEnv();
const log = createLogger("worker");
const database = await openDatabase({ log: (line) => log.info(line) });
const db = createDb(database.url, { maxConnections: 4 });
const stampClassifier = await loadCurrentStampClassifier((line) => log.info(line));
const lcClassifier = await loadCurrentLcClassifier((line) => log.info(line));
// With a classifier, the decode thread also builds the stamp tensors (off the writer thread).
const decoder = createDecoder({ stampTensors: stampClassifier !== undefined });
const status = new WorkerStatus(db.pool, "inbox");
await status.register();
const inbox = env.inboxDir;
await fs.mkdir(path.join(inbox, "done"), { recursive: true });
await fs.mkdir(path.join(inbox, "failed"), { recursive: true });

let stopping = false;
let wake: (() => void) | undefined;
const stop = () => {
  stopping = true;
  wake?.();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const counters = { alertsIngested: 0, alertsDuplicate: 0, alertsQuarantined: 0, lastBatchAt: null as Date | null };

interface Pending {
  file: string;
  mtimeMs: number;
}

/** Inbox files, oldest first; files still being written (modified in the last second) wait for the next scan. */
async function scanInbox(): Promise<{ ready: Pending[]; waiting: Pending[] }> {
  const entries = await fs.readdir(inbox, { withFileTypes: true });
  const all: Pending[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !isAlertSourceFileName(entry.name)) continue;
    const file = path.join(inbox, entry.name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat) all.push({ file, mtimeMs: stat.mtimeMs });
  }
  all.sort((a, b) => a.mtimeMs - b.mtimeMs || a.file.localeCompare(b.file));
  return { ready: all.filter((p) => Date.now() - p.mtimeMs > 1000), waiting: all };
}

async function heartbeat(waiting: Pending[]): Promise<void> {
  await status
    .report({ ...counters, backlog: waiting.length, oldestPendingAt: waiting[0] ? new Date(waiting[0].mtimeMs) : null })
    .catch((error: Error) => log.warn({ err: error.message }, "could not update worker_status"));
}

async function ingestOne(file: string): Promise<void> {
  const name = path.basename(file);
  try {
    const s = await ingestAlertFiles(db.pool, readAlertSource(file), { decoder, stampClassifier, shouldStop: () => stopping });
    counters.alertsIngested += s.ingested;
    counters.alertsDuplicate += s.duplicates;
    counters.alertsQuarantined += s.rejected.length;
    counters.lastBatchAt = new Date();
    log.info(
      { file: name, alerts: s.alertsRead, ingested: s.ingested, duplicates: s.duplicates, quarantined: s.rejected.length },
      "ingested",
    );
    if (stopping) return;
    const unreadable = s.rejected.filter((r) => r.record === null);
    if (unreadable.length > 0 && s.alertsRead === 0) {
      await fs.writeFile(
        path.join(inbox, "failed", `${name}.reason.txt`),
        unreadable.map((r) => `${r.source}: ${r.reason}`).join("\n") + "\n",
      );
      await fs.rename(file, path.join(inbox, "failed", name));
    } else {
      await fs.rename(file, path.join(inbox, "done", name));
    }
  } catch (error) {
    log.error({ file: name, err: (error as Error).message }, "ingestion failed; the file stays in the inbox");
  }
}

log.info({ inbox, pollMs: env.CIELO_INBOX_POLL_MS }, "watching the inbox");
let lcPassDue = true;
let lastLcPass = 0;
while (!stopping) {
  const { ready, waiting } = await scanInbox();
  await heartbeat(waiting);
  for (const { file } of ready) {
    if (stopping) break;
    await ingestOne(file);
  }
  if (ready.length > 0) {
    lcPassDue = true;
    continue;
  }
  // Light-curve classification of objects with new detections: once the inbox is drained (debounced),
  // at start (the sample npm start ingested) and every 5 min (objects other processes wrote).
  // A pass is bounded (1,000 objects, heartbeats between chunks) so new inbox files are not kept waiting.
  if (lcPassDue || Date.now() - lastLcPass > 300_000) {
    const lc = await runLightcurvePass(db.pool, lcClassifier, (line) => log.info(line), {
      maxObjects: 1000,
      shouldStop: () => stopping,
      onChunk: () => heartbeat(waiting),
    });
    lcPassDue = (lc?.classified ?? 0) >= 1000;
    lastLcPass = Date.now();
  }
  await new Promise<void>((resolve) => {
    wake = resolve;
    setTimeout(resolve, env.CIELO_INBOX_POLL_MS).unref();
  });
}
await status.stopped().catch(() => undefined);
await decoder.close();
await stampClassifier?.close();
await lcClassifier?.close();
await db.close();
await database.server.stop();
log.info("stopped");
