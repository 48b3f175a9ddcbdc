import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { getEnv } from "./env";

export type { Logger };

const LEVEL_NAMES: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/**
 * Structured JSON logs (one object per line) for collectors; on a terminal the same records are
 * printed as `[name] message key=value ...` so `npm start` stays readable.
 */
function humanReadable(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line) continue;
        try {
          const { level, time: _time, pid: _pid, hostname: _host, name, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
          const extras = Object.entries(rest)
            .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
            .join(" ");
          const levelName = LEVEL_NAMES[Number(level)] ?? String(level);
          const prefix = levelName === "info" ? "" : `${levelName.toUpperCase()} `;
          process.stdout.write(`[${String(name)}] ${prefix}${String(msg ?? "")}${extras ? `  ${extras}` : ""}\n`);
        } catch {
          process.stdout.write(line + "\n");
        }
      }
      callback();
    },
  });
}

/** An error or fatal record as written (one JSON line), for whoever watches them (the vitest trap). */
export interface ErrorLogRecord {
  level: "error" | "fatal";
  name: string;
  msg: string;
  /** The whole record as JSON: message, context and serialised `err`. */
  line: string;
}

const ERROR_LEVEL = 50;
const errorLogListeners = new Set<(record: ErrorLogRecord) => void>();

/** Calls `listener` with every error/fatal record any logger writes; returns the unsubscribe function. */
export function onErrorLog(listener: (record: ErrorLogRecord) => void): () => void {
  errorLogListeners.add(listener);
  return () => errorLogListeners.delete(listener);
}

function notifyErrorLogListeners(line: string): string {
  if (errorLogListeners.size === 0) return line;
  const { level, name, msg } = JSON.parse(line) as { level: number; name?: string; msg?: string };
  if (level >= ERROR_LEVEL) {
    const record: ErrorLogRecord = {
      level: level >= 60 ? "fatal" : "error",
      name: String(name),
      msg: String(msg ?? ""),
      line: line.trim(),
    };
    for (const listener of errorLogListeners) listener(record);
  }
  return line;
}

/**
 * The one way Cielo logs (app, API, actions, workers, CLIs' diagnostics): pino, `err` serialised
 * with its stack, error records also handed to onErrorLog listeners.
 */
export function createLogger(name: string): Logger {
  const env = getEnv();
  const pretty = env.LOG_FORMAT === "pretty" || (env.LOG_FORMAT === "auto" && process.stdout.isTTY);
  return pino(
    { name, level: env.LOG_LEVEL, hooks: { streamWrite: notifyErrorLogListeners } },
    pretty ? humanReadable() : pino.destination({ dest: 1, sync: true }),
  );
}
