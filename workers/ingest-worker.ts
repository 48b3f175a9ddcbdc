// The inbox worker: a separate Node process on the same database as the app, a source adapter over
// the worker runtime (workers/runtime.ts). It watches the inbox folder (CIELO_INBOX_DIR, default
// .data/inbox) and ingests each .avro / .tar.gz dropped there, then moves it to inbox/done/ (or
// inbox/failed/ with a .reason.txt when it could not be read).
// SIGTERM/SIGINT: the batches being written commit, then the process exits; an interrupted file
// stays in the inbox and is replayed (idempotently) at the next start.
import fs from "node:fs/promises";
import path from "node:path";
import { isAlertSourceFileName, readAlertSource } from "../lib/ingest/alert-sources";
import { runWorker, type WorkerRuntime } from "./runtime";

/** Debounced steps (the light-curve classifier) after the inbox drained, and at least this often. */
const DEBOUNCED_PASS_EVERY_MS = 300_000;
/** Objects per debounced pass, so new inbox files are not kept waiting by a long pass. */
const DEBOUNCED_PASS_MAX_OBJECTS = 1000;

interface Pending {
  file: string;
  mtimeMs: number;
}

/** Inbox files, oldest first; files still being written (modified in the last second) wait for the next scan. */
async function scanInbox(inbox: string): Promise<{ ready: Pending[]; waiting: Pending[] }> {
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

async function ingestOne(runtime: WorkerRuntime, inbox: string, file: string): Promise<void> {
  const { log } = runtime;
  const name = path.basename(file);
  try {
    const s = await runtime.ingest(readAlertSource(file));
    log.info(
      { file: name, alerts: s.alertsRead, ingested: s.ingested, duplicates: s.duplicates, quarantined: s.rejected.length },
      "ingested",
    );
    if (runtime.isStopping()) return;
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

async function watchInbox(runtime: WorkerRuntime): Promise<void> {
  const inbox = runtime.env.inboxDir;
  const pollMs = runtime.env.CIELO_INBOX_POLL_MS;
  await fs.mkdir(path.join(inbox, "done"), { recursive: true });
  await fs.mkdir(path.join(inbox, "failed"), { recursive: true });
  runtime.log.info({ inbox, pollMs }, "watching the inbox");

  // Debounced steps: once the inbox is drained, at start (the sample npm start ingested) and every
  // 5 min (objects other processes wrote).
  let passDue = true;
  let lastPass = 0;
  while (!runtime.isStopping()) {
    const { ready, waiting } = await scanInbox(inbox);
    runtime.setBacklog(waiting.length, waiting[0] ? new Date(waiting[0].mtimeMs) : null);
    await runtime.heartbeat();
    for (const { file } of ready) {
      if (runtime.isStopping()) break;
      await ingestOne(runtime, inbox, file);
    }
    if (ready.length > 0) {
      passDue = true;
      continue;
    }
    if (passDue || Date.now() - lastPass > DEBOUNCED_PASS_EVERY_MS) {
      const pass = await runtime.runDebouncedPass({ maxObjects: DEBOUNCED_PASS_MAX_OBJECTS });
      passDue = pass.morePending;
      lastPass = Date.now();
    }
    await runtime.sleep(pollMs);
  }
}

await runWorker({ kind: "inbox", logName: "worker" }, watchInbox);
