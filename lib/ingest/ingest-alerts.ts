import crypto from "node:crypto";
import type pg from "pg";
import { readAlertFile } from "../alerts/read-alert-file";
import { type AlertRows, alertRows } from "./alert-rows";
import type { AlertSourceFile } from "./alert-sources";
import { type IngestedFileRow, persistAlertBatch } from "./persist-alert-batch";

export interface Rejection {
  source: string;
  /** Index of the record in its container, or null when the whole file was unreadable. */
  record: number | null;
  reason: string;
}

export interface IngestSummary {
  files: number;
  /** Files skipped because a file with the same content was ingested before (skipKnownFiles). */
  filesAlreadyIngested: number;
  alertsRead: number;
  ingested: number;
  duplicates: number;
  rejected: Rejection[];
  objects: number;
  elapsedMs: number;
}

export interface IngestOptions {
  /** Alerts per transaction. */
  batchSize?: number;
  /** Skip files whose content hash is in ingested_file (used for the bundled sample at start-up). */
  skipKnownFiles?: boolean;
  onProgress?: (summary: IngestSummary) => void;
  /** Checked between batches: stop early and cleanly (e.g. on SIGTERM). */
  shouldStop?: () => boolean;
}

interface PendingFile {
  row: IngestedFileRow;
  candids: bigint[];
}

function emptySummary(): IngestSummary {
  return { files: 0, filesAlreadyIngested: 0, alertsRead: 0, ingested: 0, duplicates: 0, rejected: [], objects: 0, elapsedMs: 0 };
}

async function recordRejections(pool: pg.Pool, rejections: Rejection[], fileBytes: Buffer): Promise<void> {
  // The file's bytes are kept once, with its first rejection, so nothing is lost for a later replay.
  for (const [i, r] of rejections.entries()) {
    await pool.query("INSERT INTO rejected_alert (source, record, reason, bytes) VALUES ($1, $2, $3, $4)", [
      r.source,
      r.record,
      r.reason,
      i === 0 ? fileBytes : null,
    ]);
  }
}

/**
 * Reads alert files and writes them to the database in batches (one transaction each).
 * A bad file or record is reported and kept in rejected_alert with its reason; the rest goes on.
 */
export async function ingestAlertFiles(
  pool: pg.Pool,
  sources: AsyncIterable<AlertSourceFile>,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const batchSize = options.batchSize ?? 250;
  const started = performance.now();
  const summary = emptySummary();
  const objects = new Set<string>();
  let batch: AlertRows[] = [];
  let pending: PendingFile[] = [];

  const flush = async () => {
    if (batch.length === 0 && pending.length === 0) return;
    const client = await pool.connect();
    try {
      const outcome = await persistAlertBatch(client, batch, []);
      summary.ingested += outcome.ingested.size;
      summary.duplicates += outcome.duplicates;
      for (const oid of outcome.objects) objects.add(oid);
      // Credit each written alert to the first file of the batch that carried it.
      const unclaimed = new Set(outcome.ingested);
      for (const file of pending) {
        file.row.alerts_ingested = file.candids.filter((c) => unclaimed.delete(c)).length;
        file.row.alerts_duplicate = file.candids.length - file.row.alerts_ingested;
      }
      if (pending.length > 0) await persistAlertBatch(client, [], pending.map((p) => p.row));
    } finally {
      client.release();
    }
    batch = [];
    pending = [];
    summary.objects = objects.size;
    summary.elapsedMs = performance.now() - started;
    options.onProgress?.(summary);
  };

  for await (const file of sources) {
    summary.files += 1;
    const sha256 = crypto.createHash("sha256").update(file.bytes).digest("hex");
    if (options.skipKnownFiles) {
      const known = await pool.query("SELECT 1 FROM ingested_file WHERE sha256 = $1", [sha256]);
      if (known.rowCount) {
        summary.filesAlreadyIngested += 1;
        continue;
      }
    }
    const decoded = readAlertFile(file.bytes, file.name);
    const rejections: Rejection[] = decoded.rejected.map((r) => ({ source: file.name, record: r.index, reason: r.reason }));
    const rows: AlertRows[] = [];
    for (const [index, alert] of decoded.alerts.entries()) {
      try {
        rows.push(alertRows(alert, file.name));
      } catch (error) {
        rejections.push({ source: file.name, record: index, reason: (error as Error).message });
      }
    }
    summary.alertsRead += decoded.alerts.length;
    if (rejections.length > 0) {
      summary.rejected.push(...rejections);
      await recordRejections(pool, rejections, file.bytes);
    }
    batch.push(...rows);
    pending.push({
      row: {
        sha256,
        source: file.name,
        bytes: file.bytes.length,
        alerts_read: decoded.alerts.length,
        alerts_ingested: 0,
        alerts_duplicate: 0,
        alerts_rejected: rejections.length,
      },
      candids: rows.map((r) => r.candid),
    });
    if (batch.length >= batchSize) await flush();
    if (options.shouldStop?.()) break;
  }
  await flush();
  summary.elapsedMs = performance.now() - started;
  return summary;
}
