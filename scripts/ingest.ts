// `npm run ingest -- <file.avro | folder | night.tar.gz> [...]`: ingests ZTF alerts into the database
// the app uses (the embedded one, started or reused, or DATABASE_URL), with a progress line
// (alerts done, rate, ETA) and a summary. SIGINT/SIGTERM stop after the batches being written.
import { alertSourceSize, readAlertSource, type SourceProgress } from "../lib/ingest/alert-sources";
import { loadCurrentStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { loadCurrentLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { runLightcurvePass } from "../lib/ingest/classify-lightcurves";
import { createDecoder } from "../lib/ingest/decode-pool";
import { ingestAlertFiles, type IngestSummary } from "../lib/ingest/ingest-alerts";
import { WorkerStatus } from "../lib/ingest/worker-status";
import { createDb } from "../lib/server/db";
import { createLogger } from "../lib/server/logger";
import { openDatabase } from "../lib/server/open-database";

const log = createLogger("ingest");
const targets = process.argv.slice(2).filter((a) => a !== "--");
if (targets.length === 0) {
  console.error("usage: npm run ingest -- <file.avro | folder | archive.tar.gz> [more ...]");
  process.exit(2);
}

const database = await openDatabase({ log: (line) => log.info(line) });
const db = createDb(database.url);
const stampClassifier = await loadCurrentStampClassifier((line) => log.info(line));
const lcClassifier = await loadCurrentLcClassifier((line) => log.info(line));
// With a classifier, the decode thread also builds the stamp tensors (off the writer thread).
const decoder = createDecoder({ stampTensors: stampClassifier !== undefined });
const status = new WorkerStatus(db.pool, "replay");
await status.register();

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  log.warn("stopping after the batches being written");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const totals: IngestSummary = {
  files: 0,
  filesAlreadyIngested: 0,
  alertsRead: 0,
  ingested: 0,
  duplicates: 0,
  rejected: [],
  objects: 0,
  elapsedMs: 0,
};
const totalBytes = (await Promise.all(targets.map(alertSourceSize))).reduce((a, b) => a + b, 0);
const progress: SourceProgress = { bytesRead: 0 };
const started = performance.now();
let lastLine = 0;

function progressLine(current: IngestSummary): void {
  const now = performance.now();
  if (now - lastLine < 1000) return;
  lastLine = now;
  const seconds = (now - started) / 1000;
  const alerts = totals.alertsRead + current.alertsRead;
  const fraction = totalBytes > 0 ? Math.min(progress.bytesRead / totalBytes, 1) : 0;
  const etaSeconds = fraction > 0 ? (seconds * (1 - fraction)) / fraction : Number.NaN;
  const eta = Number.isFinite(etaSeconds)
    ? `ETA ${Math.floor(etaSeconds / 60)}m${String(Math.round(etaSeconds % 60)).padStart(2, "0")}s`
    : "ETA ?";
  const line =
    `${alerts} alerts (${(fraction * 100).toFixed(1)}% of input), ${totals.ingested + current.ingested} ingested, ` +
    `${totals.duplicates + current.duplicates} duplicates, ${totals.rejected.length + current.rejected.length} quarantined, ` +
    `${(alerts / seconds).toFixed(0)} alerts/s, ${eta}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}   `);
  else process.stderr.write(`${line}\n`);
  void status
    .report({
      alertsIngested: totals.ingested + current.ingested,
      alertsDuplicate: totals.duplicates + current.duplicates,
      alertsQuarantined: totals.rejected.length + current.rejected.length,
      lastBatchAt: new Date(),
      backlog: null,
      oldestPendingAt: null,
    })
    .catch((error: Error) => log.warn({ err: error.message }, "could not update worker_status"));
}

let failed = false;
try {
  for (const target of targets) {
    if (stopping) break;
    try {
      const s = await ingestAlertFiles(db.pool, readAlertSource(target, progress), {
        decoder,
        stampClassifier,
        onProgress: progressLine,
        shouldStop: () => stopping,
      });
      totals.files += s.files;
      totals.alertsRead += s.alertsRead;
      totals.ingested += s.ingested;
      totals.duplicates += s.duplicates;
      totals.rejected.push(...s.rejected);
      totals.objects += s.objects;
      if (s.stamps) {
        totals.stamps ??= { classified: 0, skippedNoStamps: 0, snVetoed: 0 };
        totals.stamps.classified += s.stamps.classified;
        totals.stamps.skippedNoStamps += s.stamps.skippedNoStamps;
        totals.stamps.snVetoed += s.stamps.snVetoed;
      }
    } catch (error) {
      failed = true;
      log.error({ target, err: (error as Error).message }, "ingestion failed");
    }
  }
  if (process.stderr.isTTY) process.stderr.write("\n");
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `files: ${totals.files}  alerts read: ${totals.alertsRead}  ingested: ${totals.ingested}  ` +
      `skipped as duplicates: ${totals.duplicates}  rejected (quarantined): ${totals.rejected.length}  objects touched: ${totals.objects}  ` +
      `(${seconds.toFixed(1)} s, ${(totals.alertsRead / Math.max(seconds, 1e-3)).toFixed(0)} alerts/s)`,
  );
  if (totals.stamps) {
    console.log(
      `stamp classifier: ${totals.stamps.classified} new objects classified, ${totals.stamps.skippedNoStamps} first alerts without usable cutouts, ` +
        `${totals.stamps.snVetoed} kept out of SN by ALeRCE's SN rule`,
    );
  }
  for (const r of totals.rejected) console.log(`  rejected ${r.source}${r.record === null ? "" : ` record ${r.record}`}: ${r.reason}`);
  // Objects with new detections get their light-curve classification once the replay is written.
  if (!stopping) await runLightcurvePass(db.pool, lcClassifier, (line) => console.log(line), { shouldStop: () => stopping });
  await status.report({
    alertsIngested: totals.ingested,
    alertsDuplicate: totals.duplicates,
    alertsQuarantined: totals.rejected.length,
    lastBatchAt: new Date(),
    backlog: null,
    oldestPendingAt: null,
  });
  await status.stopped();
} finally {
  await decoder.close();
  await stampClassifier?.close();
  await lcClassifier?.close();
  await db.close();
  await database.server.stop();
}
process.exit(failed ? 1 : 0);
