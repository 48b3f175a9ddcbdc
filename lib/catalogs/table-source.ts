// What a catalog file reader gives the loader: column names, then records one at a time (never the
// whole file in memory), each with the position a person can look up (CSV/VOTable line, FITS row).
import crypto from "node:crypto";
import fs from "node:fs";
import { Transform } from "node:stream";
import zlib from "node:zlib";

export type RawValue = string | number | bigint | boolean | null;

export interface TableRecord {
  /** CSV and VOTable: line number in the file (1-based); FITS: row number in the table (1-based). */
  line: number;
  values: RawValue[];
  /** The record cannot be split into the table's columns (e.g. wrong number of CSV fields). */
  error?: string;
}

export interface TableSource {
  format: "csv" | "fits" | "votable";
  /** What `line` counts in messages ("line" or "row"). */
  position: "line" | "row";
  columns: string[];
  /** Units declared by the file (FITS TUNITn, VOTable unit), by column name. */
  units: Record<string, string>;
  records: AsyncIterable<TableRecord>;
  /** Bytes of the file read so far, against `bytesTotal` (for the progress bar). */
  bytesRead(): number;
  bytesTotal: number;
  /** SHA-256 of the file's bytes read so far (of the whole file once the records are exhausted). */
  sha256(): string;
  close(): void;
}

/** A file that cannot be read as a table at all (as opposed to a bad row, which is counted and skipped). */
export class CatalogFileError extends Error {
  override readonly name = "CatalogFileError";
}

/** A byte stream of the file (gunzipped when it ends in .gz) and a counter of the file bytes consumed. */
export function openFileStream(
  file: string,
): Pick<TableSource, "bytesRead" | "bytesTotal" | "sha256" | "close"> & { stream: NodeJS.ReadableStream } {
  const bytesTotal = fs.statSync(file).size;
  let read = 0;
  const hash = crypto.createHash("sha256");
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      read += chunk.length;
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  let stream: NodeJS.ReadableStream = raw.pipe(counter);
  if (file.endsWith(".gz")) {
    const gunzip = zlib.createGunzip();
    counter.on("error", (error) => gunzip.destroy(error));
    stream = counter.pipe(gunzip);
  }
  raw.on("error", (error) => counter.destroy(error));
  return { stream, bytesRead: () => read, bytesTotal, sha256: () => hash.copy().digest("hex"), close: () => raw.destroy() };
}
