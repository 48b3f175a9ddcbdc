// The inbox worker: a separate Node process on the same database as the app, a source adapter over
// the worker runtime (workers/runtime.ts). It watches the inbox folder (CIELO_INBOX_DIR, default
// .data/inbox) and ingests each .avro / .tar.gz dropped there, then moves it to inbox/done/ (or
// inbox/failed/ with a .reason.txt when it could not be read).
//
// Several workers may watch one inbox: a worker claims a file by renaming it into its own
// inbox/processing/<pid>/ folder (rename is atomic, so exactly one worker gets each file) and works
// on it there. Claims of a worker that died go back to the inbox. A file whose ingestion throws is
// tried once more after a delay, then moved to failed/ with the reason; a database outage is not
// the file's fault: the worker waits for PostgreSQL (with backoff) and tries the file again.
// SIGTERM/SIGINT: the batches being written commit, then the process exits; an interrupted file
// goes back to the inbox and is replayed (idempotently) at the next start. See docs/operations.md.
import fs from "node:fs/promises";
import path from "node:path";
import { isDatabaseUnavailableError } from "../lib/db/database-outage";
import { isAlertSourceFileName, readAlertSource } from "../lib/ingest/alert-sources";
import { runWorker, type WorkerRuntime } from "./runtime";

/** Debounced steps (the light-curve classifier) after the inbox drained, and at least this often. */
const DEBOUNCED_PASS_EVERY_MS = 300_000;
/** Objects per debounced pass, so new inbox files are not kept waiting by a long pass. */
const DEBOUNCED_PASS_MAX_OBJECTS = 1000;
/** A file whose ingestion throws this many times moves to failed/. */
const MAX_FILE_ATTEMPTS = 2;
/** Delay before a failed file's next attempt (doubling per attempt). */
const RETRY_DELAY_MS = 3000;
/** After an unexpected error of the loop itself, wait this long (doubling to 60 s) before the next round. */
const LOOP_ERROR_DELAY_MS = 1000;

interface Pending {
  file: string;
  mtimeMs: number;
}

interface InboxFolders {
  inbox: string;
  done: string;
  failed: string;
  processing: string;
  /** This worker's claims: processing/<pid>. */
  claims: string;
}

