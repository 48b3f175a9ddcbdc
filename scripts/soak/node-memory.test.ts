import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { perMinute, readLastNodeMemoryLine } from "./node-memory";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-node-memory-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const line = (atMs: number, liveAfterFullGcMb: number | null) => ({
  atMs,
  rssMb: 300,
  heapTotalMb: 150,
  heapUsedMb: 120,
  externalMb: 40,
  arrayBuffersMb: 35,
  liveAfterFullGcMb,
  fullGcs: liveAfterFullGcMb === null ? 0 : 1,
});

describe("the soak's node memory figures", () => {
  it("reads the last whole line a process wrote, and nothing for a process that wrote none", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "42.jsonl"), [line(1, null), line(2, 80)].map((l) => JSON.stringify(l)).join("\n") + "\n");
    expect(readLastNodeMemoryLine(dir, 42)).toMatchObject({ atMs: 2, liveAfterFullGcMb: 80 });
    // A line cut short while being written: the one before it.
    fs.appendFileSync(path.join(dir, "42.jsonl"), '{"atMs":3,"rssMb":3');
    expect(readLastNodeMemoryLine(dir, 42)).toMatchObject({ atMs: 2 });
    expect(readLastNodeMemoryLine(dir, 43)).toBeNull();
  });

  it("one value per minute: the last of each minute, none for a minute without samples", () => {
    const t0 = 1_000_000;
    const samples = [
      { atMs: t0 + 10_000, value: 100 },
      { atMs: t0 + 50_000, value: 110 },
      { atMs: t0 + 70_000, value: null },
      { atMs: t0 + 190_000, value: 130 },
      { atMs: t0 - 5_000, value: 1 },
    ];
    expect(perMinute(samples, t0)).toEqual([110, null, null, 130]);
  });

  it("the probe, preloaded into a node process, writes its heap and the live heap after a full GC", async () => {
    const dir = tempDir();
    const probe = pathToFileURL(path.resolve("scripts/soak/memory-probe.mjs")).href;
    // Holds an array of 20 M numbers (160 MB), then forces a full collection.
    const child = spawn(
      process.execPath,
      ["--expose-gc", "-e", "globalThis.kept = new Array(20e6).fill(0); gc(); setInterval(() => {}, 1000);"],
      { env: { ...process.env, NODE_OPTIONS: `--import "${probe}"`, CIELO_SOAK_MEMORY_DIR: dir }, stdio: "ignore" },
    );
    try {
      const deadline = Date.now() + 45_000;
      let last = null;
      while (Date.now() < deadline) {
        last = readLastNodeMemoryLine(dir, child.pid!);
        if (last) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(last).not.toBeNull();
      expect(last!.fullGcs).toBeGreaterThanOrEqual(1);
      expect(last!.liveAfterFullGcMb).toBeGreaterThan(100);
      expect(last!.rssMb).toBeGreaterThanOrEqual(last!.heapTotalMb * 0.5);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
