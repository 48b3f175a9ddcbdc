/**
 * The light-curve classifier's simulated data: train / test splits from the simulator, feature
 * matrices computed with lib/features (the worker's code), and classification metrics.
 */
import { computeLightcurveFeatures } from "../../lib/features/compute-lightcurve-features";
import type { LightcurveFeatureInput } from "../../lib/features/types";
import { type SimulatedLightcurve, simulateLightcurveDataset } from "../simulators/lightcurve-simulator";
import { featureVector } from "../../lib/classifiers/lc/lc-classifier";

export { argmaxRows, type ClassificationMetrics, classificationMetrics } from "../classification-metrics";
import type { LcModelManifest } from "../../lib/classifiers/lc/model-manifest";

export interface LcSplitSizes {
  /** Objects per class. */
  train: number;
  test: number;
}

/** The committed model's data: seed and objects per class (scripts/train-lc.ts defaults). */
export const LC_TRAINING_DATA = { seed: 20261126, sizes: { train: 400, test: 100 } as LcSplitSizes } as const;

/** Train and test objects from independent random streams (seed and seed + 1). */
export function simulateLcSplits(seed: number, sizes: LcSplitSizes): { train: SimulatedLightcurve[]; test: SimulatedLightcurve[] } {
  return { train: simulateLightcurveDataset(seed, sizes.train), test: simulateLightcurveDataset(seed + 1, sizes.test) };
}

/** Feature rows (model input order, −999 for missing) of the given light curves, [n × columns]. */
export function lcFeatureMatrix(
  inputs: readonly LightcurveFeatureInput[],
  columns: LcModelManifest["features"],
  onProgress?: (done: number) => void,
): Float32Array {
  const width = columns.length;
  const x = new Float32Array(inputs.length * width);
  inputs.forEach((input, i) => {
    featureVector(computeLightcurveFeatures(input), columns, x.subarray(i * width, (i + 1) * width));
    if (onProgress && (i + 1) % 250 === 0) onProgress(i + 1);
  });
  return x;
}

/** A markdown table of a confusion matrix (rows = true class). */
export function confusionTable(
  rowClasses: readonly string[],
  columnClasses: readonly string[],
  confusion: readonly (readonly number[])[],
): string {
  const lines = [`| true \\ predicted | ${columnClasses.join(" | ")} |`, `| --- | ${columnClasses.map(() => "---").join(" | ")} |`];
  rowClasses.forEach((c, i) => lines.push(`| ${c} | ${confusion[i]!.map((v) => (v === 0 ? "·" : String(v))).join(" | ")} |`));
  return lines.join("\n");
}
