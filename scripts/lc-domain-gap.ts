// `npm run lc:domain-gap [-- --dir models/lc_classifier/1.0.0 --simulated 400]`: how far the
// light-curve simulator is from real data, measured as issue 15 asks: a balanced random forest
// that tells REAL feature vectors (BTS SNe Ia, train split only) from SIMULATED SN Ia ones, scored
// out of fold (2 folds by objectId hash), with its ROC AUC (0.5 = indistinguishable) and top
// features. Twice: the simulated light curves as the simulator writes them, and reduced to what
// the real files carry (detections only: no non-detections, no sgscore1, no rb), which isolates the
// physics and cadence part of the gap. A third time with the simulator as light-curve classifier
// 2.0.0's training mix uses it (ADR 0042: survey and nightly cadences, 2× baselines, truncated at random
// epochs like real histories: simulateRealCadences), reduced to the real files' content. Writes domain-gap.json beside the model.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readLcModelManifest, lcModelDir } from "../lib/classifiers/lc/model-manifest";
import type { LightcurveFeatureInput } from "../lib/features/types";
import { parseLightcurveCsv } from "../lib/classify-cli/lightcurve-csv";
import { LC_MIN_DETECTIONS } from "../lib/pipeline/steps/classify-lightcurves";
import { simulateLightcurveDataset } from "../training/simulators/lightcurve-simulator";
import { lcFeatureMatrix } from "../training/lc/lc-dataset";
import { predictForestProba, trainBalancedRandomForest } from "../training/lc/balanced-random-forest";
import { BTS_SNIA_DIR } from "../training/lc/evaluate-lc-real";
import { fnv1a32, realSplitOf } from "../training/real-data/object-split";
import { alertFileView, REAL_VIEW_TRUNCATION, simulateRealCadences } from "../training/lc/lc-training-mix";

const { values } = parseArgs({
  options: { dir: { type: "string", default: lcModelDir() }, simulated: { type: "string", default: "400" } },
  allowPositionals: true,
});
const dir = path.resolve(values.dir);
const manifest = readLcModelManifest(dir);
const columns = manifest.features;
const width = columns.length;
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const eligible = (lc: LightcurveFeatureInput) =>
  [1, 2].some((fid) => lc.detections.filter((d) => d.fid === fid).length >= LC_MIN_DETECTIONS);
const real = fs
  .readdirSync(BTS_SNIA_DIR)
  .filter((f) => f.endsWith(".csv"))
  .sort()
  .map((f) => parseLightcurveCsv(fs.readFileSync(path.join(BTS_SNIA_DIR, f), "utf8"), f))
  .filter((lc) => realSplitOf(lc.oid) === "train" && eligible(lc));
const simulated = simulateLightcurveDataset(20261205, { SNIa: Number(values.simulated) }).map((s, i) => ({ ...s.input, oid: `sim-${i}` }));
const asRealFiles = (lc: LightcurveFeatureInput): LightcurveFeatureInput => ({
  ...lc,
  nonDetections: [],
  context: { ...lc.context, sgscore1: null, wise: null, raDeg: Number.NaN, decDeg: Number.NaN },
  detections: lc.detections.map((d) => ({
    ...d,
    rb: null,
    magpsf_corr: null,
    sigmapsf_corr: null,
    sigmapsf_corr_ext: null,
    corrected: false,
  })),
});
log(`${real.length} real (BTS SN Ia, train split) and ${simulated.length} simulated SN Ia light curves`);
const xReal = lcFeatureMatrix(real, columns);

/** ROC AUC of scores for positives (label 1) vs negatives (Mann–Whitney). */
function auc(scores: number[], labels: number[]): number {
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]![1] !== 1) continue;
      rankSum += rank;
      positives += 1;
    }
    i = j;
  }
  const negatives = order.length - positives;
  return Number(((rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)).toFixed(4));
}

function domainGap(sim: LightcurveFeatureInput[]) {
  const xSim = lcFeatureMatrix(sim, columns);
  const n = real.length + sim.length;
  const x = new Float32Array(n * width);
  x.set(xReal, 0);
  x.set(xSim, real.length * width);
  const y = Int32Array.from({ length: n }, (_, i) => (i < real.length ? 1 : 0));
  const ids = [...real.map((r) => r.oid), ...sim.map((s) => s.oid)];
  const fold = ids.map((id) => fnv1a32(`gap:${id}`) % 2);
  const scores = new Array<number>(n).fill(0);
  const importances = new Array<number>(width).fill(0);
  for (const f of [0, 1]) {
    const trainIdx = ids.map((_, i) => i).filter((i) => fold[i] !== f);
    const testIdx = ids.map((_, i) => i).filter((i) => fold[i] === f);
    const xt = new Float32Array(trainIdx.length * width);
    trainIdx.forEach((i, k) => xt.set(x.subarray(i * width, (i + 1) * width), k * width));
    const forest = trainBalancedRandomForest(
      xt,
      Int32Array.from(trainIdx, (i) => y[i]!),
      width,
      2,
      { nTrees: 100, seed: 20261205 + f },
    );
    forest.importances.forEach((v, j) => (importances[j]! += v / 2));
    const xs = new Float32Array(testIdx.length * width);
    testIdx.forEach((i, k) => xs.set(x.subarray(i * width, (i + 1) * width), k * width));
    const p = predictForestProba(forest, xs);
    testIdx.forEach((i, k) => (scores[i] = p[k * 2 + 1]!));
  }
  const top = importances
    .map((v, j) => ({ feature: `${columns[j]!.name}_${columns[j]!.fid}`, importance: Number(v.toFixed(4)) }))
    .sort((a, b) => b.importance - a.importance)
    .slice(0, 10);
  return { auc: auc(scores, [...y]), real: real.length, simulated: sim.length, topFeatures: top };
}

const asWritten = domainGap(simulated);
log(
  `simulated as written: AUC ${asWritten.auc}; top ${asWritten.topFeatures
    .slice(0, 5)
    .map((f) => f.feature)
    .join(", ")}`,
);
const reduced = domainGap(simulated.map(asRealFiles));
log(
  `simulated reduced to the real files' content: AUC ${reduced.auc}; top ${reduced.topFeatures
    .slice(0, 5)
    .map((f) => f.feature)
    .join(", ")}`,
);
const dense = simulateRealCadences(20261205, { SNIa: Number(values.simulated) }, REAL_VIEW_TRUNCATION).map((s, i) => ({
  ...s.input,
  oid: `sim-view-${i}`,
}));
const mixView = domainGap(dense.map(alertFileView));
log(
  `2.0.0 simulator view (survey + nightly cadences, long baselines, truncated), reduced to the real files' content: AUC ${mixView.auc}; top ${mixView.topFeatures
    .slice(0, 5)
    .map((f) => f.feature)
    .join(", ")}`,
);
const result = {
  model: manifest.classifierVersion,
  note: "Balanced random forest (100 trees, 2 folds by objectId hash, out-of-fold scores) telling real BTS SN Ia feature vectors (train split) from simulated SN Ia ones (seed 20261205). AUC 0.5 = indistinguishable.",
  simulatedAsWritten: asWritten,
  simulatedReducedToRealContent: reduced,
  simulated2ViewReducedToRealContent: mixView,
};
fs.writeFileSync(path.join(dir, "domain-gap.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify({ bench: "lc-domain-gap", auc: asWritten.auc, auc_reduced: reduced.auc, auc_2_view_reduced: mixView.auc }));
