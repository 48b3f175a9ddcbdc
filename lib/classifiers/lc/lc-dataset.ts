/**
 * The light-curve classifier's simulated data: train / test splits from the simulator, feature
 * matrices computed with lib/features (the worker's code), and classification metrics.
 */
import { computeLightcurveFeatures } from "../../features/compute-lightcurve-features";
import type { LightcurveFeatureInput } from "../../features/types";
import { type SimulatedLightcurve, simulateLightcurveDataset } from "../../ml/lightcurve-simulator";
import { featureVector } from "./lc-classifier";
import type { LcModelManifest } from "./model-manifest";

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

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationMetrics {
  count: number;
  accuracy: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  perClass: Record<string, ClassScores>;
  /** confusion[true][predicted], in `classes` order. */
  confusion: number[][];
}

const round = (v: number) => Number(v.toFixed(6));

export function classificationMetrics(classes: readonly string[], labels: ArrayLike<number>, predicted: ArrayLike<number>): ClassificationMetrics {
  const k = classes.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) confusion[labels[i]!]![predicted[i]!]! += 1;
  let correct = 0;
  const perClass: Record<string, ClassScores> = {};
  let sp = 0;
  let sr = 0;
  let sf = 0;
  classes.forEach((c, i) => {
    const tp = confusion[i]![i]!;
    correct += tp;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[i]!, 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision: round(precision), recall: round(recall), f1: round(f1), support };
    sp += precision;
    sr += recall;
    sf += f1;
  });
  return {
    count: labels.length,
    accuracy: round(labels.length > 0 ? correct / labels.length : 0),
    macroPrecision: round(sp / k),
    macroRecall: round(sr / k),
    macroF1: round(sf / k),
    perClass,
    confusion,
  };
}

export function argmaxRows(p: ArrayLike<number>, width: number): Int32Array {
  const n = p.length / width;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (p[i * width + c]! > p[i * width + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** A markdown table of a confusion matrix (rows = true class). */
export function confusionTable(rowClasses: readonly string[], columnClasses: readonly string[], confusion: readonly (readonly number[])[]): string {
  const lines = [`| true \\ predicted | ${columnClasses.join(" | ")} |`, `| --- | ${columnClasses.map(() => "---").join(" | ")} |`];
  rowClasses.forEach((c, i) => lines.push(`| ${c} | ${confusion[i]!.map((v) => (v === 0 ? "·" : String(v))).join(" | ")} |`));
  return lines.join("\n");
}
