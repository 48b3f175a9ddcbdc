// Serving the light-curve classifier: the hierarchical forest of models/lc_classifier/<version>
// (one ONNX graph, onnxruntime-node) on lib/features vectors.
import fs from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { LC_FEATURE_VERSION } from "../../features/compute-lightcurve-features";
import type { FeatureValue } from "../../features/types";
import { calibrateLcPrediction } from "./lc-calibration";
import { LC_ONNX_OUTPUTS } from "./lc-onnx-outputs";
import { LC_BRANCH_CLASSES, LC_BRANCHES, LC_CLASSES, type LcBranch } from "./lc-taxonomy";
import { lcModelDir, type LcModelManifest, readLcModelManifest } from "./model-manifest";

export const LC_MISSING_VALUE = -999;

export interface LcClassification {
  /** 15 probabilities, LC_CLASSES order, summing to 1. */
  probabilities: number[];
  /** P(Periodic), P(Stochastic), P(Transient). */
  top: number[];
  /** P(class | branch) for each branch, in LC_BRANCH_CLASSES order. */
  children: Record<LcBranch, number[]>;
}

/** Raw ONNX outputs for n rows: final [n × 15], top [n × 3], children [n × |branch|]. */
export interface LcPrediction {
  final: Float32Array;
  top: Float32Array;
  children: Record<LcBranch, Float32Array>;
}

export interface LcClassifier {
  manifest: LcModelManifest;
  /**
   * The model on a feature matrix [n × manifest.features.length] (already in column order, −999 for
   * missing), with the manifest's calibration applied (what is served and stored).
   */
  predict(x: Float32Array): Promise<LcPrediction>;
  /** The ONNX graph's raw outputs (no calibration): parity with the training-time forests. */
  predictRaw(x: Float32Array): Promise<LcPrediction>;
  /** One ONNX run for the whole list (feature rows as computeLightcurveFeatures returns them); results in input order. */
  classify(features: readonly (readonly FeatureValue[])[]): Promise<LcClassification[]>;
  close(): Promise<void>;
}

/**
 * The model's input row: the manifest's (name, fid) columns taken from the values by key, null /
 * NaN / ±Inf / absent → −999 (ALeRCE's FeaturePreprocessor), as float32.
 */
export function featureVector(
  values: readonly { name: string; fid: number; value: number | null }[],
  columns: LcModelManifest["features"],
  out = new Float32Array(columns.length),
): Float32Array {
  const byKey = new Map<string, number | null>();
  for (const v of values) byKey.set(`${v.name}|${v.fid}`, v.value);
  columns.forEach((c, j) => {
    const v = byKey.get(`${c.name}|${c.fid}`);
    out[j] = v === null || v === undefined || !Number.isFinite(v) ? LC_MISSING_VALUE : v;
  });
  return out;
}

/** Loads models/lc_classifier/<version> (model.onnx + model.json) into an ORT session. */
export async function loadLcClassifier(dir: string = lcModelDir()): Promise<LcClassifier> {
  const manifest = readLcModelManifest(dir);
  if (manifest.classes.some((c, i) => c !== LC_CLASSES[i])) throw new Error(`${dir}/model.json: class order differs from LC_CLASSES`);
  const modelPath = path.join(dir, "model.onnx");
  if (!fs.existsSync(modelPath)) throw new Error(`no light-curve classifier in ${dir} (model.onnx missing)`);
  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: "all",
    // One thread: the worker runs the forests on chunks of 100 objects (≈ 0.1–0.25 ms per object),
    // and leaves the other core to PostgreSQL and the ingest.
    intraOpNumThreads: 1,
    extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
  });
  const width = manifest.features.length;
  const predictRaw = async (x: Float32Array): Promise<LcPrediction> => {
    const n = x.length / width;
    if (!Number.isInteger(n)) throw new RangeError(`feature matrix of ${x.length} values is not n × ${width}`);
    const out = await session.run({ features: new ort.Tensor("float32", x, [n, width]) });
    const data = (name: string) => out[name]!.data as Float32Array;
    return {
      final: data(LC_ONNX_OUTPUTS.final),
      top: data(LC_ONNX_OUTPUTS.top),
      children: Object.fromEntries(LC_BRANCHES.map((b) => [b, data(LC_ONNX_OUTPUTS[b])])) as Record<LcBranch, Float32Array>,
    };
  };
  const predict = async (x: Float32Array): Promise<LcPrediction> => calibrateLcPrediction(await predictRaw(x), manifest.calibration);
  return {
    manifest,
    predict,
    predictRaw,
    async classify(rows) {
      if (rows.length === 0) return [];
      const x = new Float32Array(rows.length * width);
      rows.forEach((values, k) => featureVector(values, manifest.features, x.subarray(k * width, (k + 1) * width)));
      const p = await predict(x);
      const read = (data: Float32Array, columns: number, k: number) => Array.from(data.subarray(k * columns, (k + 1) * columns));
      return rows.map((_, k) => ({
        probabilities: read(p.final, LC_CLASSES.length, k),
        top: read(p.top, LC_BRANCHES.length, k),
        children: Object.fromEntries(LC_BRANCHES.map((b) => [b, read(p.children[b], LC_BRANCH_CLASSES[b].length, k)])) as Record<
          LcBranch,
          number[]
        >,
      }));
    },
    async close() {
      await session.release();
    },
  };
}

/** For the worker and the CLI: the current model when its files are there, else undefined after logging why. */
export async function loadCurrentLcClassifier(log: (line: string) => void, dir: string = lcModelDir()): Promise<LcClassifier | undefined> {
  if (!fs.existsSync(path.join(dir, "model.onnx")) || !fs.existsSync(path.join(dir, "model.json"))) {
    log(`no light-curve classifier model in ${dir} (model.onnx + model.json): objects are not light-curve classified`);
    return undefined;
  }
  const classifier = await loadLcClassifier(dir);
  log(`light-curve classifier ${classifier.manifest.classifierVersion} loaded from ${dir}`);
  if (classifier.manifest.featureVersion !== LC_FEATURE_VERSION) {
    log(
      `light-curve classifier trained on features ${classifier.manifest.featureVersion}, lib/features computes ${LC_FEATURE_VERSION}: retrain (npm run train:lc)`,
    );
  }
  return classifier;
}
