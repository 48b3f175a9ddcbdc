// The stamp classifier's evaluation on its held-out SIMULATED test split: regenerates the split
// (same simulator, seed and split sizes as training) and runs the exported model.onnx with
// onnxruntime-node. Used by `npm run eval:stamps` and the evaluation.json reproducibility test.
import fs from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { readStampModelManifest } from "../../lib/classifiers/stamp/model-manifest";
import { STAMP_CLASSES } from "../../lib/classifiers/stamp/stamp-classes";
import { type FeatureScaling, STAMP_FEATURES } from "../../lib/classifiers/stamp/stamp-features";
import {
  argmaxRows,
  buildStampSet,
  type SplitSizes,
  STAMP_TRAINING_DATA,
  type StampMetrics,
  stampMetrics,
  simulateStampSplits,
} from "./stamp-dataset";
import type { StampTrainingSet } from "./train-stamp-cnn";

/** Probabilities [count, 5] from an ONNX stamp classifier, run in batches. */
export async function predictStampOnnx(session: ort.InferenceSession, set: StampTrainingSet, batchSize = 500): Promise<Float32Array> {
  const per = 21 * 21 * 3;
  const m = STAMP_FEATURES.length;
  const out = new Float32Array(set.count * STAMP_CLASSES.length);
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start);
    const result = await session.run({
      stamps: new ort.Tensor("float32", set.stamps.slice(start * per, (start + n) * per), [n, 21, 21, 3]),
      meta: new ort.Tensor("float32", set.meta.slice(start * m, (start + n) * m), [n, m]),
    });
    out.set(result.probs!.data as Float32Array, start * STAMP_CLASSES.length);
  }
  return out;
}

export interface StampEvaluation {
  seed: number;
  sizes: SplitSizes;
  metrics: StampMetrics;
  seconds: number;
}

/**
 * Evaluates the model in `dir` on the held-out simulated test split regenerated from `seed` and
 * `sizes` (by default those recorded in evaluation.json, else STAMP_TRAINING_DATA).
 */
export async function evaluateStampModel(dir: string, options: { seed?: number; sizes?: SplitSizes } = {}): Promise<StampEvaluation> {
  const started = performance.now();
  const manifest = readStampModelManifest(dir);
  const evaluationFile = path.join(dir, "evaluation.json");
  const recorded = fs.existsSync(evaluationFile)
    ? (
        JSON.parse(fs.readFileSync(evaluationFile, "utf8")) as {
          data?: { seed?: number; sizesPerClass?: SplitSizes; simulatorScaling?: FeatureScaling };
        }
      ).data
    : undefined;
  const seed = options.seed ?? recorded?.seed ?? manifest.seed;
  const sizes = options.sizes ?? recorded?.sizesPerClass ?? STAMP_TRAINING_DATA.sizes;
  const { test } = simulateStampSplits(seed, sizes);
  // A model adapted to real data z-scores real alerts with real moments; its simulated test split keeps
  // the simulator's (recorded as data.simulatorScaling), which is the moment-matched view.
  const set = buildStampSet(test, recorded?.simulatorScaling ?? manifest.scaling);
  const session = await ort.InferenceSession.create(path.join(dir, "model.onnx"));
  try {
    const probs = await predictStampOnnx(session, set);
    return { seed, sizes, metrics: stampMetrics(set.labels, argmaxRows(probs)), seconds: (performance.now() - started) / 1000 };
  } finally {
    await session.release();
  }
}
