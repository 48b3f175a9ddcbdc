// The ingest worker: a separate Node process on the same database as the app. It watches the inbox
// folder (CIELO_INBOX_DIR, default .data/inbox) and ingests each .avro / .tar.gz dropped there,
// then moves it to inbox/done/ (or inbox/failed/ with a .reason.txt when it could not be read).
import fs from "node:fs/promises";
import path from "node:path";
import { isAlertSourceFileName, readAlertSource } from "../lib/ingest/alert-sources";
import { ingestAlertFiles } from "../lib/ingest/ingest-alerts";
import { createDb } from "../lib/server/db";
import { getEnv } from "../lib/server/env";
import { openDatabase } from "../lib/server/open-database";

const env = getEnv();
const log = (line: string) => console.log(`[worker] ${line}`);
const database = await openDatabase({ log });
const db = createDb(database.url, { maxConnections: 4 });
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

/** Files still being written (modified in the last second) are left for the next scan. */
async function readyFiles(): Promise<string[]> {
  const entries = await fs.readdir(inbox, { withFileTypes: true });
  const ready: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !isAlertSourceFileName(entry.name)) continue;
    const file = path.join(inbox, entry.name);
    const stat = await fs.stat(file);
    if (Date.now() - stat.mtimeMs > 1000) ready.push(file);
  }
  return ready.sort();
}

async function ingestOne(file: string): Promise<void> {
  const name = path.basename(file);
  try {
    const s = await ingestAlertFiles(db.pool, readAlertSource(file), { shouldStop: () => stopping });
    const unreadable = s.rejected.filter((r) => r.record === null);
    log(`${name}: ${s.alertsRead} alerts, ${s.ingested} ingested, ${s.duplicates} duplicates, ${s.rejected.length} rejected`);
    // Interrupted: the file stays in the inbox and is replayed (idempotently) at the next start.
    if (stopping) return;
    if (unreadable.length > 0 && s.alertsRead === 0) {
      await fs.writeFile(path.join(inbox, "failed", `${name}.reason.txt`), unreadable.map((r) => `${r.source}: ${r.reason}`).join("\n") + "\n");
      await fs.rename(file, path.join(inbox, "failed", name));
    } else {
      await fs.rename(file, path.join(inbox, "done", name));
    }
  } catch (error) {
    log(`${name}: ${(error as Error).message}`);
    await fs.writeFile(path.join(inbox, "failed", `${name}.reason.txt`), `${(error as Error).stack ?? error}\n`);
    await fs.rename(file, path.join(inbox, "failed", name)).catch(() => undefined);
  }
}

log(`watching ${inbox} (every ${env.CIELO_INBOX_POLL_MS} ms)`);
while (!stopping) {
  for (const file of await readyFiles()) {
    if (stopping) break;
    await ingestOne(file);
  }
  await new Promise<void>((resolve) => {
    wake = resolve;
    setTimeout(resolve, env.CIELO_INBOX_POLL_MS);
  });
}
await db.close();
await database.server.stop();
log("stopped");
