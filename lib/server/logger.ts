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

export function createLogger(name: string): Logger {
  const env = getEnv();
  const pretty = env.LOG_FORMAT === "pretty" || (env.LOG_FORMAT === "auto" && process.stdout.isTTY);
  return pino({ name, level: env.LOG_LEVEL }, pretty ? humanReadable() : pino.destination({ dest: 1, sync: true }));
}
