// `npm run eval:stamps [-- --dir models/stamp_classifier/<version>]`: the stamp classifier on the REAL
// labelled validation split first (training/real-data/real-stamp-set.ts: Fink's labelled alerts and
// ../shared/data/ztf-alerts labelled by catalogue position, ssnamenr or drb; split by a hash of the
// objectId), through the serving code (ONNX + production rules): per-class precision/recall/F1 with
// bootstrap 95 % intervals, confusion, ECE. Then its held-out SIMULATED test split (same simulator,
// seed and split sizes as training). Both must equal evaluation.json (`realValidation`, `test`):
// otherwise the card is stale. The last line is one JSON object:
// {"bench":"eval-stamps","real_balanced_accuracy":...,"real_macro_recall":...,"snia_recall_by_length":null,"ece":...,...}.
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { stampModelDir } from "../lib/classifiers/stamp/model-manifest";
import { STAMP_CLASSES } from "../lib/classifiers/stamp/stamp-classes";
import { formatStampMetrics } from "../training/stamp/stamp-dataset";
import { evaluateStampModel } from "../training/stamp/evaluate-stamp-model";
import { evaluateStampModelOnReal, formatRealReport } from "../training/stamp/evaluate-stamp-real";
import { loadRealStampExamples } from "../training/real-data/real-stamp-set";

const { values } = parseArgs({ options: { dir: { type: "string", default: stampModelDir() } }, allowPositionals: true });
const dir = path.resolve(values.dir);
const recorded = JSON.parse(fs.readFileSync(path.join(dir, "evaluation.json"), "utf8")) as {
  realValidation?: unknown;
  realValidationFirstAlerts?: unknown;
  test?: unknown;
};

const examples = await loadRealStampExamples();
const real = await evaluateStampModelOnReal(dir, examples);
const first = await evaluateStampModelOnReal(dir, examples, { firstAlertsOnly: true });
console.log(`stamp classifier ${dir}`);
console.log(`REAL validation split: ${real.alerts} alerts of ${real.objects} objects; labels ${JSON.stringify(real.support)}`);
console.log(`served (network + production rules):\n${formatRealReport(real.withRules)}`);
console.log(`network alone:\n${formatRealReport(real.network)}`);
console.log(`ECE ${real.ece} (network alone ${real.eceNetwork}); rules that changed the top class: ${JSON.stringify(real.rules)}`);
console.log(
  `first alert of each validation object only (${first.alerts} alerts; what the pipeline classifies), served:\n${formatRealReport(first.withRules)}`,
);
console.log(`ECE ${first.ece}; rules that changed the top class: ${JSON.stringify(first.rules)}`);

const evaluation = await evaluateStampModel(dir);
console.log(`held-out SIMULATED test split: seed ${evaluation.seed}, ${evaluation.sizes.test} per class (ONNX, onnxruntime-node)`);
console.log(formatStampMetrics(evaluation.metrics));

const realSame =
  recorded.realValidation === undefined
    ? null
    : isDeepStrictEqual(JSON.parse(JSON.stringify(real)), recorded.realValidation) &&
      (recorded.realValidationFirstAlerts === undefined ||
        isDeepStrictEqual(JSON.parse(JSON.stringify(first)), recorded.realValidationFirstAlerts));
const simulatedSame = isDeepStrictEqual(evaluation.metrics, recorded.test);
console.log(
  realSame === null
    ? "evaluation.json has no realValidation (a simulator-only release)"
    : realSame && simulatedSame
      ? "equals evaluation.json"
      : "DIFFERS from evaluation.json: the model card is stale",
);
console.log(
  JSON.stringify({
    bench: "eval-stamps",
    real_balanced_accuracy: real.withRules.balancedAccuracy,
    real_balanced_accuracy_ci: real.withRules.balancedAccuracyCi,
    real_macro_recall: real.withRules.macroRecallStrong,
    real_balanced_accuracy_network: real.network.balancedAccuracy,
    real_recall: Object.fromEntries(STAMP_CLASSES.map((c) => [c, real.withRules.perClass[c]!.recall])),
    real_precision: Object.fromEntries(STAMP_CLASSES.map((c) => [c, real.withRules.perClass[c]!.precision])),
    real_alerts: real.alerts,
    real_first_alerts_balanced_accuracy: first.withRules.balancedAccuracy,
    real_first_alerts_sn_recall: first.withRules.perClass.SN!.recall,
    real_first_alerts: first.alerts,
    snia_recall_by_length: null,
    ece: real.ece,
    ece_network: real.eceNetwork,
    simulated_accuracy: evaluation.metrics.accuracy,
    simulated_macro_f1: evaluation.metrics.macroF1,
    matches_evaluation_json: realSame !== false && simulatedSame,
  }),
);
if (realSame === false || !simulatedSame) process.exitCode = 1;
