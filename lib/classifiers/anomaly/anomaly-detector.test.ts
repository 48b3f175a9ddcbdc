import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { computeLightcurveFeatures } from "../../features/compute-lightcurve-features";
import { LIGHTCURVE_FIXTURES_DIR, loadSneLightcurves, loadVariableLightcurves } from "../../features/load-lightcurve-fixtures";
import { lcFeatureMatrix } from "../../../training/lc/lc-dataset";
import { columnStatistics, imputeMissing } from "../../../training/anomaly/feature-imputation";
import { anomalyScores, meanPathLengths, trainIsolationForest } from "../../../training/anomaly/isolation-forest";
import { isolationForestToOnnx } from "../../../training/anomaly/isolation-forest-onnx";
import { LC_MISSING_VALUE } from "../lc/lc-classifier";
import { ANOMALY_ONNX_OUTPUTS, loadAnomalyDetector } from "./anomaly-detector";
import { extremeFeatures } from "./extreme-features";
import { readAnomalyModelManifest, anomalyModelDir } from "./anomaly-manifest";
import path from "node:path";

// Real light curves: the 30 ALeRCE-labelled SNe and the 4 variable stars of fixtures/lightcurves.
const lightcurves = [
  ...loadSneLightcurves(path.join(LIGHTCURVE_FIXTURES_DIR, "labelled")).map((l) => l.input),
  ...loadVariableLightcurves().map((v) => v.input),
];
const manifest = readAnomalyModelManifest(anomalyModelDir());
const width = manifest.features.length;
const raw = lcFeatureMatrix(lightcurves, manifest.features);

describe("anomaly detector", () => {
  it("scores the same in ONNX as the TypeScript isolation forest (within 1e-5) on real feature vectors", async () => {
    const stats = columnStatistics(raw, width, LC_MISSING_VALUE);
    const forest = trainIsolationForest(imputeMissing(raw, width, stats.medians, LC_MISSING_VALUE), width, {
      nTrees: 50,
      sampleSize: 32,
      seed: 7,
    });
    const session = await ort.InferenceSession.create(isolationForestToOnnx(forest, stats.medians, LC_MISSING_VALUE));
    // The graph imputes on its own: it gets the raw rows with −999 where a feature is missing.
    const out = await session.run({ features: new ort.Tensor("float32", raw, [lightcurves.length, width]) });
    const x = imputeMissing(raw, width, stats.medians, LC_MISSING_VALUE);
    const expectedScores = anomalyScores(forest, x);
    const expectedPaths = meanPathLengths(forest, x);
    const onnxScores = out[ANOMALY_ONNX_OUTPUTS.score]!.data as Float32Array;
    const onnxPaths = out[ANOMALY_ONNX_OUTPUTS.pathLength]!.data as Float32Array;
    expect(onnxScores).toHaveLength(lightcurves.length);
    expect(raw.some((v) => v === LC_MISSING_VALUE)).toBe(true);
    for (let i = 0; i < lightcurves.length; i++) {
      expect(Math.abs(onnxScores[i]! - expectedScores[i]!)).toBeLessThan(1e-5);
      expect(Math.abs(onnxPaths[i]! - expectedPaths[i]!)).toBeLessThan(1e-4);
    }
    await session.release();
  });

  it("serves the committed model: scores in (0, 1) and the most extreme features with definitions", async () => {
    const detector = await loadAnomalyDetector();
    try {
      const features = lightcurves.map((lc) => computeLightcurveFeatures(lc));
      const scores = await detector.score(features);
      expect(scores).toHaveLength(lightcurves.length);
      for (const s of scores) expect(s > 0 && s < 1).toBe(true);
      const extreme = extremeFeatures(features[0]!, detector.manifest);
      expect(extreme).toHaveLength(5);
      expect(Math.abs(extreme[0]!.z)).toBeGreaterThanOrEqual(Math.abs(extreme[4]!.z));
      expect(extreme.every((f) => f.definition !== null)).toBe(true);
    } finally {
      await detector.close();
    }
  });
});