/** A claimed file waiting for its next attempt. */
interface Retry {
  attempts: number;
  notBefore: number;
  reason: string;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

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

/** Moves `name` from the inbox into this worker's claims; false when another worker took it first. */
async function claim(folders: InboxFolders, name: string): Promise<boolean> {
  try {
    await fs.rename(path.join(folders.inbox, name), path.join(folders.claims, name));
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Files claimed by workers that are gone (killed, crashed) go back to the inbox; so do this
 * process's own leftovers (a dead worker that had the same pid). Racing workers may both try:
 * the loser's rename finds nothing, which is fine.
 */
async function returnOrphanedClaims(folders: InboxFolders, runtime: WorkerRuntime): Promise<void> {
  const owners = await fs.readdir(folders.processing, { withFileTypes: true });
  for (const owner of owners) {
    if (!owner.isDirectory() || !/^\d+$/.test(owner.name)) continue;
    const pid = Number(owner.name);
    if (pid !== process.pid && processAlive(pid)) continue;
    const dir = path.join(folders.processing, owner.name);
    for (const name of await fs.readdir(dir).catch(() => [])) {
      await fs.rename(path.join(dir, name), path.join(folders.inbox, name)).then(
        () => runtime.log.info({ file: name, from_pid: pid }, "returned an unfinished claim to the inbox"),
        (error: unknown) => {
          if (!isMissing(error)) throw error;
        },
      );
    }
    if (pid !== process.pid) await fs.rmdir(dir).catch(() => undefined);
  }
}

async function moveToFailed(folders: InboxFolders, name: string, reason: string): Promise<void> {
  await fs.writeFile(path.join(folders.failed, `${name}.reason.txt`), reason.endsWith("\n") ? reason : reason + "\n");
  await fs.rename(path.join(folders.claims, name), path.join(folders.failed, name));
}

type Attempt = { outcome: "done" | "failed" | "released" } | { outcome: "error"; reason: string };

/** One attempt at a claimed file; a database outage is waited out and the file tried again. */
async function attemptFile(runtime: WorkerRuntime, folders: InboxFolders, name: string): Promise<Attempt> {
  const { log } = runtime;
  const file = path.join(folders.claims, name);
  for (;;) {
    try {
      const s = await runtime.ingest(readAlertSource(file));
      log.info(
        { file: name, alerts: s.alertsRead, ingested: s.ingested, duplicates: s.duplicates, quarantined: s.rejected.length },
        "ingested",
      );
      if (runtime.isStopping()) {
        // Stopped part-way (or right after): the file is replayed at the next start.
        await fs.rename(file, path.join(folders.inbox, name));
        return { outcome: "released" };
      }
      const unreadable = s.rejected.filter((r) => r.record === null);
      if (unreadable.length > 0 && s.alertsRead === 0) {
        await moveToFailed(folders, name, unreadable.map((r) => `${r.source}: ${r.reason}`).join("\n"));
        return { outcome: "failed" };
      }
      await fs.rename(file, path.join(folders.done, name));
      return { outcome: "done" };
    } catch (error) {
      if (isDatabaseUnavailableError(error)) {
        await runtime.waitForDatabase(error);
        if (runtime.isStopping()) {
          await fs.rename(file, path.join(folders.inbox, name));
          return { outcome: "released" };
        }
        continue;
      }
      return { outcome: "error", reason: (error as Error).message };
    }
  }
}

async function watchInbox(runtime: WorkerRuntime): Promise<void> {
  const inbox = runtime.env.inboxDir;
  const folders: InboxFolders = {
    inbox,
    done: path.join(inbox, "done"),
    failed: path.join(inbox, "failed"),
    processing: path.join(inbox, "processing"),
    claims: path.join(inbox, "processing", String(process.pid)),
  };
  const pollMs = runtime.env.CIELO_INBOX_POLL_MS;
  for (const dir of [folders.done, folders.failed, folders.claims]) await fs.mkdir(dir, { recursive: true });
  await returnOrphanedClaims(folders, runtime);
  runtime.log.info({ inbox, pollMs }, "watching the inbox");

  const retries = new Map<string, Retry>();
  const handle = async (name: string, previous: Retry | undefined) => {
    const attempt = await attemptFile(runtime, folders, name);
    if (attempt.outcome !== "error") {
      retries.delete(name);
      return;
    }
    const attempts = (previous?.attempts ?? 0) + 1;
    await runtime.noteInputError(`${name}: ${attempt.reason}`);
    if (attempts >= MAX_FILE_ATTEMPTS) {
      retries.delete(name);
      runtime.log.error({ file: name, attempts, err: attempt.reason }, "ingestion failed again; the file moves to failed/");
      await moveToFailed(folders, name, `failed ${attempts} times; last error: ${attempt.reason}`);
      return;
    }
    const delay = RETRY_DELAY_MS * 2 ** (attempts - 1);
    runtime.log.warn({ file: name, attempts, retry_in_ms: delay, err: attempt.reason }, "ingestion failed; the file will be tried again");
    retries.set(name, { attempts, notBefore: Date.now() + delay, reason: attempt.reason });
  };

  // Debounced steps: once the inbox is drained, at start (the sample npm start ingested) and every
  // 5 min (objects other processes wrote).
  let passDue = true;
  let lastPass = 0;
  let loopErrorDelay = LOOP_ERROR_DELAY_MS;
  while (!runtime.isStopping()) {
    try {
      const { ready, waiting } = await scanInbox(inbox);
      runtime.setBacklog(waiting.length + retries.size, waiting[0] ? new Date(waiting[0].mtimeMs) : null);
      await runtime.heartbeat();
      let worked = false;
      for (const [name, retry] of retries) {
        if (runtime.isStopping()) break;
        if (retry.notBefore > Date.now()) continue;
        worked = true;
        await handle(name, retry);
      }
      for (const { file } of ready) {
        if (runtime.isStopping()) break;
        const name = path.basename(file);
        if (!(await claim(folders, name))) continue;
        worked = true;
        await handle(name, undefined);
      }
      loopErrorDelay = LOOP_ERROR_DELAY_MS;
      if (worked) {
        passDue = true;
        continue;
      }
      if (passDue || Date.now() - lastPass > DEBOUNCED_PASS_EVERY_MS) {
        const pass = await runtime.runDebouncedPass({ maxObjects: DEBOUNCED_PASS_MAX_OBJECTS });
        passDue = pass.morePending;
        lastPass = Date.now();
      }
      const nextRetry = Math.min(...[...retries.values()].map((r) => r.notBefore));
      await runtime.sleep(Math.max(0, Math.min(pollMs, nextRetry - Date.now())));
    } catch (error) {
      if (isDatabaseUnavailableError(error)) {
        await runtime.waitForDatabase(error);
        continue;
      }
      runtime.log.error({ err: (error as Error).message, retry_in_ms: loopErrorDelay }, "inbox round failed");
      await runtime.sleep(loopErrorDelay);
      loopErrorDelay = Math.min(loopErrorDelay * 2, 60_000);
    }
  }
  // Files waiting for a retry go back to the inbox for the next start (or another worker).
  for (const name of retries.keys()) await fs.rename(path.join(folders.claims, name), path.join(inbox, name)).catch(() => undefined);
  await fs.rmdir(folders.claims).catch(() => undefined);
}

await runWorker({ kind: "inbox", logName: "worker" }, watchInbox);
