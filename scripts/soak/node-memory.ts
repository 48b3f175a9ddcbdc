// The soak's reading of scripts/soak/memory-probe.mjs: the last line each node process of the
// server wrote (its V8 heap beside its RSS), and the series the report is made of.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const nodeMemoryLineSchema = z.object({
  atMs: z.number(),
  rssMb: z.number(),
  heapTotalMb: z.number(),
  heapUsedMb: z.number(),
  externalMb: z.number(),
  arrayBuffersMb: z.number(),
  /** Heap used right after the latest full collection (the live heap); null before the first. */
  liveAfterFullGcMb: z.number().nullable(),
  fullGcs: z.number().int(),
});
export type NodeMemoryLine = z.infer<typeof nodeMemoryLineSchema>;

/** The latest line of process `pid`, or null when it wrote none (yet) or the line is not whole. */
export function readLastNodeMemoryLine(dir: string, pid: number): NodeMemoryLine | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, `${pid}.jsonl`), "utf8");
  } catch {
    return null;
  }
  const lines = text.trimEnd().split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const parsed = nodeMemoryLineSchema.safeParse(JSON.parse(lines[i]!));
      if (parsed.success) return parsed.data;
    } catch {
      // a line being written
    }
  }
  return null;
}

/** One value per whole minute since `t0Ms` (the last sample of each minute): the series printed in the soak's report. */
export function perMinute(samples: readonly { atMs: number; value: number | null }[], t0Ms: number): (number | null)[] {
  const series: (number | null)[] = [];
  for (const s of samples) {
    const minute = Math.floor((s.atMs - t0Ms) / 60_000);
    if (minute < 0) continue;
    while (series.length <= minute) series.push(null);
    if (s.value !== null) series[minute] = s.value;
  }
  return series;
}
