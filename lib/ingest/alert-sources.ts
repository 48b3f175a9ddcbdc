import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";

/** One alert container file, wherever it came from (a file, a folder, a member of a tarball, Kafka...). */
export interface AlertSourceFile {
  /** Where the bytes came from, e.g. `night.tar.gz:ztf_public_20181129/123.avro`. */
  name: string;
  bytes: Buffer;
  /** When the alert reached Cielo (default: when the pipeline reads it). */
  receivedAt?: Date;
}

export class AlertSourceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AlertSourceError";
  }
}

const isTarball = (file: string) => /\.(tar\.gz|tgz|tar)$/i.test(file);
const isAvro = (file: string) => /\.avro$/i.test(file);

/** Whether the worker / CLI knows how to read this file name. */
export function isAlertSourceFileName(file: string): boolean {
  return isAvro(file) || isTarball(file);
}

/** Bytes of the input consumed so far (compressed bytes for archives), for progress and ETA. */
export interface SourceProgress {
  bytesRead: number;
}

async function* readTarball(file: string, progress?: SourceProgress): AsyncGenerator<AlertSourceFile> {
  const extract = tar.extract();
  const input = createReadStream(file);
  if (progress) input.on("data", (chunk) => (progress.bytesRead += chunk.length));
  const stream = /\.tar$/i.test(file) ? input : input.pipe(createGunzip());
  stream.on("error", (error: Error) => extract.destroy(error));
  stream.pipe(extract);
  try {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      if (entry.header.type === "file" && isAvro(entry.header.name)) {
        yield { name: `${path.basename(file)}:${entry.header.name}`, bytes: Buffer.concat(chunks) };
      }
    }
  } catch (error) {
    throw new AlertSourceError(`${file}: not a readable tar archive (${(error as Error).message})`, { cause: error });
  }
}

async function* readFolder(folder: string, progress?: SourceProgress): AsyncGenerator<AlertSourceFile> {
  const entries = await fs.readdir(folder, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile() && isAlertSourceFileName(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) yield* readAlertSource(file, progress);
}

/**
 * Every alert file under `target`: an `.avro` file, a folder (recursively, sorted by path) or a
 * `.tar.gz` / `.tgz` / `.tar` archive such as ZTF's nightly `ztf_public_YYYYMMDD.tar.gz`.
 */
export async function* readAlertSource(target: string, progress?: SourceProgress): AsyncGenerator<AlertSourceFile> {
  let stat;
  try {
    stat = await fs.stat(target);
  } catch (error) {
    throw new AlertSourceError(`${target}: no such file or folder`, { cause: error });
  }
  if (stat.isDirectory()) yield* readFolder(target, progress);
  else if (isTarball(target)) yield* readTarball(target, progress);
  else {
    const bytes = await fs.readFile(target);
    if (progress) progress.bytesRead += bytes.length;
    yield { name: target, bytes };
  }
}

/** Total bytes readAlertSource will consume for `target` (0 when it does not exist). */
export async function alertSourceSize(target: string): Promise<number> {
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  const entries = await fs.readdir(target, { withFileTypes: true, recursive: true });
  let total = 0;
  for (const e of entries) if (e.isFile() && isAlertSourceFileName(e.name)) total += (await fs.stat(path.join(e.parentPath, e.name))).size;
  return total;
}
