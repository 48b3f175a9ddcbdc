// `npm run eval:stamps [-- --dir models/stamp_classifier/1.0.0]`: regenerates the stamp classifier's
// held-out SIMULATED test split (same simulator, seed and split sizes as scripts/train-stamps.ts),
// runs the exported model.onnx with onnxruntime-node and prints accuracy, per-class
// precision/recall/F1 and the confusion matrix. These numbers must equal evaluation.json's `test`.
// The last line is one JSON object: {"bench":"eval-stamps","accuracy":...,"macro_f1":...,...}.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";
import { readStampModelManifest, stampModelDir } from "../lib/classifiers/stamp/model-manifest";
import {
  argmaxRows,
  buildStampSet,
  formatStampMetrics,
  type SplitSizes,
  STAMP_TRAINING_DATA,
  type StampMetrics,
  stampMetrics,
  simulateStampSplits,
} from "../lib/classifiers/stamp/stamp-dataset";
import { STAMP_CLASSES } from "../lib/classifiers/stamp/stamp-cnn";
import { STAMP_FEATURES } from "../lib/classifiers/stamp/stamp-features";
import type { StampTrainingSet } from "../lib/classifiers/stamp/train-stamp-cnn";

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
    ? (JSON.parse(fs.readFileSync(evaluationFile, "utf8")) as { data?: { seed?: number; sizesPerClass?: SplitSizes } }).data
    : undefined;
  const seed = options.seed ?? recorded?.seed ?? manifest.seed;
  const sizes = options.sizes ?? recorded?.sizesPerClass ?? STAMP_TRAINING_DATA.sizes;
  const { test } = simulateStampSplits(seed, sizes);
  const set = buildStampSet(test, manifest.scaling);
  const session = await ort.InferenceSession.create(path.join(dir, "model.onnx"));
  try {
    const probs = await predictStampOnnx(session, set);
    return { seed, sizes, metrics: stampMetrics(set.labels, argmaxRows(probs)), seconds: (performance.now() - started) / 1000 };
  } finally {
    await session.release();
  }
}

async function main() {
  const { values } = parseArgs({ options: { dir: { type: "string", default: stampModelDir() } }, allowPositionals: true });
  const dir = path.resolve(values.dir);
  const evaluation = await evaluateStampModel(dir);
  console.log(`stamp classifier ${dir}`);
  console.log(`held-out SIMULATED test split: seed ${evaluation.seed}, ${evaluation.sizes.test} per class (ONNX, onnxruntime-node)`);
  console.log(formatStampMetrics(evaluation.metrics));
  const perClassF1 = Object.fromEntries(STAMP_CLASSES.map((c) => [c, evaluation.metrics.perClass[c].f1]));
  console.log(
    JSON.stringify({
      bench: "eval-stamps",
      accuracy: evaluation.metrics.accuracy,
      macro_f1: evaluation.metrics.macroF1,
      count: evaluation.metrics.count,
      f1: perClassF1,
      seed: evaluation.seed,
      seconds: Number(evaluation.seconds.toFixed(2)),
    }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
