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

/** Structured clone turns Buffers into plain Uint8Arrays: give the byte fields their Buffer type back. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
function restoreBuffers(rows: AlertRows[]): AlertRows[] {
  for (const row of rows) {
    row.packet.avro = asBuffer(row.packet.avro);
    for (const cutout of row.cutouts) cutout.stamp_data = asBuffer(cutout.stamp_data);
  }
  return rows;
}
function restoreLsstBuffers(rows: LsstAlertRows[] | undefined): LsstAlertRows[] | undefined {
  for (const row of rows ?? []) {
    row.alert.avro = asBuffer(row.alert.avro);
    for (const cutout of row.cutouts) cutout.fits = asBuffer(cutout.fits);
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
  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on("message", (message: { id: number; result?: DecodedFile; error?: string }) => {
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    if (message.result)
      entry.resolve({
        ...message.result,
        rows: restoreBuffers(message.result.rows),
        lsstRows: restoreLsstBuffers(message.result.lsstRows),
      });
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
