// `npm run eval:lc [-- --dir models/lc_classifier/1.0.0] [--subset]`: regenerates the light-curve
// classifier's held-out SIMULATED test split (seed and size from evaluation.json), computes the
// features with lib/features, runs the exported model.onnx with onnxruntime-node, and classifies the
// 30 real ALeRCE-labelled SNe. Prints the metrics and whether they equal evaluation.json (they must:
// otherwise the model card is stale — retrain with npm run train:lc). --subset evaluates only the
// first `subsetPerClass` test objects per class (the quick check the unit test runs).
// Then the REAL validation split (BTS SNe Ia, training/lc/evaluate-lc-real.ts): SN Ia recall by
// number of detections, whole and truncated light curves, compared with evaluation.json's
// `realValidation`; --record writes it there and regenerates the card's real-data section.
// Since 2.0.0 the real validation also holds every labelled real light curve (Fink / ZTF-alert objects
// with SIMBAD, TNS, GCVS, 3HSP labels; `labelled`), and --record rewrites 2.0.0's whole card
// (training/lc/lc2-model-card.ts), whose headline table is made from the same numbers.
// The last line is one JSON object: {"bench":"eval-lc","real_balanced_accuracy":...,"snia_recall_by_length":{...},"ece":...,...}:
// real_top_accuracy = top-level accuracy over all labelled real light curves; real_balanced_accuracy =
// mean recall over the three branches; real_macro_recall = mean recall over the 15 classes with real
// support; ece = top-level ECE of the served probabilities (all labelled objects); snia_recall_by_length
// = BTS SN Ia recall by detections (whole light curves). Models recorded before 2.0.0 (no `labelled`)
// report SN Ia recall in those keys, as before.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isDeepStrictEqual } from "node:util";
import { evaluateLcModel, readRecordedEvaluation } from "../training/lc/evaluate-lc-model";
import { confusionTable } from "../training/lc/lc-dataset";
import { LC_BRANCHES, LC_CLASSES } from "../lib/classifiers/lc/lc-taxonomy";
import { lcModelDir } from "../lib/classifiers/lc/model-manifest";
import { evaluateLcModelOnReal } from "../training/lc/evaluate-lc-real";
import { lcRealCardSection, withRealSection } from "../training/real-data/real-card-section";
import { type Lc2Evaluation, lc2ModelCard } from "../training/lc/lc2-model-card";
import { readLcModelManifest } from "../lib/classifiers/lc/model-manifest";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: lcModelDir() },
    subset: { type: "boolean", default: false },
    record: { type: "boolean", default: false },
  },
  allowPositionals: true,
});
const dir = path.resolve(values.dir);
const recorded = readRecordedEvaluation(dir);
const perClass = values.subset ? recorded.data.subsetPerClass : recorded.data.sizesPerClass.test;
const evaluation = await evaluateLcModel(dir, { seed: recorded.data.seed, perClass });
const expected = values.subset ? recorded.subset : recorded.test;

console.log(`light-curve classifier ${dir}`);
console.log(
  `held-out SIMULATED test split: seed ${evaluation.seed + 1}, ${perClass} per class (ONNX, onnxruntime-node), ${evaluation.seconds.toFixed(1)} s`,
);
console.log(`top level: accuracy ${evaluation.top.accuracy}, macro recall ${evaluation.top.macroRecall}`);
console.log(confusionTable(LC_BRANCHES, LC_BRANCHES, evaluation.top.confusion));
console.log(
  `15 classes: accuracy ${evaluation.final.accuracy}, macro precision ${evaluation.final.macroPrecision}, macro recall ${evaluation.final.macroRecall}, macro F1 ${evaluation.final.macroF1}`,
);
console.log(confusionTable(LC_CLASSES, LC_CLASSES, evaluation.final.confusion));
for (const c of LC_CLASSES) {
  const s = evaluation.final.perClass[c]!;
  console.log(
    `  ${c.padEnd(15)} precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (${s.support})`,
  );
}
console.log(
  `real ALeRCE SNe (${evaluation.real.source}): ${evaluation.real.correct}/${evaluation.real.objects.length} right seed class, ${evaluation.real.transientTop} in the Transient branch`,
);
for (const [label, row] of Object.entries(evaluation.real.confusion))
  console.log(
    `  ${label.padEnd(6)} → ${Object.entries(row)
      .map(([c, n]) => `${c} ${n}`)
      .join(", ")}`,
  );
const alerce = evaluation.realAlerceFeatures;
console.log(`real objects with ALeRCE's feature values (${alerce.source}): ${alerce.correct}/${alerce.objects.length} right seed class`);
for (const [label, row] of Object.entries(alerce.confusion))
  console.log(
    `  ${label.padEnd(14)} → ${Object.entries(row)
      .map(([c, n]) => `${c} ${n}`)
      .join(", ")}`,
  );
