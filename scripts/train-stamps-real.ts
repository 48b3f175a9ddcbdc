// `npm run train:stamps:real [-- --from models/stamp_classifier/1.0.0 --out models/stamp_classifier/2.1.0]`:
// the stamp classifier by domain adaptation (ADR 0030, ADR 0047). Starts from the released
// simulator-trained network (its model.onnx), moment-matches the metadata (real alerts are z-scored
// with ALeRCE's real training-set moments, simulated ones keep the simulator's, so both land on the
// scale the network learnt), and fine-tunes on the real labelled alerts of the TRAIN split with
// class-balanced batches (real and simulated stamps side by side, random mirror flips on top of the
// network's four rotations). The TRAIN split is cut once more by a salted hash of the objectId into a
// fitting part and a calibration part (--calPercent): the fine-tune sees the fitting part only, is
// scored on the calibration part every --evalEvery steps and keeps the best step (early stopping,
// --patience evaluations without gain), and the temperature is fitted on the calibration part too.
// The real VALIDATION split is used for the report only (2.0.0 fitted its temperature on it).
// 2.1.0 was made in two runs (ADR 0047): `--calPercent 25 --steps 800` chose the step (60 of the
// fitting part's 286 alerts) and the temperature (0.835) on the calibration part; the defaults then
// refit on the whole train split (387 alerts) for 80 steps (60 × 387/286, rounded) with that temperature.
// Writes model.onnx, model.json, evaluation.json and MODEL_CARD.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import * as ort from "onnxruntime-node";
import { type StampModelManifest, readStampModelManifest, stampModelManifestSchema } from "../lib/classifiers/stamp/model-manifest";
import { STAMP_CLASSES } from "../lib/classifiers/stamp/stamp-classes";
import { rawStampFeatures, scaleStampFeatures, STAMP_FEATURES, type FeatureScaling } from "../lib/classifiers/stamp/stamp-features";
import { createRng } from "../lib/math/random";
import { stampCnnLogits, toVariables, fromVariables, type StampCnnWeights } from "../training/stamp/stamp-cnn";
import { stampCnnFromOnnx } from "../training/stamp/stamp-cnn-from-onnx";
import { stampCnnToOnnx } from "../training/stamp/stamp-cnn-onnx";
import { predictStampCnn, type StampTrainingSet } from "../training/stamp/train-stamp-cnn";
import { buildStampSet, simulateStampSplits, STAMP_TRAINING_DATA } from "../training/stamp/stamp-dataset";
import { evaluateStampModel } from "../training/stamp/evaluate-stamp-model";
import { evaluateStampModelOnReal } from "../training/stamp/evaluate-stamp-real";
import { ALERCE_REAL_STAMP_STATS } from "../training/real-data/alerce-stamp-stats";
import { loadRealStampExamples, type RealStampExample } from "../training/real-data/real-stamp-set";
import { fitTemperature, temperatureScaled, calibration } from "../training/real-data/real-metrics";
import {
  stampFirstAlertsCardSection,
  stampRealCardSection,
  withFirstAlertsSection,
  withRealSection,
} from "../training/real-data/real-card-section";
import { fnv1a32 } from "../training/real-data/object-split";
import { realReport } from "../training/real-data/real-metrics";

const { values } = parseArgs({
  options: {
    from: { type: "string", default: "models/stamp_classifier/1.0.0" },
    /** The version the card compares with (the one served before). */
    baseline: { type: "string", default: "models/stamp_classifier/2.0.0" },
    out: { type: "string", default: "models/stamp_classifier/2.1.0" },
    version: { type: "string", default: "2.1.0" },
    /** The most steps; early stopping on the calibration part picks the step kept. */
    steps: { type: "string", default: "80" },
    evalEvery: { type: "string", default: "20" },
    patience: { type: "string", default: "8" },
    calPercent: { type: "string", default: "0" },
    /**
     * With --calPercent 0 (refit on the whole train split for a step count chosen before on the
     * calibration part): the temperature fitted then, since no train-side alert is left to fit it.
     */
    temperature: { type: "string", default: "0.835" },
    /** Alerts per train-split object (the validation split always keeps MAX_ALERTS_PER_OBJECT). */
    trainAlertsPerObject: { type: "string", default: "Infinity" },
    /** Skip the card and the simulated evaluation (experiments). */
    quick: { type: "boolean", default: false },
    lr: { type: "string", default: "3e-4" },
    beta: { type: "string", default: "0" },
    realPerClass: { type: "string", default: "8" },
    simPerClass: { type: "string", default: "1" },
    seed: { type: "string", default: "20261205" },
  },
  allowPositionals: true,
});
const fromDir = path.resolve(values.from);
const baselineDir = path.resolve(values.baseline);
const outDir = path.resolve(values.out);
const steps = Number(values.steps);
const evalEvery = Number(values.evalEvery);
const patience = Number(values.patience);
const calPercent = Number(values.calPercent);
const learningRate = Number(values.lr);
const entropyWeight = Number(values.beta);
const realPerClass = Number(values.realPerClass);
const simPerClass = Number(values.simPerClass);
const seed = Number(values.seed);
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const PER = 21 * 21 * 3;
const M = STAMP_FEATURES.length;
const K = STAMP_CLASSES.length;

