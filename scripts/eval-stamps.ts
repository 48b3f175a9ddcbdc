// `npm run eval:stamps [-- --dir models/stamp_classifier/1.0.0]`: regenerates the stamp classifier's
// held-out SIMULATED test split (same simulator, seed and split sizes as scripts/train-stamps.ts),
// runs the exported model.onnx with onnxruntime-node and prints accuracy, per-class
// precision/recall/F1 and the confusion matrix. These numbers must equal evaluation.json's `test`.
// The last line is one JSON object: {"bench":"eval-stamps","accuracy":...,"macro_f1":...,...}.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { stampModelDir } from "../lib/classifiers/stamp/model-manifest";
import { STAMP_CLASSES } from "../lib/classifiers/stamp/stamp-classes";
import { formatStampMetrics } from "../training/stamp/stamp-dataset";
import { evaluateStampModel } from "../training/stamp/evaluate-stamp-model";

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
