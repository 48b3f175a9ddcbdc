// `npm run ingest -- <file.avro | folder | night.tar.gz> [...]`: ingests ZTF alerts into the database
// the app uses (the embedded one, started or reused, or DATABASE_URL), with progress and a summary.
import { readAlertSource } from "../lib/ingest/alert-sources";
import { ingestAlertFiles, type IngestSummary } from "../lib/ingest/ingest-alerts";
import { createDb } from "../lib/server/db";
import { openDatabase } from "../lib/server/open-database";

const targets = process.argv.slice(2).filter((a) => a !== "--");
if (targets.length === 0) {
  console.error("usage: npm run ingest -- <file.avro | folder | archive.tar.gz> [more ...]");
  process.exit(2);
}

const database = await openDatabase({ log: (line) => console.log(`[db] ${line}`) });
const db = createDb(database.url);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping after the current batch ...");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const progress = (s: IngestSummary) => {
  if (!process.stdout.isTTY) return;
  const rate = s.alertsRead / Math.max(s.elapsedMs / 1000, 1e-3);
  process.stdout.write(`\r${s.files} files, ${s.alertsRead} alerts read, ${s.ingested} ingested, ${s.duplicates} duplicates, ${s.rejected.length} rejected (${rate.toFixed(0)} alerts/s)   `);
};

const totals: IngestSummary = { files: 0, filesAlreadyIngested: 0, alertsRead: 0, ingested: 0, duplicates: 0, rejected: [], objects: 0, elapsedMs: 0 };
let failed = false;
try {
  for (const target of targets) {
    if (stopping) break;
    try {
      const s = await ingestAlertFiles(db.pool, readAlertSource(target), { onProgress: progress, shouldStop: () => stopping });
      totals.files += s.files;
      totals.alertsRead += s.alertsRead;
      totals.ingested += s.ingested;
      totals.duplicates += s.duplicates;
      totals.rejected.push(...s.rejected);
      totals.objects += s.objects;
      totals.elapsedMs += s.elapsedMs;
    } catch (error) {
      failed = true;
      console.error(`\n${target}: ${(error as Error).message}`);
    }
  }
  if (process.stdout.isTTY) process.stdout.write("\n");
  console.log(
    `files: ${totals.files}  alerts read: ${totals.alertsRead}  ingested: ${totals.ingested}  ` +
      `skipped as duplicates: ${totals.duplicates}  rejected: ${totals.rejected.length}  objects touched: ${totals.objects}  ` +
      `(${(totals.elapsedMs / 1000).toFixed(1)} s)`,
  );
  for (const r of totals.rejected) console.log(`  rejected ${r.source}${r.record === null ? "" : ` record ${r.record}`}: ${r.reason}`);
} finally {
  await db.close();
  await database.server.stop();
}
process.exit(failed ? 1 : 0);