const same =
  isDeepStrictEqual(evaluation.top, expected.top) &&
  isDeepStrictEqual(evaluation.final, expected.final) &&
  isDeepStrictEqual(evaluation.real, recorded.real) &&
  isDeepStrictEqual(evaluation.realAlerceFeatures, recorded.realAlerceFeatures);
console.log(
  same
    ? "equals evaluation.json"
    : "DIFFERS from evaluation.json: the model card is stale (features or simulator changed since training): run npm run train:lc",
);
const real = await evaluateLcModelOnReal(dir);
console.log(`REAL validation split: ${real.source}; ${real.eligible} of ${real.objects} light curves eligible`);
for (const [name, view] of [
  ["whole", real.whole],
  ["truncated", real.truncated],
] as const) {
  console.log(
    `  ${name}: SN Ia recall ${view.all.recall} [${view.all.recallCi.low}–${view.all.recallCi.high}] (${view.all.objects}), Transient ${view.all.transientRecall}`,
  );
  for (const [bin, c] of Object.entries(view.byLength))
    console.log(
      `    ${bin.padEnd(6)} ${String(c.objects).padStart(4)} objects  SN Ia recall ${c.recall.toFixed(3)} [${c.recallCi.low}–${c.recallCi.high}]  Transient ${c.transientRecall.toFixed(3)}`,
    );
}
console.log(`  top-level ECE ${real.eceTop}`);
const labelled = real.labelled;
if (labelled) {
  console.log(
    `ALL labelled real light curves (validation, ${labelled.objects}): top-level accuracy ${labelled.topAccuracy} [${labelled.topAccuracyCi.low}–${labelled.topAccuracyCi.high}], balanced ${labelled.top.balancedAccuracy}; 15-class balanced ${labelled.final.balancedAccuracy} [${labelled.final.balancedAccuracyCi.low}–${labelled.final.balancedAccuracyCi.high}]; without BTS (${labelled.withoutBts.objects}): top ${labelled.withoutBts.topAccuracy}`,
  );
  for (const [c, r] of Object.entries(labelled.final.perClass))
    if (r.support > 0)
      console.log(
        `  ${c.padEnd(15)} precision ${r.precision.toFixed(3)} recall ${r.recall.toFixed(3)} [${r.recallCi.low}–${r.recallCi.high}] F1 ${r.f1.toFixed(3)} (${r.support})`,
      );
  console.log(`  ECE top ${labelled.eceTop}, 15 classes ${labelled.eceFinal}`);
}
const evaluationFile = path.join(dir, "evaluation.json");
const recordedJson = JSON.parse(fs.readFileSync(evaluationFile, "utf8")) as Record<string, unknown>;
if (values.record) {
  recordedJson.realValidation = real;
  fs.writeFileSync(evaluationFile, `${JSON.stringify(recordedJson, null, 2)}\n`);
  const cardFile = path.join(dir, "MODEL_CARD.md");
  const manifest = readLcModelManifest(dir);
  const recorded2 = recordedJson as unknown as Lc2Evaluation;
  fs.writeFileSync(
    cardFile,
    manifest.calibration
      ? lc2ModelCard(recorded2, manifest, recorded2.baseline.test)
      : withRealSection(fs.readFileSync(cardFile, "utf8"), lcRealCardSection(real)),
  );
  console.log(`recorded realValidation in ${evaluationFile} and the real-data section of MODEL_CARD.md`);
}
const realSame = isDeepStrictEqual(JSON.parse(JSON.stringify(real)), recordedJson.realValidation);
console.log(
  realSame ? "real validation equals evaluation.json" : "real validation DIFFERS from evaluation.json (run with --record after a retrain)",
);
console.log(
  JSON.stringify({
    bench: "eval-lc",
    model: readLcModelManifest(dir).classifierVersion,
    real_top_accuracy: labelled ? labelled.topAccuracy : null,
    real_balanced_accuracy: labelled ? labelled.top.balancedAccuracy : real.whole.all.recall,
    real_macro_recall: labelled ? labelled.final.balancedAccuracy : real.whole.all.recall,
    real_transient_recall: real.whole.all.transientRecall,
    snia_recall_by_length: Object.fromEntries(Object.entries(real.whole.byLength).map(([bin, c]) => [bin, c.recall])),
    snia_recall_by_length_truncated: Object.fromEntries(Object.entries(real.truncated.byLength).map(([bin, c]) => [bin, c.recall])),
    ece: labelled ? labelled.eceTop : real.eceTop,
    ece_15: labelled ? labelled.eceFinal : null,
    real_objects: real.eligible,
    top_accuracy: evaluation.top.accuracy,
    accuracy: evaluation.final.accuracy,
    macro_recall: evaluation.final.macroRecall,
    macro_f1: evaluation.final.macroF1,
    real_correct: evaluation.real.correct,
    real_alerce_features_correct: alerce.correct,
    matches_evaluation_json: same && realSame,
    seconds: Number(evaluation.seconds.toFixed(1)),
  }),
);
if (!same || !realSame) process.exitCode = 1;
