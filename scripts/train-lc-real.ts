// `npm run train:lc:real [-- --trees 200 --out models/lc_classifier/2.0.0]`: light-curve classifier
// 2.0.0 (ADR 0042). Trains the hierarchical balanced random forest on a mix of simulated light curves
// (as written, and in the real-data views: dense cadence, long baselines, random truncation, alert
// files without non-detections / sgscore1 / rb / position) and the real labelled light curves of
// the TRAIN split (BTS SNe Ia, Fink- and catalogue-labelled objects; each whole and truncated at
// random epochs); fits a temperature for P(branch) on the real validation split (stored in
// model.json, applied by lib/ at serving time); evaluates on the real validation split and on the
// simulated test split of 1.0.0; writes model.onnx, model.json, evaluation.json and MODEL_CARD.md.
// Feature matrices are cached under training/experiments/ (git-ignored), keyed by the objects and
// the feature version. Needs ../shared/data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { LC_FEATURE_KEYS, LC_FEATURE_VERSION } from "../lib/features/compute-lightcurve-features";
import type { LightcurveFeatureInput } from "../lib/features/types";
import { LC_BRANCHES, LC_CLASSES, branchOf, type LcBranch } from "../lib/classifiers/lc/lc-taxonomy";
import { lcModelDir, lcModelManifestSchema, readLcModelManifest } from "../lib/classifiers/lc/model-manifest";
import { loadLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { calibrateLcPrediction } from "../lib/classifiers/lc/lc-calibration";
import { type HierarchicalOptions, predictHierarchical, trainHierarchicalForest } from "../training/lc/hierarchical-forest";
import { forestNodeCount } from "../training/lc/balanced-random-forest";
import { lcFeatureMatrix, LC_TRAINING_DATA } from "../training/lc/lc-dataset";
import { writeLcModel } from "../training/lc/write-lc-model";
import { evaluateLcModel } from "../training/lc/evaluate-lc-model";
import { evaluateLcModelOnReal, realValidationLightcurves } from "../training/lc/evaluate-lc-real";
import { loadRealLightcurves } from "../training/lc/real-lightcurve-set";
import { alertFileView, type MixOptions, type MixRow, realTrainRows, rowCopies, simulatedRows } from "../training/lc/lc-training-mix";
import { simulateLightcurveDataset } from "../training/simulators/lightcurve-simulator";
import { calibration, fitTemperature } from "../training/real-data/real-metrics";
import { fnv1a32 } from "../training/real-data/object-split";
import { type Lc2Evaluation, lc2ModelCard } from "../training/lc/lc2-model-card";
import type { ClassificationMetrics } from "../training/classification-metrics";

const { values } = parseArgs({
  options: {
    trees: { type: "string", default: "200" },
    "sim-per-class": { type: "string", default: "150" },
    "real-view-per-class": { type: "string", default: "150" },
    truncations: { type: "string", default: "2" },
    "sim-snia-weight": { type: "string", default: "6" },
    out: { type: "string", default: lcModelDir("2.0.0") },
    baseline: { type: "string", default: lcModelDir("1.0.0") },
  },
  allowPositionals: true,
});
const VERSION = "2.0.0";
const outDir = path.resolve(values.out);
const nTrees = Number(values.trees);
const mix: MixOptions = {
  seed: 20261206,
  simulatedPerClass: Number(values["sim-per-class"]),
  realViewPerClass: Number(values["real-view-per-class"]),
  realTruncations: Number(values.truncations),
  simulatedSniaWeight: Number(values["sim-snia-weight"]),
};
const MAX_MODEL_BYTES = 20 * 1024 * 1024;
const CACHE_DIR = path.resolve(import.meta.dirname, "../training/experiments");
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
const columns = LC_FEATURE_KEYS.map(({ name, fid }) => ({ name, fid }));
const F = columns.length;

/** Feature matrix of the inputs, cached by a hash of their oids, detection counts and the feature version. */
function cachedFeatures(name: string, inputs: readonly LightcurveFeatureInput[]): Float32Array {
  const key = fnv1a32(
    `${LC_FEATURE_VERSION}|${inputs.map((i) => `${i.oid}:${i.detections.length}:${i.nonDetections.length}:${i.context.sgscore1}`).join(",")}`,
  );
  const file = path.join(CACHE_DIR, `lc2-${name}-${key.toString(16)}.bin`);
  if (fs.existsSync(file)) {
    log(`features of ${inputs.length} ${name} light curves from the cache ${path.basename(file)}`);
    const b = fs.readFileSync(file);
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  }
  const t0 = performance.now();
  const x = lcFeatureMatrix(inputs, columns, (n) => n % 1000 === 0 && log(`features: ${n}/${inputs.length} ${name}`));
  log(`features of ${inputs.length} ${name} light curves in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.writeFileSync(file, Buffer.from(x.buffer));
  return x;
}

// ---- data ---------------------------------------------------------------------------------------
const real = await loadRealLightcurves();
const simRows = simulatedRows(mix);
const realRows = realTrainRows(real, mix);
const rows: MixRow[] = [...simRows, ...realRows];
const xSim = cachedFeatures(
  "sim",
  simRows.map((r) => r.input),
);
const xReal = cachedFeatures(
  "real",
  realRows.map((r) => r.input),
);
const xRows = new Float32Array(rows.length * F);
xRows.set(xSim, 0);
xRows.set(xReal, simRows.length * F);
const copies = rows.map((r) => rowCopies(r, mix));
const x = new Float32Array(copies.reduce((a, b) => a + b, 0) * F);
const labels: (typeof rows)[number]["label"][] = [];
rows.forEach((r, i) => {
  for (let k = 0; k < copies[i]!; k++) {
    x.set(xRows.subarray(i * F, (i + 1) * F), labels.length * F);
    labels.push(r.label);
  }
});
const composition: Record<string, number> = {};
for (const r of rows) composition[`${r.origin} ${r.label}`] = (composition[`${r.origin} ${r.label}`] ?? 0) + 1;
const realTrainObjects = new Set(realRows.map((r) => r.input.oid)).size;
log(
  `training mix: ${rows.length} rows (${simRows.length} simulated, ${realRows.length} real from ${realTrainObjects} objects), ${labels.length} with the simulated SN Ia weight ${mix.simulatedSniaWeight}`,
);

// ---- training -----------------------------------------------------------------------------------
const settings = { nTrees };
const options: HierarchicalOptions = {
  top: settings,
  children: { Periodic: settings, Stochastic: { ...settings, mtry: 0.2 }, Transient: settings },
  seed: mix.seed + 7,
};
let t0 = performance.now();
const model = trainHierarchicalForest(x, labels, F, options);
const trainSeconds = (performance.now() - t0) / 1000;
const nodes = forestNodeCount(model.top) + LC_BRANCHES.reduce((a, b) => a + forestNodeCount(model.children[b]), 0);
log(`trained 4 × ${nTrees} trees in ${trainSeconds.toFixed(1)} s: ${nodes.toLocaleString("en")} nodes`);
const trainedAt = new Date().toISOString();
const { bytes: onnxBytes } = writeLcModel(outDir, model, {
  classifierVersion: `lc_classifier_${VERSION}`,
  options,
  seed: mix.seed,
  trainedAt,
  metadata: { training_data: "simulated + real labelled light curves (train split), see MODEL_CARD.md" },
});
if (onnxBytes > MAX_MODEL_BYTES) throw new Error(`model.onnx is ${(onnxBytes / 1e6).toFixed(1)} MB > 20 MB: use fewer trees`);
log(`wrote model.onnx (${(onnxBytes / 1e6).toFixed(2)} MB)`);

// ---- calibration on the real validation split ---------------------------------------------------
const validation = await realValidationLightcurves();
const xVal = cachedFeatures(
  "validation",
  validation.map((v) => v.input),
);
const raw = predictHierarchical(model, xVal);
const topLabels = Int32Array.from(validation, (v) => LC_BRANCHES.indexOf(v.branch));
const half = validation.map((v) => fnv1a32(`calibration:${v.input.oid}`) % 2);
const subset = (p: Float64Array, width: number, keep: (i: number) => boolean) =>
  Float64Array.from(validation.flatMap((_, i) => (keep(i) ? Array.from(p.subarray(i * width, (i + 1) * width)) : [])));
const subLabels = (keep: (i: number) => boolean) => Int32Array.from(validation.flatMap((_, i) => (keep(i) ? [topLabels[i]!] : [])));
const topTemperature = fitTemperature(raw.top, LC_BRANCHES.length, topLabels);
// cross-fitted ECE: the temperature of one half of the validation objects scored on the other
const crossFitted = new Float64Array(raw.top.length);
for (const h of [0, 1]) {
  const t = fitTemperature(
    subset(raw.top, 3, (i) => half[i] !== h),
    3,
    subLabels((i) => half[i] !== h),
  );
  validation.forEach((_, i) => {
    if (half[i] !== h) return;
    const row = raw.top.subarray(i * 3, i * 3 + 3);
    const q = Array.from(row, (p) => Math.exp(Math.log(Math.max(p, 1e-12)) / t));
    const s = q.reduce((a, b) => a + b, 0);
    q.forEach((v, k) => (crossFitted[i * 3 + k] = v / s));
  });
}
const eceRaw = calibration(raw.top, 3, topLabels).ece;
const eceCrossFitted = calibration(crossFitted, 3, topLabels).ece;
const calibrationInfo = {
  method: "temperature" as const,
  version: `${VERSION}-t1`,
  topTemperature,
  fittedOn: `real validation split (${validation.length} labelled light curves), ${trainedAt.slice(0, 10)}`,
};
const manifestFile = path.join(outDir, "model.json");
const manifest = lcModelManifestSchema.parse({ ...readLcModelManifest(outDir), calibration: calibrationInfo });
fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
log(`temperature of P(branch) ${topTemperature}: top-level ECE ${eceRaw} raw, ${eceCrossFitted} cross-fitted (2 halves)`);

// ---- evaluation (ONNX + calibration = what is served) -------------------------------------------
const classifier = await loadLcClassifier(outDir);
const onnxRaw = await classifier.predictRaw(xVal);
let maxDelta = 0;
for (let i = 0; i < onnxRaw.final.length; i++) maxDelta = Math.max(maxDelta, Math.abs(onnxRaw.final[i]! - raw.final[i]!));
for (let i = 0; i < onnxRaw.top.length; i++) maxDelta = Math.max(maxDelta, Math.abs(onnxRaw.top[i]! - raw.top[i]!));
const served = await classifier.predict(xVal);
const calibrated = calibrateLcPrediction(onnxRaw, manifest.calibration);
for (let i = 0; i < served.final.length; i++) maxDelta = Math.max(maxDelta, Math.abs(served.final[i]! - calibrated.final[i]!));
await classifier.close();
log(`parity ONNX vs JS forests on ${validation.length} real objects: max |Δp| ${maxDelta.toExponential(2)}`);

t0 = performance.now();
const realValidation = await evaluateLcModelOnReal(outDir);
const baselineReal = await evaluateLcModelOnReal(path.resolve(values.baseline));
log(
  `real validation: top-level accuracy ${realValidation.labelled!.topAccuracy} (1.0.0 ${baselineReal.labelled!.topAccuracy}), 15-class balanced ${realValidation.labelled!.final.balancedAccuracy} (1.0.0 ${baselineReal.labelled!.final.balancedAccuracy}), SN Ia recall ${realValidation.whole.all.recall} (1.0.0 ${baselineReal.whole.all.recall}) in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
const simSeed = LC_TRAINING_DATA.seed;
const simTest = await evaluateLcModel(outDir, { seed: simSeed, perClass: LC_TRAINING_DATA.sizes.test });
const simSubset = await evaluateLcModel(outDir, { seed: simSeed, perClass: 3 });
log(`simulated test split of 1.0.0 (seed ${simSeed + 1}): top ${simTest.top.accuracy}, 15-class ${simTest.final.accuracy}`);

// ---- shortcut check: simulated objects of every class in the alert-file view --------------------
// Every real BTS SN Ia comes as a CSV without position / sgscore1 / non-detections: a model could
// learn "no position ⇒ SN Ia". Held-out simulated objects of all 15 classes in that view say whether it did.
const csvObjects = simulateLightcurveDataset(777, 20, { visitGapDays: [0.5, 2.5], baselineFactor: 2 }).map((s) => ({
  ...s,
  input: alertFileView(s.input),
}));
const xCsv = cachedFeatures(
  "csv-view",
  csvObjects.map((s) => s.input),
);
const jsCsv = predictHierarchical(model, xCsv);
const pCsv = calibrateLcPrediction(
  {
    final: Float32Array.from(jsCsv.final),
    top: Float32Array.from(jsCsv.top),
    children: Object.fromEntries(LC_BRANCHES.map((b) => [b, Float32Array.from(jsCsv.children[b])])) as Record<LcBranch, Float32Array>,
  },
  manifest.calibration,
);
const argmax = (p: ArrayLike<number>, i: number, w: number) => {
  let b = 0;
  for (let k = 1; k < w; k++) if (p[i * w + k]! > p[i * w + b]!) b = k;
  return b;
};
const shortcut = {
  objects: csvObjects.length,
  accuracy: 0,
  topAccuracy: 0,
  nonSniaCalledSnia: 0,
  nonSnia: 0,
  otherTransientsCalledSnia: 0,
  otherTransients: 0,
};
csvObjects.forEach((s, i) => {
  const predicted = LC_CLASSES[argmax(pCsv.final, i, LC_CLASSES.length)]!;
  if (predicted === s.label) shortcut.accuracy++;
  if (LC_BRANCHES[argmax(pCsv.top, i, 3)] === branchOf(s.label)) shortcut.topAccuracy++;
  if (s.label !== "SNIa") {
    shortcut.nonSnia++;
    if (predicted === "SNIa") shortcut.nonSniaCalledSnia++;
    if (branchOf(s.label) === "Transient") {
      shortcut.otherTransients++;
      if (predicted === "SNIa") shortcut.otherTransientsCalledSnia++;
    }
  }
});
shortcut.accuracy = Number((shortcut.accuracy / shortcut.objects).toFixed(4));
shortcut.topAccuracy = Number((shortcut.topAccuracy / shortcut.objects).toFixed(4));
log(`shortcut check (simulated, alert-file view): ${JSON.stringify(shortcut)}`);

// ---- size vs real accuracy: fewer trees -----------------------------------------------------------
const variants: { trees: number; bytes: number; topAccuracy: number; sniaRecall: number; seconds: number }[] = [];
for (const trees of [50, 100]) {
  const s0 = performance.now();
  const o = {
    top: { nTrees: trees },
    children: { Periodic: { nTrees: trees }, Stochastic: { nTrees: trees, mtry: 0.2 }, Transient: { nTrees: trees } },
    seed: options.seed,
  };
  const m = trainHierarchicalForest(x, labels, F, o);
  const seconds = (performance.now() - s0) / 1000;
  const p = predictHierarchical(m, xVal);
  const { hierarchicalForestToOnnx } = await import("../training/lc/hierarchical-forest");
  variants.push({
    trees,
    bytes: hierarchicalForestToOnnx(m).length,
    topAccuracy: Number((validation.filter((v, i) => LC_BRANCHES[argmax(p.top, i, 3)] === v.branch).length / validation.length).toFixed(4)),
    sniaRecall: Number(
      (
        validation.filter((v, i) => v.kind === "bts" && LC_CLASSES[argmax(p.final, i, 15)] === "SNIa").length /
        validation.filter((v) => v.kind === "bts").length
      ).toFixed(4),
    ),
    seconds: Number(seconds.toFixed(1)),
  });
}
variants.push({
  trees: nTrees,
  bytes: onnxBytes,
  topAccuracy: Number((validation.filter((v, i) => LC_BRANCHES[argmax(raw.top, i, 3)] === v.branch).length / validation.length).toFixed(4)),
  sniaRecall: Number(
    (
      validation.filter((v, i) => v.kind === "bts" && LC_CLASSES[argmax(raw.final, i, 15)] === "SNIa").length /
      validation.filter((v) => v.kind === "bts").length
    ).toFixed(4),
  ),
  seconds: Number(trainSeconds.toFixed(1)),
});

const baselineRecorded = JSON.parse(fs.readFileSync(path.join(path.resolve(values.baseline), "evaluation.json"), "utf8")) as {
  test: { top: ClassificationMetrics; final: ClassificationMetrics };
};
// ---- evaluation.json ----------------------------------------------------------------------------
const domainGapFile = path.join(outDir, "domain-gap.json");
const domainGap = fs.existsSync(domainGapFile) ? (JSON.parse(fs.readFileSync(domainGapFile, "utf8")) as Record<string, unknown>) : null;
const evaluation = {
  model: manifest.classifierVersion,
  trainedAt,
  note: "realValidation: real labelled light curves of the validation split (objectId hash), served probabilities (ONNX + calibration). test/subset: the SIMULATED test split of 1.0.0 (same seed), for comparison only.",
  data: {
    simulator: "training/simulators/lightcurve-simulator.ts",
    seed: simSeed,
    sizesPerClass: { train: mix.simulatedPerClass + mix.realViewPerClass, test: LC_TRAINING_DATA.sizes.test },
    subsetPerClass: 3,
    mix,
    composition,
    rows: rows.length,
    realTrainObjects,
  },
  features: { version: LC_FEATURE_VERSION, columns: F },
  training: { forests: manifest.forests, seconds: Number(trainSeconds.toFixed(1)), nodes },
  calibration: { ...calibrationInfo, eceTopRaw: eceRaw, eceTopCrossFitted: eceCrossFitted },
  test: { top: simTest.top, final: simTest.final },
  subset: { top: simSubset.top, final: simSubset.final },
  real: simTest.real,
  realAlerceFeatures: simTest.realAlerceFeatures,
  parity: { objects: validation.length, maxAbsDeltaP: Number(maxDelta.toExponential(3)) },
  shortcutCheck: shortcut,
  variants,
  modelBytes: onnxBytes,
  host: { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, node: process.version },
  realValidation,
  baseline: { version: "1.0.0", realValidation: baselineReal, test: baselineRecorded.test },
  domainGap,
};
fs.writeFileSync(path.join(outDir, "evaluation.json"), `${JSON.stringify(evaluation, null, 2)}\n`);
fs.writeFileSync(path.join(outDir, "MODEL_CARD.md"), lc2ModelCard(evaluation as Lc2Evaluation, manifest, baselineRecorded.test));
log(`wrote evaluation.json and MODEL_CARD.md to ${outDir}`);
console.log(
  JSON.stringify({
    bench: "train-lc-real",
    real_top_accuracy: realValidation.labelled!.topAccuracy,
    baseline_real_top_accuracy: baselineReal.labelled!.topAccuracy,
    snia_recall: realValidation.whole.all.recall,
    baseline_snia_recall: baselineReal.whole.all.recall,
    ece_top: realValidation.labelled!.eceTop,
    model_bytes: onnxBytes,
    train_seconds: Number(trainSeconds.toFixed(1)),
  }),
);
