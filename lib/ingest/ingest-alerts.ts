import crypto from "node:crypto";
import type pg from "pg";
import { addStepOutcomes, type Pipeline, type StepOutcomes } from "../pipeline/pipeline";
import type { LsstAlertRows } from "../lsst/lsst-alert-rows";
import { LSST_SURVEY, persistLsstBatch } from "../lsst/persist-lsst-batch";
import type { AlertRows } from "./alert-rows";
import type { AlertSourceFile } from "./alert-sources";
import type { DecodedFile, Rejection } from "./decode-alert-file";
import { type AlertDecoder, inlineDecoder } from "./decode-pool";
import { type IngestedFileRow, persistAlertBatch } from "./persist-alert-batch";

export type { Rejection } from "./decode-alert-file";

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
  /** Counters of the pipeline's batch steps, summed over the batches (by step name, e.g. steps["stamp-classifier"].classified). */
  steps: StepOutcomes;
}

export interface IngestOptions {
  /** Alerts per transaction (default 150: measured best with 2 writers on 2 cores, see docs/ingest.md). */
  batchSize?: number;
  /**
   * Register each file by content hash in ingested_file and skip files registered before (the
   * bundled sample at start-up, resumable replays). Alerts are deduplicated by candid either way.
   */
  skipKnownFiles?: boolean;
  onProgress?: (summary: IngestSummary) => void;
  /** Checked between batches: stop early and cleanly (e.g. on SIGTERM). */
  shouldStop?: () => boolean;
  /** Batches written at the same time, each on its own connection (default 2). */
  concurrency?: number;
  /** Where files are decoded (default: on this thread); see createDecoder(). */
  decoder?: AlertDecoder;
  /** Called after each batch's transaction committed, with the candids (ZTF) or diaSourceIds (LSST) it wrote. */
  onBatchCommitted?: (candids: ReadonlySet<bigint>) => void;
  /** The steps each batch runs in its transaction, with their models (default: PIPELINE_STEPS, no models). */
  pipeline?: Pipeline;
}

interface PendingFile {
  row: IngestedFileRow;
  candids: bigint[];
}

/** A summary with nothing counted yet (the start of a run, or the total over several). */
export function emptySummary(): IngestSummary {
  return {
    files: 0,
    filesAlreadyIngested: 0,
    alertsRead: 0,
    ingested: 0,
    duplicates: 0,
    rejected: [],
    objects: 0,
    elapsedMs: 0,
    steps: {},
  };
}

/**
 * Puts bad input in quarantine with its reason; the file's bytes are kept once, with its first
 * entry, so nothing is lost for a later replay. (sha256, record) is unique: a redelivered bad
 * message is recorded once.
 */
