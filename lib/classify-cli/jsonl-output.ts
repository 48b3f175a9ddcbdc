// Where the classify CLIs write: a JSONL file (--out) or stdout; failures go to stderr, one line each.
import fs from "node:fs";
import type { ClassifyFailure } from "./classify-alerts";

export interface JsonlOutput {
  write(line: unknown): void;
  close(): Promise<void>;
}

export function openJsonlOutput(file: string | undefined): JsonlOutput {
  const stream = file ? fs.createWriteStream(file) : process.stdout;
  return {
    write: (line) => void stream.write(`${JSON.stringify(line)}\n`),
    close: () =>
      new Promise((resolve, reject) => {
        if (!file) return resolve();
        stream.once("error", reject);
        stream.end(resolve);
      }),
  };
}

export function reportFailure({ source, message }: ClassifyFailure): void {
  process.stderr.write(`error: ${source}: ${message.replace(/\s*\n\s*/g, " ")}\n`);
}
