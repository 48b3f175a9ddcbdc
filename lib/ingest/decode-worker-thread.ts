// Runs decodeAlertFile in a worker thread (see decode-pool.ts).
import { parentPort, workerData } from "node:worker_threads";
import type { AlertSourceFile } from "./alert-sources";
import { decodeAlertFile, type DecodeOptions } from "./decode-alert-file";
import { prepareForPosting } from "./decode-pool";

const options = (workerData ?? {}) as DecodeOptions;
/** Schemas whose JSON was posted already (the pool keeps it): ~22 KB of text not cloned per alert. */
const postedSchemas = new Set<string>();

parentPort?.on("message", (message: { id: number; file: AlertSourceFile }) => {
  try {
    // Structured clone delivers the bytes as a plain Uint8Array: view it as a Buffer again.
    const { bytes } = message.file;
    const file = { ...message.file, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    // The file's ArrayBuffer (sent transferred, see decode-pool.ts) goes back the same way: the
    // rows' cutouts are views into it, so they cross without a copy; so do the packets' own buffers.
    const result = decodeAlertFile(file, options);
    const transfer = prepareForPosting(result, bytes.buffer as ArrayBuffer, postedSchemas);
    parentPort?.postMessage({ id: message.id, result }, transfer);
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
