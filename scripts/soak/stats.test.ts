import { describe, expect, it } from "vitest";
import { processTree } from "./process-memory";
import { linearSlope, percentile } from "./stats";

describe("soak statistics", () => {
  it("nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it("the least-squares slope of a memory series", () => {
    expect(linearSlope([0, 1, 2, 3].map((x) => ({ x, y: 100 + 2 * x })))).toBeCloseTo(2, 10);
    // A flat series alternating ±1 around 100: a small slope from the noise alone.
    expect(linearSlope([0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 100 + (x % 2 ? 1 : -1) })))).toBeCloseTo(0.171, 2);
    expect(linearSlope([{ x: 1, y: 5 }])).toBeNull();
  });

  it("a process tree from parent ids", () => {
    const procs = [
      { pid: 1, ppid: 0, cmdline: "init" },
      { pid: 10, ppid: 1, cmdline: "launcher" },
      { pid: 11, ppid: 10, cmdline: "postgres" },
      { pid: 12, ppid: 11, cmdline: "postgres: backend" },
      { pid: 13, ppid: 10, cmdline: "worker" },
      { pid: 20, ppid: 1, cmdline: "other" },
    ];
    expect(processTree(procs, 10).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
    expect(processTree(procs, 11).sort((a, b) => a - b)).toEqual([11, 12]);
  });
});
