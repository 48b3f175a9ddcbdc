// What makes an object unusual: its features farthest from the anomaly detector's training
// population, in robust standard units (no ONNX: the pages import this).
import { describeFeature } from "../../features/feature-catalog";
import type { FeatureValue } from "../../features/types";
import type { AnomalyModelManifest } from "./anomaly-manifest";

export interface ExtremeFeature {
  name: string;
  fid: number;
  value: number;
  /** (value − training median) / robust σ (1.4826 × MAD). */
  z: number;
  median: number;
  definition: string | null;
}

/** The object's `count` features farthest from the training population, in robust standard units (missing and constant columns left out). */
export function extremeFeatures(values: readonly FeatureValue[], manifest: AnomalyModelManifest, count = 5): ExtremeFeature[] {
  const byKey = new Map(values.map((v) => [`${v.name}|${v.fid}`, v.value]));
  const out: ExtremeFeature[] = [];
  manifest.features.forEach((c, j) => {
    const value = byKey.get(`${c.name}|${c.fid}`);
    const sigma = manifest.robustSigmas[j]!;
    if (value === null || value === undefined || !Number.isFinite(value) || value === manifest.missingValue || !(sigma > 0)) return;
    const median = manifest.medians[j]!;
    out.push({
      name: c.name,
      fid: c.fid,
      value,
      z: (value - median) / sigma,
      median,
      definition: describeFeature(c.name)?.definition ?? null,
    });
  });
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, count);
}
