/** Per-column population statistics of feature rows (missing = a marker value) and median imputation. */

export interface ColumnStatistics {
  /** Median of the present values (0 when a column is never present). */
  medians: number[];
  /** 1.4826 × median absolute deviation of the present values (0 when constant or never present). */
  robustSigmas: number[];
  /** Share of rows where the column is missing. */
  missingShare: number[];
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function columnStatistics(x: Float32Array, width: number, missingValue: number): ColumnStatistics {
  const n = x.length / width;
  const stats: ColumnStatistics = { medians: [], robustSigmas: [], missingShare: [] };
  for (let j = 0; j < width; j++) {
    const present: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = x[i * width + j]!;
      if (v !== missingValue) present.push(v);
    }
    const values = Float64Array.from(present).sort();
    // float32: the value the ONNX Imputer writes is the value the TypeScript forest trained on.
    const m = Math.fround(median(values));
    const deviations = values.map((v) => Math.abs(v - m)).sort();
    stats.medians.push(m);
    stats.robustSigmas.push(1.4826 * median(deviations));
    stats.missingShare.push(n === 0 ? 0 : 1 - present.length / n);
  }
  return stats;
}

/** A copy of x with every `missingValue` replaced by its column's median. */
export function imputeMissing(x: Float32Array, width: number, medians: readonly number[], missingValue: number): Float32Array {
  const out = Float32Array.from(x);
  for (let k = 0; k < out.length; k++) if (out[k] === missingValue) out[k] = medians[k % width]!;
  return out;
}

/** Per column: the present values at each level (linear interpolation between order statistics; [] when never present). */
export function columnQuantiles(x: Float32Array, width: number, missingValue: number, levels: readonly number[]): number[][] {
  const n = x.length / width;
  const out: number[][] = [];
  for (let j = 0; j < width; j++) {
    const present: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = x[i * width + j]!;
      if (v !== missingValue) present.push(v);
    }
    const sorted = Float64Array.from(present).sort();
    out.push(
      sorted.length === 0
        ? levels.map(() => 0)
        : levels.map((q) => {
            const at = q * (sorted.length - 1);
            const lo = Math.floor(at);
            const hi = Math.min(sorted.length - 1, lo + 1);
            return Number((sorted[lo]! + (at - lo) * (sorted[hi]! - sorted[lo]!)).toPrecision(7));
          }),
    );
  }
  return out;
}
