// What makes an object unusual: its features where it sits farthest in the tails of the anomaly
// detector's training population, read from the per-column quantiles of model.json ("above 99.7 %
// of objects"), with a robust z in standard units only where it means something (no ONNX: the pages
// import this).
import { describeFeature } from "../../features/feature-catalog";
import type { FeatureValue } from "../../features/types";
import { anomalyInputRow, derivedColourName } from "./anomaly-columns";
import type { AnomalyModelManifest } from "./anomaly-manifest";

/** Past this many robust σ the MAD no longer describes the population's tail (near-constant columns): no z is given. */
export const MEANINGFUL_Z_LIMIT = 100;

export interface ExtremeFeature {
  name: string;
  fid: number;
  value: number;
  /** Share (0–100) of the training objects with a lower value (interpolated between the stored quantiles). */
  percentile: number;
  /** Which tail the object is in, and the share (0–100) of training objects it lies beyond on that side. */
  side: "above" | "below";
  beyond: number;
  /** True when the value is outside the training range (beyond every training object). */
  outsideRange: boolean;
  median: number;
  /** (value − median) / (1.4826 × MAD); null when the spread is 0 or |z| > MEANINGFUL_Z_LIMIT. */
  z: number | null;
  definition: string | null;
}

/** Share (0–1) of the population below v, by linear interpolation of the quantile function. */
export function populationShareBelow(v: number, levels: readonly number[], quantiles: readonly number[]): number {
  const n = quantiles.length;
  if (n === 0) return 0.5;
  if (v < quantiles[0]!) return 0;
  if (v > quantiles[n - 1]!) return 1;
  // A value equal to one or more quantiles (a plateau) takes the middle of their levels.
  const first = quantiles.indexOf(v);
  if (first >= 0) {
    let last = first;
    while (last < n - 1 && quantiles[last + 1] === v) last++;
    return (levels[first]! + levels[last]!) / 2;
  }
  let lo = 0;
  while (quantiles[lo + 1]! < v) lo++;
  const a = quantiles[lo]!;
  const b = quantiles[lo + 1]!;
  return levels[lo]! + ((v - a) / (b - a)) * (levels[lo + 1]! - levels[lo]!);
}

/**
 * The object's `count` most unusual columns (stored features and derived colours): ordered by the
 * share of the training population beyond them (smallest first), then, among values outside the
 * training range, by how far outside in units of the population's 1–99 % range. Missing values and
 * columns whose population is constant at the object's value are left out.
 */
export function extremeFeatures(values: readonly FeatureValue[], manifest: AnomalyModelManifest, count = 5): ExtremeFeature[] {
  const row = anomalyInputRow(values, manifest.features, manifest.derivedColours);
  const levels = manifest.quantileLevels;
  const at = (q: readonly number[], level: number) => q[levels.indexOf(level)] ?? q[q.length - 1]!;
  const out: (ExtremeFeature & { far: number })[] = [];
  const columns: { name: string; fid: number; derivedFrom?: string }[] = [
    ...manifest.features,
    ...manifest.derivedColours.map((d) => ({ name: derivedColourName(d), fid: 12, derivedFrom: d.feature })),
  ];
  columns.forEach((c, j) => {
    const value = row[j]!;
    const q = manifest.quantiles[j];
    if (value === manifest.missingValue || !Number.isFinite(value) || !q || q.length === 0) return;
    const share = populationShareBelow(value, levels, q);
    const outsideRange = value < q[0]! || value > q[q.length - 1]!;
    if (!outsideRange && q[0] === q[q.length - 1]) return;
    const side = share >= 0.5 ? "above" : "below";
    const range = at(q, 0.99) - at(q, 0.01) || q[q.length - 1]! - q[0]! || 1;
    const far = outsideRange ? (value > q[q.length - 1]! ? value - q[q.length - 1]! : q[0]! - value) / range : 0;
    const sigma = manifest.robustSigmas[j]!;
    const median = manifest.medians[j]!;
    const z = sigma > 0 ? (value - median) / sigma : null;
    out.push({
      name: c.name,
      fid: c.fid,
      value,
      percentile: 100 * share,
      side,
      beyond: 100 * (side === "above" ? share : 1 - share),
      outsideRange,
      median,
      z: z !== null && Math.abs(z) <= MEANINGFUL_Z_LIMIT ? z : null,
      definition:
        c.derivedFrom === undefined
          ? (describeFeature(c.name)?.definition ?? null)
          : `Colour g − r from the per-band ${c.derivedFrom}: ${describeFeature(c.derivedFrom)?.definition ?? c.derivedFrom}`,
      far,
    });
  });
  return out
    .sort((a, b) => b.beyond - a.beyond || b.far - a.far)
    .slice(0, count)
    .map(({ far: _far, ...f }) => f);
}
