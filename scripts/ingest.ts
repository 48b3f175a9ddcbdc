// `npm run ingest -- <file.avro | folder | night.tar.gz> [...]`: ingests ZTF alerts into the database
// the app uses (the embedded one, started or reused, or DATABASE_URL), with a progress line
// (alerts done, rate, ETA) and a summary. A source adapter over the worker runtime (workers/runtime.ts):
// the replay shows in /api/health as a "replay" worker while it runs. SIGINT/SIGTERM stop after the
// batches being written.
import { alertSourceSize, readAlertSource, type SourceProgress } from "../lib/ingest/alert-sources";
import { emptySummary, type IngestSummary } from "../lib/ingest/ingest-alerts";
import { addStepOutcomes } from "../lib/pipeline/pipeline";
import { stampClassifierStep } from "../lib/pipeline/steps/classify-new-objects";
import { runWorker, type WorkerRuntime } from "../workers/runtime";

const targets = process.argv.slice(2).filter((a) => a !== "--");
if (targets.length === 0) {
  console.error("usage: npm run ingest -- <file.avro | folder | archive.tar.gz> [more ...]");
  process.exit(2);
}

async function replay(runtime: WorkerRuntime): Promise<number> {
  const totals = emptySummary();
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
    void runtime.heartbeat();
  }

  let failed = false;
  for (const target of targets) {
    if (runtime.isStopping()) break;
    try {
      const s = await runtime.ingest(readAlertSource(target, progress), { onProgress: progressLine });
      totals.files += s.files;
      totals.alertsRead += s.alertsRead;
      totals.ingested += s.ingested;
      totals.duplicates += s.duplicates;
      totals.rejected.push(...s.rejected);
      totals.objects += s.objects;
      addStepOutcomes(totals.steps, s.steps);
    } catch (error) {
      failed = true;
      runtime.log.error({ target, err: (error as Error).message }, "ingestion failed");
    }
  }
  if (process.stderr.isTTY) process.stderr.write("\n");
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `files: ${totals.files}  alerts read: ${totals.alertsRead}  ingested: ${totals.ingested}  ` +
      `skipped as duplicates: ${totals.duplicates}  rejected (quarantined): ${totals.rejected.length}  objects touched: ${totals.objects}  ` +
      `(${seconds.toFixed(1)} s, ${(totals.alertsRead / Math.max(seconds, 1e-3)).toFixed(0)} alerts/s)`,
  );
  const stamps = totals.steps[stampClassifierStep.name];
  if (stamps) {
    console.log(
      `stamp classifier: ${stamps.classified ?? 0} new objects classified, ${stamps.skippedNoStamps ?? 0} first alerts without usable cutouts, ` +
        `${stamps.snVetoed ?? 0} kept out of SN by ALeRCE's SN rule`,
    );
  }
  for (const r of totals.rejected) console.log(`  rejected ${r.source}${r.record === null ? "" : ` record ${r.record}`}: ${r.reason}`);
  // The debounced steps (objects with new detections get their light-curve classification) once the replay is written.
  if (!runtime.isStopping()) await runtime.runDebouncedPass();
  return failed ? 1 : 0;
}

await runWorker({ kind: "replay", logName: "ingest", maxConnections: 10 }, replay);
