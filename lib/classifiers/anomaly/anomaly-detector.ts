// Serving the anomaly detector: the isolation forest of models/anomaly_detector/<version> (one ONNX
// graph that imputes missing features and returns the score, onnxruntime-node) on lib/features vectors.
// The most extreme features (object page): ./extreme-features.ts.
import fs from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { LC_FEATURE_VERSION } from "../../features/compute-lightcurve-features";
import type { FeatureValue } from "../../features/types";
import { anomalyInputRow } from "./anomaly-columns";
import { anomalyInputWidth, anomalyModelDir, type AnomalyModelManifest, readAnomalyModelManifest } from "./anomaly-manifest";

export const ANOMALY_ONNX_OUTPUTS = { pathLength: "path_length", score: "score" } as const;

export interface AnomalyDetector {
  manifest: AnomalyModelManifest;
  /** Scores of an input matrix [n × anomalyInputWidth(manifest)] (features then derived colours, −999 for missing). */
  scoreMatrix(x: Float32Array): Promise<Float32Array>;
  /** One ONNX run for the whole list (rows as computeLightcurveFeatures returns them); scores in input order. */
  score(features: readonly (readonly FeatureValue[])[]): Promise<number[]>;
  close(): Promise<void>;
}

/** Loads models/anomaly_detector/<version> (model.onnx + model.json) into an ORT session. */
export async function loadAnomalyDetector(dir: string = anomalyModelDir()): Promise<AnomalyDetector> {
  const manifest = readAnomalyModelManifest(dir);
  const modelPath = path.join(dir, "model.onnx");
  if (!fs.existsSync(modelPath)) throw new Error(`no anomaly detector in ${dir} (model.onnx missing)`);
  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: "all",
    intraOpNumThreads: 1,
    extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
  });
  const width = anomalyInputWidth(manifest);
  const scoreMatrix = async (x: Float32Array): Promise<Float32Array> => {
    const n = x.length / width;
    if (!Number.isInteger(n)) throw new RangeError(`feature matrix of ${x.length} values is not n × ${width}`);
    if (n === 0) return new Float32Array(0);
    const out = await session.run({ features: new ort.Tensor("float32", x, [n, width]) });
    return out[ANOMALY_ONNX_OUTPUTS.score]!.data as Float32Array;
  };
  return {
    manifest,
    scoreMatrix,
    async score(rows) {
      const x = new Float32Array(rows.length * width);
      rows.forEach((values, k) =>
        anomalyInputRow(values, manifest.features, manifest.derivedColours, x.subarray(k * width, (k + 1) * width)),
      );
      return Array.from(await scoreMatrix(x));
    },
    async close() {
      await session.release();
    },
  };
}

/** For the worker: the current model when its files are there, else undefined after logging why. */
export async function loadCurrentAnomalyDetector(
  log: (line: string) => void,
  dir: string = anomalyModelDir(),
): Promise<AnomalyDetector | undefined> {
  if (!fs.existsSync(path.join(dir, "model.onnx")) || !fs.existsSync(path.join(dir, "model.json"))) {
    log(`no anomaly detector in ${dir} (model.onnx + model.json): objects get no anomaly score`);
    return undefined;
  }
  const detector = await loadAnomalyDetector(dir);
  log(`anomaly detector ${detector.manifest.modelVersion} loaded from ${dir}`);
  if (detector.manifest.featureVersion !== LC_FEATURE_VERSION) {
    log(
      `anomaly detector trained on features ${detector.manifest.featureVersion}, lib/features computes ${LC_FEATURE_VERSION}: retrain (npm run train:anomaly)`,
    );
  }
  return detector;
}