async function quarantine(pool: pg.Pool, rejections: Rejection[], fileBytes: Buffer, sha256: string): Promise<void> {
  for (const [i, r] of rejections.entries()) {
    await pool.query(
      `INSERT INTO quarantine (source, sha256, record, code, reason, bytes) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (sha256, record) DO NOTHING`,
      [r.source, sha256, r.record ?? -1, r.code, r.reason, i === 0 ? fileBytes : null],
    );
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const DECODE_AHEAD = 32;

/**
 * Reads alert files and writes them to the database in batches (one transaction each).
 * A bad file or record is reported and kept in quarantine with its reason; the rest goes on.
 */
export async function ingestAlertFiles(
  pool: pg.Pool,
  sources: AsyncIterable<AlertSourceFile>,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const batchSize = options.batchSize ?? 150;
  const started = performance.now();
  const summary = emptySummary();
  const objects = new Set<string>();
  let batch: AlertRows[] = [];
  let lsstBatch: LsstAlertRows[] = [];
  let pending: PendingFile[] = [];

  const persist = async (rows: AlertRows[], lsstRows: LsstAlertRows[], files: PendingFile[]) => {
    const client = await pool.connect();
    try {
      // ZTF and LSST alerts of a batch are two transactions; the file registry row comes after both,
      // so a crash in between replays the file and the stored survey's alerts count as duplicates.
      const empty = { ingested: new Set<bigint>(), duplicates: 0, objects: [], steps: {} };
      const outcome = rows.length > 0 || lsstRows.length === 0 ? await persistAlertBatch(client, rows, [], options.pipeline) : empty;
      options.onBatchCommitted?.(outcome.ingested);
      const lsst = lsstRows.length > 0 ? await persistLsstBatch(client, lsstRows, options.pipeline) : empty;
      if (lsst.ingested.size > 0) options.onBatchCommitted?.(lsst.ingested);
      summary.ingested += outcome.ingested.size + lsst.ingested.size;
      summary.duplicates += outcome.duplicates + lsst.duplicates;
      for (const oid of outcome.objects) objects.add(oid);
      for (const oid of lsst.objects) objects.add(`${LSST_SURVEY}:${oid}`);
      addStepOutcomes(summary.steps, outcome.steps);
      addStepOutcomes(summary.steps, lsst.steps);
      // Credit each written alert (ZTF candid, LSST diaSourceId) to the first file of the batch that carried it.
      const unclaimed = new Set([...outcome.ingested, ...lsst.ingested]);
      for (const file of files) {
        file.row.alerts_ingested = file.candids.filter((c) => unclaimed.delete(c)).length;
        file.row.alerts_duplicate = file.candids.length - file.row.alerts_ingested;
      }
      if (files.length > 0)
        await persistAlertBatch(
          client,
          [],
          files.map((p) => p.row),
          options.pipeline,
        );
    } finally {
      client.release();
    }
    summary.objects = objects.size;
    summary.elapsedMs = performance.now() - started;
    options.onProgress?.(summary);
  };

  // Batches are written on up to `concurrency` connections while the next ones are decoded. Each
  // batch is one transaction and locks its objects in oid order, so concurrent batches that share
  // an object serialise on it and cannot deadlock; a failed write stops the ingestion.
  const concurrency = options.concurrency ?? 2;
  const inFlight: Promise<void>[] = [];
  const flush = async () => {
    if (batch.length === 0 && lsstBatch.length === 0 && pending.length === 0) return;
    const rows = batch;
    const lsstRows = lsstBatch;
    const files = pending;
    batch = [];
    lsstBatch = [];
    pending = [];
    while (inFlight.length >= concurrency) await inFlight.shift();
    const write = persist(rows, lsstRows, files);
    write.catch(() => undefined); // handled: awaited before later writes and at the end
    inFlight.push(write);
  };

  const decoder = options.decoder ?? inlineDecoder;
  // Files decoded ahead of the one being batched: keeps a decode thread busy while this one writes.
  const ahead: { file: AlertSourceFile; fileHash: string | null; decoded: Promise<DecodedFile> }[] = [];
  const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

  const take = async ({ file, fileHash, decoded }: (typeof ahead)[number]) => {
    const { rows, lsstRows = [], rejections, alertsRead } = await decoded;
    summary.alertsRead += alertsRead;
    if (rejections.length > 0) {
      summary.rejected.push(...rejections);
      await quarantine(pool, rejections, file.bytes, fileHash ?? sha256(file.bytes));
    }
    batch.push(...rows);
    lsstBatch.push(...lsstRows);
    if (fileHash) {
      pending.push({
        row: {
          sha256: fileHash,
          source: file.name,
          bytes: file.bytes.length,
          alerts_read: alertsRead,
          alerts_ingested: 0,
          alerts_duplicate: 0,
          alerts_rejected: rejections.length,
        },
        candids: [...rows.map((r) => r.candid), ...lsstRows.map((r) => r.alertId)],
      });
    }
    if (batch.length + lsstBatch.length >= batchSize) await flush();
  };

  try {
    for await (const file of sources) {
      summary.files += 1;
      // The content hash keys the file registry (used to skip known files) and quarantine entries;
      // a live stream needs neither for good alerts, so it is computed only then.
      const fileHash = options.skipKnownFiles ? sha256(file.bytes) : null;
      if (fileHash && (await pool.query("SELECT 1 FROM ingested_file WHERE sha256 = $1", [fileHash])).rowCount) {
        summary.filesAlreadyIngested += 1;
        continue;
      }
      const decoded = decoder.decode(file);
      decoded.catch(() => undefined); // handled: awaited in order by take()
      ahead.push({ file, fileHash, decoded });
      if (ahead.length >= DECODE_AHEAD) await take(ahead.shift()!);
      if (options.shouldStop?.()) break;
      // Let the database replies of the batch in flight be handled between files (a source that
      // yields from memory would otherwise starve the event loop until the next batch is decoded).
      await yieldToEventLoop();
    }
    while (ahead.length > 0) await take(ahead.shift()!);
    await flush();
  } finally {
    // A source that fails mid-way still lets the batches being written commit (or report their error).
    while (inFlight.length > 0) await inFlight.shift();
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}
