import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { LsstAlertRows } from "../lsst/lsst-alert-rows";
import type { AlertRows } from "./alert-rows";
import type { AlertSourceFile } from "./alert-sources";
import { decodeAlertFile, type DecodedFile, type DecodeOptions } from "./decode-alert-file";

export interface AlertDecoder {
  decode(file: AlertSourceFile): Promise<DecodedFile>;
  close(): Promise<void>;
  /** Milliseconds the decode thread has been busy (not waiting for work) since it started; absent inline. */
  busyMs?(): number;
}

/**
 * Readies a decoded file for postMessage from the decode thread (decode-worker-thread.ts), in place:
 * a schema's JSON goes with the first row that carries it and is left out ("") after that (the pool
 * keeps it, see restoreRows), and the ArrayBuffers to transfer rather than clone are returned: the
 * file's own (`fileBuffer`) when a byte field views it, and each byte field's that it owns whole.
 */
export function prepareForPosting(result: DecodedFile, fileBuffer: ArrayBuffer, postedSchemas: Set<string>): ArrayBuffer[] {
  const transfer = new Set<ArrayBuffer>();
  const owned = (bytes: Uint8Array) => {
    const { buffer } = bytes;
    // The file goes back only when a posted value views it (ZTF's cutouts): an LSST alert's cutouts
    // are new (packed) buffers, and its file, ~150 KB, is garbage here rather than on the main thread.
    if (buffer === fileBuffer) transfer.add(buffer);
    else if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) transfer.add(buffer);
  };
  for (const row of result.rows) {
    if (postedSchemas.has(row.schema.fingerprint)) row.schema = { fingerprint: row.schema.fingerprint, schemaJson: "" };
    else postedSchemas.add(row.schema.fingerprint);
    owned(row.packet.avro);
    for (const cutout of row.cutouts) owned(cutout.stamp_data);
    if (row.stampTensor) owned(new Uint8Array(row.stampTensor.buffer, row.stampTensor.byteOffset, row.stampTensor.byteLength));
  }
  for (const row of result.lsstRows ?? []) {
    if (postedSchemas.has(row.schema.fingerprint)) row.schema = { ...row.schema, schemaJson: "" };
    else postedSchemas.add(row.schema.fingerprint);
    owned(row.alert.avro);
    for (const cutout of row.cutouts) owned(cutout.fits);
  }
  return [...transfer];
}

/** Structured clone turns Buffers into plain Uint8Arrays: give the byte fields their Buffer type back. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
/** The rows as the decode thread made them: Buffers, and each schema's JSON (see prepareForPosting). */
function restoreRows(rows: AlertRows[], schemas: Map<string, string>): AlertRows[] {
  for (const row of rows) {
    row.packet.avro = asBuffer(row.packet.avro);
    for (const cutout of row.cutouts) cutout.stamp_data = asBuffer(cutout.stamp_data);
    const { fingerprint, schemaJson } = row.schema;
    if (schemaJson !== "") schemas.set(fingerprint, schemaJson);
    else row.schema = { fingerprint, schemaJson: schemas.get(fingerprint) ?? "" };
  }
  return rows;
}
function restoreLsstRows(rows: LsstAlertRows[] | undefined, schemas: Map<string, string>): LsstAlertRows[] | undefined {
  for (const row of rows ?? []) {
    row.alert.avro = asBuffer(row.alert.avro);
    for (const cutout of row.cutouts) cutout.fits = asBuffer(cutout.fits);
    const { fingerprint, schemaJson } = row.schema;
    if (schemaJson !== "") schemas.set(fingerprint, schemaJson);
    else row.schema = { ...row.schema, schemaJson: schemas.get(fingerprint) ?? "" };
  }
  return rows;
}

/** Decoding on the calling thread (tests, tiny inputs, or where worker threads cannot load TypeScript). */
export const inlineDecoder: AlertDecoder = {
  decode: async (file) => decodeAlertFile(file),
  close: async () => undefined,
};

/**
 * Decoding (Avro + validation + row building, ~0.5 ms per alert) on a worker thread, so the main
 * thread only drives the database: on a 2-core machine this is what lets ingestion keep both cores
 * (ours and PostgreSQL's) busy. Results come back in submission order because callers await them
 * in order.
 */
export function createThreadDecoder(options: DecodeOptions = {}): AlertDecoder {
  const worker = new Worker(path.join(import.meta.dirname, "decode-worker-thread.mjs"), { workerData: options });
  worker.unref();
  let nextId = 0;
  const waiting = new Map<number, { resolve: (d: DecodedFile) => void; reject: (e: Error) => void }>();
  /** Writer schemas' JSON by fingerprint, as the thread posted them (once each). */
  const schemas = new Map<string, string>();
  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on("message", (message: { id: number; result?: DecodedFile; error?: string }) => {
    // Restored first, even for a caller gone: the first row of a schema carries its JSON for the later ones.
    const result = message.result && {
      ...message.result,
      rows: restoreRows(message.result.rows, schemas),
      lsstRows: restoreLsstRows(message.result.lsstRows, schemas),
    };
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    if (result) entry.resolve(result);
    else entry.reject(new Error(`decode worker: ${message.error}`));
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`decode worker exited (${code})`)));
  return {
    decode: (file) =>
      new Promise<DecodedFile>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        // A Buffer is often a view into a larger one (a Kafka fetch response, a read chunk), and
        // posting a view clones its whole backing ArrayBuffer. Send a copy of just the file's bytes,
        // transferred rather than cloned; the thread transfers it back with the rows (their cutouts
        // are views into it), so the bytes are copied once on their way through.
        const bytes = new Uint8Array(file.bytes);
        worker.postMessage({ id, file: { ...file, bytes } }, [bytes.buffer]);
      }),
    close: async () => {
      await worker.terminate();
    },
    busyMs: () => worker.performance.eventLoopUtilization().active,
  };
}

/**
 * A worker thread when there is a second core and the process runs under tsx (the worker and CLI
 * entry points: the thread loads TypeScript the same way); on the calling thread otherwise.
 */
export function createDecoder(options: DecodeOptions = {}): AlertDecoder {
  const tsxLoaded = process.execArgv.some((arg) => arg.includes("tsx"));
  if (os.availableParallelism() > 1 && tsxLoaded) return createThreadDecoder(options);
  return options.stampTensors ? { decode: async (file) => decodeAlertFile(file, options), close: async () => undefined } : inlineDecoder;
}
