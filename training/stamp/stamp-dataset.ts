import { createRng } from "../../lib/math/random";
import { type SimulatedStampExample, simulateStampDataset } from "../simulators/stamp-simulator";
import { stampTensor } from "../../lib/stamps/preprocess-stamps";
import { STAMP_CLASSES } from "../../lib/classifiers/stamp/stamp-classes";
import { type FeatureScaling, rawStampFeatures, scaleStampFeatures, STAMP_FEATURES } from "../../lib/classifiers/stamp/stamp-features";
import type { StampTrainingSet } from "./train-stamp-cnn";
import { argmaxRows as argmaxRowsOf, type ClassScores, classificationMetrics } from "../classification-metrics";

/**
 * Training data for the stamp classifier from the simulator (training/simulators/stamp-simulator.ts): the
 * simulated examples are split per class, deterministically by seed, into train / validation /
 * test; images become ALeRCE-style [21,21,3] tensors (stampTensor) and metadata becomes the 23
 * STAMP_FEATURES, z-scored with a scaling fitted on the training split only.
 */

const SIM_SIZE = 63;
const PER_STAMP = 21 * 21 * 3;

export interface SplitSizes {
  /** Examples per class in each split. */
  train: number;
  validation: number;
  test: number;
}

export interface StampSplits {
  train: SimulatedStampExample[];
  validation: SimulatedStampExample[];
  test: SimulatedStampExample[];
}

/**
 * Simulates (train + validation + test) examples per class with `seed` and splits each class
 * separately, with a shuffle seeded from `seed`, so every split is class-balanced and the same
 * seed and sizes always give the same splits.
 */
export function simulateStampSplits(seed: number, sizes: SplitSizes): StampSplits {
  const perClass = sizes.train + sizes.validation + sizes.test;
  return splitBalanced(simulateStampDataset(seed, perClass), sizes, seed);
}

/** Per-class deterministic split of examples (each class must have at least train + validation + test). */
export function splitBalanced(examples: readonly SimulatedStampExample[], sizes: SplitSizes, seed: number): StampSplits {
  const rng = createRng(seed ^ 0x5eed5);
  const out: StampSplits = { train: [], validation: [], test: [] };
  for (const cls of STAMP_CLASSES) {
    const ofClass = rng.shuffle(examples.filter((e) => e.label === cls));
    const needed = sizes.train + sizes.validation + sizes.test;
    if (ofClass.length < needed) throw new Error(`splitBalanced: class ${cls} has ${ofClass.length} examples, ${needed} needed`);
    out.test.push(...ofClass.slice(0, sizes.test));
    out.validation.push(...ofClass.slice(sizes.test, sizes.test + sizes.validation));
    out.train.push(...ofClass.slice(sizes.test + sizes.validation, needed));
  }
  // interleave the classes (the order matters for nothing but readability of batches/logs)
  rng.shuffle(out.train);
  rng.shuffle(out.validation);
  rng.shuffle(out.test);
  return out;
}

/** The raw (clipped, unscaled) STAMP_FEATURES of a simulated example. */
export function simulatedRawFeatures(example: SimulatedStampExample): Float32Array {
  return rawStampFeatures(example.metadata);
}

/** The [21,21,3] classifier input of a simulated example (same preprocessing as for real alerts). */
export function simulatedStampTensor(example: SimulatedStampExample): Float32Array {
  const image = (data: Float32Array) => ({ width: SIM_SIZE, height: SIM_SIZE, data });
  return stampTensor({ science: image(example.science), template: image(example.reference), difference: image(example.difference) });
}

/** Builds the network's input arrays from simulated examples, scaling metadata with `scaling`. */
export function buildStampSet(examples: readonly SimulatedStampExample[], scaling: FeatureScaling): StampTrainingSet {
  const count = examples.length;
  const metaFeatures = STAMP_FEATURES.length;
  const stamps = new Float32Array(count * PER_STAMP);
  const meta = new Float32Array(count * metaFeatures);
  const labels = new Int32Array(count);
  examples.forEach((example, i) => {
    stamps.set(simulatedStampTensor(example), i * PER_STAMP);
    meta.set(scaleStampFeatures(simulatedRawFeatures(example), scaling), i * metaFeatures);
    labels[i] = STAMP_CLASSES.indexOf(example.label);
  });
  return { stamps, meta, labels, count };
}

export type { ClassScores as ClassMetrics } from "../classification-metrics";

export interface StampMetrics {
  count: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<(typeof STAMP_CLASSES)[number], ClassScores>;
  /** confusion[true][predicted], rows and columns in STAMP_CLASSES order. */
  confusion: number[][];
}

/** argmax of each row of probabilities [count, classes]. */
export function argmaxRows(probs: Float32Array, classes = STAMP_CLASSES.length): Int32Array {
  return argmaxRowsOf(probs, classes);
}

/** Accuracy, per-class precision/recall/F1, macro F1 and the confusion matrix (numbers rounded to 6 digits). */
export function stampMetrics(labels: Int32Array, predicted: Int32Array): StampMetrics {
  const m = classificationMetrics(STAMP_CLASSES, labels, predicted);
  return {
    count: m.count,
    accuracy: m.accuracy,
    macroF1: m.macroF1,
    perClass: m.perClass as StampMetrics["perClass"],
    confusion: m.confusion,
  };
}

/** The metrics as a plain-text table (for logs and the model card). */
export function formatStampMetrics(metrics: StampMetrics): string {
  const pad = (s: string | number, n = 10) => String(s).padStart(n);
  const lines = [
    `accuracy ${metrics.accuracy.toFixed(4)}  macro F1 ${metrics.macroF1.toFixed(4)}  (n = ${metrics.count})`,
    `${pad("class")}${pad("precision")}${pad("recall")}${pad("F1")}${pad("support")}`,
    ...STAMP_CLASSES.map((cls) => {
      const m = metrics.perClass[cls];
      return `${pad(cls)}${pad(m.precision.toFixed(4))}${pad(m.recall.toFixed(4))}${pad(m.f1.toFixed(4))}${pad(m.support)}`;
    }),
    "confusion (rows = true, columns = predicted):",
    `${pad("")}${STAMP_CLASSES.map((c) => pad(c)).join("")}`,
    ...metrics.confusion.map((row, i) => `${pad(STAMP_CLASSES[i]!)}${row.map((v) => pad(v)).join("")}`),
  ];
  return lines.join("\n");
}

/** The data that models/stamp_classifier/1.0.0 was trained and evaluated on (per class). */
export const STAMP_TRAINING_DATA = { seed: 20261126, sizes: { train: 1600, validation: 200, test: 200 } as SplitSizes } as const;