await tf.setBackend("wasm");
await tf.ready();

// ---- the released network and the moment-matched scaling ---------------------------------------
const base = readStampModelManifest(fromDir);
const initial: StampCnnWeights = stampCnnFromOnnx(fs.readFileSync(path.join(fromDir, "model.onnx")));
const simulatorScaling: FeatureScaling = base.scaling;
const realScaling: FeatureScaling = {
  mean: STAMP_FEATURES.map((f, i) => (f === "isdiffpos" ? simulatorScaling.mean[i]! : ALERCE_REAL_STAMP_STATS[f].mean)),
  std: STAMP_FEATURES.map((f, i) => (f === "isdiffpos" ? simulatorScaling.std[i]! : ALERCE_REAL_STAMP_STATS[f].std)),
};

// ---- data ---------------------------------------------------------------------------------------
let t0 = performance.now();
const examples = await loadRealStampExamples(undefined, { trainAlertsPerObject: Number(values.trainAlertsPerObject) });
/** The calibration part of the TRAIN split: early stopping and temperature (salted, so not the validation hash). */
const inCalibration = (objectId: string) => fnv1a32(`${objectId}:calibration`) % 100 < calPercent;
const realTrainAll = examples.filter((e) => e.split === "train");
const realTrain = realTrainAll.filter((e) => !inCalibration(e.objectId));
const realCalibration = realTrainAll.filter((e) => inCalibration(e.objectId));
const realValidation = examples.filter((e) => e.split === "validation");
const toSet = (list: readonly RealStampExample[], scaling: FeatureScaling): StampTrainingSet => {
  const stamps = new Float32Array(list.length * PER);
  const meta = new Float32Array(list.length * M);
  const labels = new Int32Array(list.length);
  list.forEach((e, i) => {
    stamps.set(e.input.stamps, i * PER);
    meta.set(scaleStampFeatures(rawStampFeatures(e.input.meta), scaling), i * M);
    labels[i] = STAMP_CLASSES.indexOf(e.label.label);
  });
  return { stamps, meta, labels, count: list.length };
};
const real = toSet(realTrain, realScaling);
const calibrationSet = toSet(realCalibration, realScaling);
const validation = toSet(realValidation, realScaling);
// simulated stamps for the mix: a seed the released model never saw, scaled with the simulator's moments
const simulated = buildStampSet(simulateStampSplits(seed, { train: 120, validation: 0, test: 0 }).train, simulatorScaling);
log(
  `real: ${real.count} fitting + ${calibrationSet.count} calibration (train split) / ${validation.count} validation alerts; simulated mix: ${simulated.count} stamps (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
);

// ---- fine-tuning with class-balanced batches ----------------------------------------------------
const rng = createRng(seed + 1);
const byClass = (labels: Int32Array) => STAMP_CLASSES.map((_, c) => [...labels.keys()].filter((i) => labels[i] === c));
const realByClass = byClass(real.labels);
const simByClass = byClass(simulated.labels);
/** Mirror a [21,21,3] stamp left–right (the network's rotations do not include mirror images). */
function mirror(src: Float32Array, dst: Float32Array, offset: number) {
  for (let y = 0; y < 21; y++)
    for (let x = 0; x < 21; x++) for (let c = 0; c < 3; c++) dst[offset + (y * 21 + x) * 3 + c] = src[(y * 21 + (20 - x)) * 3 + c]!;
}
function batch() {
  const picks: { set: StampTrainingSet; index: number }[] = [];
  STAMP_CLASSES.forEach((_, c) => {
    const r = realByClass[c]!;
    for (let k = 0; k < realPerClass && r.length; k++) picks.push({ set: real, index: r[rng.int(0, r.length - 1)]! });
    const s = simByClass[c]!;
    for (let k = 0; k < simPerClass && s.length; k++) picks.push({ set: simulated, index: s[rng.int(0, s.length - 1)]! });
  });
  const stamps = new Float32Array(picks.length * PER);
  const meta = new Float32Array(picks.length * M);
  const labels = new Int32Array(picks.length);
  picks.forEach(({ set, index }, i) => {
    const stamp = set.stamps.subarray(index * PER, (index + 1) * PER);
    if (rng.next() < 0.5) mirror(stamp, stamps, i * PER);
    else stamps.set(stamp, i * PER);
    meta.set(set.meta.subarray(index * M, (index + 1) * M), i * M);
    labels[i] = set.labels[index]!;
  });
  return { stamps, meta, labels, count: picks.length };
}

t0 = performance.now();
const variables = toVariables(tf, initial);
const optimizer = tf.train.adam(learningRate);
const history: { step: number; loss: number; calibrationBalancedAccuracy?: number; calibrationNll?: number }[] = [];
/** The network on the calibration part: balanced accuracy (argmax) and mean NLL after a fitted temperature. */
async function scoreCalibration(): Promise<{ balancedAccuracy: number; nll: number }> {
  const weights = await fromVariables(initial.shape, variables);
  const probs = predictStampCnn(tf, weights, calibrationSet.stamps, calibrationSet.meta, calibrationSet.count);
  const predicted = Int32Array.from({ length: calibrationSet.count }, (_, i) => {
    let top = 0;
    for (let c = 1; c < K; c++) if (probs[i * K + c]! > probs[i * K + top]!) top = c;
    return top;
  });
  const scaled = temperatureScaled(probs, K, fitTemperature(probs, K, calibrationSet.labels));
  let nll = 0;
  for (let i = 0; i < calibrationSet.count; i++) nll -= Math.log(Math.max(scaled[i * K + calibrationSet.labels[i]!]!, 1e-12));
  return {
    balancedAccuracy: realReport(STAMP_CLASSES, calibrationSet.labels, predicted, STAMP_CLASSES, 1).balancedAccuracy,
    nll: Number((nll / calibrationSet.count).toFixed(4)),
  };
}
const better = (a: { balancedAccuracy: number; nll: number }, b: { balancedAccuracy: number; nll: number }) =>
  a.balancedAccuracy > b.balancedAccuracy || (a.balancedAccuracy === b.balancedAccuracy && a.nll < b.nll);
const refit = calibrationSet.count === 0;
if (refit && values.temperature === undefined) throw new Error("--calPercent 0 needs --temperature (fitted on a calibration part before)");
let best = { step: 0, score: refit ? { balancedAccuracy: Number.NaN, nll: Number.NaN } : await scoreCalibration(), weights: initial };
if (!refit) log(`step 0: calibration balanced accuracy ${best.score.balancedAccuracy}, NLL ${best.score.nll}`);
let sinceBest = 0;
let stepsRun = 0;
let running = 0;
for (let step = 1; step <= steps; step++) {
  stepsRun = step;
  const b = batch();
  const loss = optimizer.minimize(
    () =>
      tf.tidy(() => {
        const logits = stampCnnLogits(tf, variables, tf.tensor4d(b.stamps, [b.count, 21, 21, 3]), tf.tensor2d(b.meta, [b.count, M]));
        const labels = tf.oneHot(tf.tensor1d(b.labels, "int32"), K);
        const logProbs = tf.logSoftmax(logits);
        const entropy = tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1)));
        return tf.sub(tf.losses.softmaxCrossEntropy(labels, logits), tf.mul(entropyWeight, entropy)) as tf.Scalar;
      }),
    true,
  );
  running += (await loss!.data())[0]!;
  loss!.dispose();
  if (refit && step % evalEvery === 0) {
    history.push({ step, loss: Number((running / evalEvery).toFixed(5)) });
    log(`step ${step}/${steps}: mean loss ${(running / evalEvery).toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    running = 0;
  } else if (step % evalEvery === 0) {
    const score = await scoreCalibration();
    history.push({
      step,
      loss: Number((running / evalEvery).toFixed(5)),
      calibrationBalancedAccuracy: score.balancedAccuracy,
      calibrationNll: score.nll,
    });
    log(
      `step ${step}/${steps}: mean loss ${(running / evalEvery).toFixed(4)}; calibration balanced accuracy ${score.balancedAccuracy}, NLL ${score.nll} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
    running = 0;
    if (better(score, best.score)) {
      best = { step, score, weights: await fromVariables(initial.shape, variables) };
      sinceBest = 0;
    } else if (++sinceBest >= patience) {
      log(`early stop: no gain on the calibration part for ${patience} evaluations; keeping step ${best.step}`);
      break;
    }
  }
}
const tuned = refit ? await fromVariables(initial.shape, variables) : best.weights;
if (refit) best.step = stepsRun;
Object.values(variables).forEach((v) => v.dispose());
optimizer.dispose();
const trainSeconds = (performance.now() - t0) / 1000;

// ---- temperature scaling on the calibration part of the TRAIN split, folded into the last layer --
const calibrationProbs = refit ? null : predictStampCnn(tf, tuned, calibrationSet.stamps, calibrationSet.meta, calibrationSet.count);
const temperature = calibrationProbs ? fitTemperature(calibrationProbs, K, calibrationSet.labels) : Number(values.temperature);
const before = calibrationProbs ? calibration(calibrationProbs, K, calibrationSet.labels).ece : null;
const after = calibrationProbs ? calibration(temperatureScaled(calibrationProbs, K, temperature), K, calibrationSet.labels).ece : null;
log(
  refit
    ? `refit: ${stepsRun} steps on the whole train split; temperature ${temperature} (from the calibration part of the run that chose the steps)`
    : `kept step ${best.step} of ${stepsRun}; temperature ${temperature}: network ECE on the calibration part ${before} → ${after}`,
);
const calibrated: StampCnnWeights = {
  ...tuned,
  outW: tuned.outW.map((w) => w / temperature),
  outB: tuned.outB.map((b) => b / temperature),
};

// ---- export -------------------------------------------------------------------------------------
const trainedAt = new Date().toISOString();
const manifest: StampModelManifest = stampModelManifestSchema.parse({
  ...base,
  classifierVersion: `stamp_classifier_${values.version}`,
  scaling: realScaling,
  trainedAt,
  seed,
});
const onnx = stampCnnToOnnx(calibrated, {
  classifier_version: manifest.classifierVersion,
  trained_at: trainedAt,
  training_data: `fine-tuned from ${base.classifierVersion} on real labelled ZTF alerts (train split, fitting part; step ${best.step} kept by the calibration part) + simulated stamps (seed ${seed}); temperature ${temperature} (calibration part)`,
});
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, "model.onnx"), onnx);
fs.writeFileSync(path.join(outDir, "model.json"), `${JSON.stringify(manifest, null, 2)}\n`);

// parity ONNX vs tfjs on the validation split (ONNX takes the calibrated weights)
const session = await ort.InferenceSession.create(path.join(outDir, "model.onnx"));
const onnxOut = await session.run({
  stamps: new ort.Tensor("float32", validation.stamps, [validation.count, 21, 21, 3]),
  meta: new ort.Tensor("float32", validation.meta, [validation.count, M]),
});
await session.release();
const tfjsCalibrated = predictStampCnn(tf, calibrated, validation.stamps, validation.meta, validation.count);
const onnxProbs = onnxOut.probs!.data as Float32Array;
let maxDelta = 0;
for (let i = 0; i < onnxProbs.length; i++) maxDelta = Math.max(maxDelta, Math.abs(onnxProbs[i]! - tfjsCalibrated[i]!));
log(`wrote ${outDir}/model.onnx (${onnx.length} bytes); parity ONNX vs tfjs max |Δp| ${maxDelta.toExponential(2)}`);
if (values.quick) {
  // an experiment: the calibration part's score only (the validation split is not looked at here)
  fs.writeFileSync(
    path.join(outDir, "experiment.json"),
    `${JSON.stringify({ values, keptStep: best.step, stepsRun, calibration: best.score, temperature, history }, null, 2)}\n`,
  );
  log(`experiment: kept step ${best.step}, calibration ${JSON.stringify(best.score)}`);
  process.exit(0);
}

// ---- evaluation: real validation (served path, rules included) first, simulated second ----------
const realEvaluation = await evaluateStampModelOnReal(outDir, examples);
const baselineEvaluation = await evaluateStampModelOnReal(baselineDir, examples);
const baselineVersion = readStampModelManifest(baselineDir).classifierVersion;
// the pipeline's setting: the earliest labelled alert of each validation object only
const firstAlertsEvaluation = await evaluateStampModelOnReal(outDir, examples, { firstAlertsOnly: true });
const baselineFirstAlertsEvaluation = await evaluateStampModelOnReal(baselineDir, examples, { firstAlertsOnly: true });
const evaluation: Record<string, unknown> = {
  model: manifest.classifierVersion,
  trainedAt,
  note: "realValidation: real labelled ZTF alerts, validation split by objectId hash (training/real-data). test: the simulated held-out split of 1.0.0, moment-matched (z-scored with the simulator's moments, data.simulatorScaling).",
  data: {
    seed: STAMP_TRAINING_DATA.seed,
    sizesPerClass: STAMP_TRAINING_DATA.sizes,
    simulatorScaling,
    realTrain: {
      alerts: real.count + calibrationSet.count,
      objects: new Set(realTrainAll.map((e) => e.objectId)).size,
      fitting: { alerts: real.count, objects: new Set(realTrain.map((e) => e.objectId)).size },
      calibration: { alerts: calibrationSet.count, objects: new Set(realCalibration.map((e) => e.objectId)).size },
      alertsPerObject: values.trainAlertsPerObject,
    },
    realValidation: { alerts: validation.count, objects: new Set(realValidation.map((e) => e.objectId)).size },
    fineTuneSimulatedSeed: seed,
  },
  training: {
    from: base.classifierVersion,
    maxSteps: steps,
    stepsRun,
    keptStep: best.step,
    earlyStopping: refit
      ? `none: refit on the whole train split for ${steps} steps; the steps and the temperature were chosen before on a calibration part of the train split (ADR 0047)`
      : `every ${evalEvery} steps on the calibration part of the train split (balanced accuracy, then NLL); patience ${patience}`,
    calibrationScore: refit ? null : best.score,
    learningRate,
    entropyWeight,
    batch: `${realPerClass} real + ${simPerClass} simulated per class (${K * (realPerClass + simPerClass)} alerts), random left–right mirror`,
    optimizer: "Adam",
    seconds: Number(trainSeconds.toFixed(1)),
    history,
    temperature,
    temperatureFittedOn: refit
      ? "a calibration part of the train split, in the run that chose the steps"
      : "calibration part of the train split",
    networkEceBeforeTemperature: before,
    networkEceAfterTemperature: after,
  },
  realValidation: realEvaluation,
  realValidationFirstAlerts: firstAlertsEvaluation,
  baseline: { version: baselineVersion, realValidation: baselineEvaluation, realValidationFirstAlerts: baselineFirstAlertsEvaluation },
  parity: { alerts: validation.count, maxAbsDeltaP: Number(maxDelta.toExponential(3)) },
  modelBytes: onnx.length,
  host: { cpu: os.cpus()[0]?.model ?? "unknown", node: process.version },
};
fs.writeFileSync(path.join(outDir, "evaluation.json"), `${JSON.stringify(evaluation, null, 2)}\n`);
const simulatedEvaluation = await evaluateStampModel(outDir);
evaluation.test = simulatedEvaluation.metrics;
fs.writeFileSync(path.join(outDir, "evaluation.json"), `${JSON.stringify(evaluation, null, 2)}\n`);
log(
  `real validation: balanced accuracy ${realEvaluation.withRules.balancedAccuracy} (${baselineVersion}: ${baselineEvaluation.withRules.balancedAccuracy}), ECE ${realEvaluation.ece}; simulated test accuracy ${simulatedEvaluation.metrics.accuracy}`,
);

const cardFile = path.join(outDir, "MODEL_CARD.md");
const card = fs.existsSync(cardFile)
  ? fs.readFileSync(cardFile, "utf8")
  : `# Cielo stamp classifier ${values.version} (\`${manifest.classifierVersion}\`)\n\n(see docs/decisions/0030-stamp-classifier-domain-adaptation.md)\n`;
fs.writeFileSync(
  cardFile,
  withFirstAlertsSection(
    withRealSection(card, stampRealCardSection(realEvaluation, { version: baselineVersion, evaluation: baselineEvaluation })),
    stampFirstAlertsCardSection(firstAlertsEvaluation, { version: baselineVersion, evaluation: baselineFirstAlertsEvaluation }),
  ),
);
log(`wrote evaluation.json and the real-data section of ${cardFile}`);
