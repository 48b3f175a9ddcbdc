// `npm run train:anomaly [-- --trees 200 --sample 256 --out models/anomaly_detector/1.1.0]`: the
// anomaly detector (ADR 0038). Real light curves of the train split (training/anomaly/anomaly-dataset:
// public ZTF alerts' objects + BTS SNe Ia) → lib/features rows in the light-curve classifier's
// columns + derived g − r colours (lib/classifiers/anomaly/anomaly-columns) → training medians (imputation) → isolation forest (training/anomaly/isolation-forest) →
// ONE ONNX graph (Imputer + TreeEnsembleRegressor + score). Writes model.onnx, model.json,
// MODEL_CARD.md. Deterministic given the seed and the shared data.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { LC_FEATURE_VERSION } from "../lib/features/compute-lightcurve-features";
import { lcModelDir, readLcModelManifest } from "../lib/classifiers/lc/model-manifest";
import {
  anomalyModelDir,
  type AnomalyModelManifest,
  anomalyModelManifestSchema,
  CURRENT_ANOMALY_MODEL_NAME,
} from "../lib/classifiers/anomaly/anomaly-manifest";
import { LC_MISSING_VALUE } from "../lib/classifiers/lc/lc-classifier";
import { LC_MIN_DETECTIONS } from "../lib/pipeline/steps/classify-lightcurves";
import { alertLightcurves, btsLightcurves } from "../training/anomaly/anomaly-dataset";
import { columnQuantiles, columnStatistics, imputeMissing } from "../training/anomaly/feature-imputation";
import {
  ANOMALY_DERIVED_COLOURS,
  ANOMALY_QUANTILE_LEVELS,
  anomalyColourColumns,
  widenWithDerivedColours,
} from "../lib/classifiers/anomaly/anomaly-columns";
import { anomalyScores, trainIsolationForest } from "../training/anomaly/isolation-forest";
import { isolationForestToOnnx } from "../training/anomaly/isolation-forest-onnx";
import { writeAnomalyModelCard } from "../training/anomaly/anomaly-model-card";
import { lcFeatureMatrix } from "../training/lc/lc-dataset";

export const ANOMALY_TRAINING_SEED = 20261205;

const { values } = parseArgs({
  options: {
    trees: { type: "string", default: "200" },
    sample: { type: "string", default: "256" },
    out: { type: "string", default: anomalyModelDir() },
  },
});
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const columns = readLcModelManifest(lcModelDir()).features;
const width = columns.length + ANOMALY_DERIVED_COLOURS.length;
const alerts = await alertLightcurves("train");
const bts = btsLightcurves("train");
const lightcurves = [...alerts, ...bts];
log(`${alerts.length} alert objects + ${bts.length} BTS SNe Ia (train split, ≥ ${LC_MIN_DETECTIONS} detections in g or r)`);
const raw = widenWithDerivedColours(lcFeatureMatrix(lightcurves, columns), columns, ANOMALY_DERIVED_COLOURS);
const stats = columnStatistics(raw, width, LC_MISSING_VALUE);
const x = imputeMissing(raw, width, stats.medians, LC_MISSING_VALUE);
const settings = { nTrees: Number(values.trees), sampleSize: Number(values.sample), seed: ANOMALY_TRAINING_SEED };
// As many trees again whose splits use only the colour columns (ADR 0038, 1.1.0): with 1 in 23
// columns a colour, random-feature trees alone rarely isolate an impossible colour.
const colourColumns = anomalyColourColumns(columns, ANOMALY_DERIVED_COLOURS);
const started = performance.now();
const allColumns = trainIsolationForest(x, width, settings);
const colourOnly = trainIsolationForest(x, width, { ...settings, seed: settings.seed + 1, columns: colourColumns });
const forest = { ...allColumns, trees: [...allColumns.trees, ...colourOnly.trees] };
log(
  `isolation forest: ${settings.nTrees} trees on all ${width} columns + ${settings.nTrees} on the ${colourColumns.length} colour columns, ψ = ${forest.sampleSize}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
const scores = Array.from(anomalyScores(forest, x)).sort((a, b) => a - b);
const quantile = (q: number) => Number(scores[Math.min(scores.length - 1, Math.floor(q * scores.length))]!.toFixed(4));

const manifest: AnomalyModelManifest = anomalyModelManifestSchema.parse({
  modelName: "anomaly_detector",
  modelVersion: CURRENT_ANOMALY_MODEL_NAME,
  features: columns,
  derivedColours: ANOMALY_DERIVED_COLOURS,
  featureVersion: LC_FEATURE_VERSION,
  missingValue: LC_MISSING_VALUE,
  medians: stats.medians,
  robustSigmas: stats.robustSigmas.map((s) => Number(s.toPrecision(7))),
  missingShare: stats.missingShare.map((s) => Number(s.toFixed(4))),
  quantileLevels: ANOMALY_QUANTILE_LEVELS,
  quantiles: columnQuantiles(raw, width, LC_MISSING_VALUE, ANOMALY_QUANTILE_LEVELS),
  forest: {
    nTrees: forest.trees.length,
    sampleSize: forest.sampleSize,
    maxDepth: Math.ceil(Math.log2(forest.sampleSize)),
    colourTrees: colourOnly.trees.length,
    colourColumns: colourColumns.length,
  },
  training: {
    objects: lightcurves.length,
    sources: [
      { name: "public ZTF alerts (../shared/data/ztf-alerts, newest alert per object, train split)", objects: alerts.length },
      { name: "ZTF BTS SNe Ia (../shared/data/labelled-real/bts-snia-lightcurves, train split)", objects: bts.length },
    ],
  },
  trainingScoreQuantiles: Object.fromEntries([0.5, 0.9, 0.95, 0.99, 1].map((q) => [String(q), quantile(q)])),
  minDetections: LC_MIN_DETECTIONS,
  trainedAt: new Date().toISOString(),
  seed: ANOMALY_TRAINING_SEED,
});
const out = path.resolve(values.out);
fs.mkdirSync(out, { recursive: true });
const onnx = isolationForestToOnnx(forest, stats.medians, LC_MISSING_VALUE, { modelVersion: manifest.modelVersion });
fs.writeFileSync(path.join(out, "model.onnx"), onnx);
fs.writeFileSync(path.join(out, "model.json"), `${JSON.stringify(manifest, null, 2)}\n`);
writeAnomalyModelCard(out, manifest);
log(
  `wrote ${out} (model.onnx ${(onnx.length / 1e6).toFixed(1)} MB); training score quantiles ${JSON.stringify(manifest.trainingScoreQuantiles)}`,
);
