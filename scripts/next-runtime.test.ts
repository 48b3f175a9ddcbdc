import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getEnv } from "../lib/server/env";
import { NEXT_MAX_OLD_SPACE_MB_DEFAULT, nextServerNodeArgs } from "./next-runtime";

const run = promisify(execFile);
const envOf = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...vars });

/** The V8 heap limit (MB) of a node started as the launcher starts Next: these flags, this NODE_OPTIONS. */
async function heapLimitMb(nodeArgs: string[], nodeOptions = ""): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    [...nodeArgs, "-e", "console.log(require('node:v8').getHeapStatistics().heap_size_limit / 1048576)"],
    { env: { ...process.env, NODE_OPTIONS: nodeOptions } },
  );
  return Number(stdout.trim());
}

describe("the Next server's node options", () => {
  it("limits the old space to CIELO_NEXT_MAX_OLD_SPACE_MB, 1024 MB unless set", () => {
    expect(getEnv(envOf({})).CIELO_NEXT_MAX_OLD_SPACE_MB).toBe(NEXT_MAX_OLD_SPACE_MB_DEFAULT);
    expect(getEnv(envOf({ CIELO_NEXT_MAX_OLD_SPACE_MB: "768" })).CIELO_NEXT_MAX_OLD_SPACE_MB).toBe(768);
    expect(() => getEnv(envOf({ CIELO_NEXT_MAX_OLD_SPACE_MB: "-1" }))).toThrow(/CIELO_NEXT_MAX_OLD_SPACE_MB/);
    expect(nextServerNodeArgs(NEXT_MAX_OLD_SPACE_MB_DEFAULT, "")).toEqual(["--max-old-space-size=1024"]);
    expect(nextServerNodeArgs(768, undefined)).toEqual(["--max-old-space-size=768"]);
  });

  it("leaves node's default with 0, and an operator's own limit in NODE_OPTIONS alone", () => {
    expect(nextServerNodeArgs(0, "")).toEqual([]);
    expect(nextServerNodeArgs(1024, "--max-old-space-size=4096")).toEqual([]);
    expect(nextServerNodeArgs(1024, "--enable-source-maps --max_old_space_size=3000")).toEqual([]);
    expect(nextServerNodeArgs(1024, "--require ./x.cjs --max-old-space-size 2048")).toEqual([]);
    // Other flags are no reason to drop ours.
    expect(nextServerNodeArgs(1024, "--max-semi-space-size=32 --enable-source-maps")).toEqual(["--max-old-space-size=1024"]);
    expect(() => nextServerNodeArgs(-5)).toThrow(/MB/);
    expect(() => nextServerNodeArgs(1.5)).toThrow(/MB/);
  });

  it("gives a node process that heap limit (old space plus the young generation)", async () => {
    const defaultLimit = await heapLimitMb([]);
    const limited = await heapLimitMb(nextServerNodeArgs(1024, ""));
    expect(limited).toBeGreaterThanOrEqual(1024);
    expect(limited).toBeLessThan(1024 + 128);
    // An operator's NODE_OPTIONS limit is what the process gets.
    const own = await heapLimitMb(nextServerNodeArgs(1024, "--max-old-space-size=1536"), "--max-old-space-size=1536");
    expect(own).toBeGreaterThanOrEqual(1536);
    expect(own).toBeLessThan(1536 + 128);
    expect(defaultLimit).not.toBe(limited);
  });
});
