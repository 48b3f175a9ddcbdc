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
import { extremeFeatures, MEANINGFUL_Z_LIMIT, populationShareBelow } from "./extreme-features";
import { anomalyInputWidth, readAnomalyModelManifest, anomalyModelDir } from "./anomaly-manifest";
import { anomalyColourColumns, widenWithDerivedColours } from "./anomaly-columns";
import path from "node:path";

// Real light curves: the 30 ALeRCE-labelled SNe and the 4 variable stars of fixtures/lightcurves.
const lightcurves = [
  ...loadSneLightcurves(path.join(LIGHTCURVE_FIXTURES_DIR, "labelled")).map((l) => l.input),
  ...loadVariableLightcurves().map((v) => v.input),
];
const manifest = readAnomalyModelManifest(anomalyModelDir());
const width = anomalyInputWidth(manifest);
const raw = widenWithDerivedColours(lcFeatureMatrix(lightcurves, manifest.features), manifest.features, manifest.derivedColours);

describe("anomaly detector", () => {
  it("scores the same in ONNX as the TypeScript isolation forest (within 1e-5) on real feature vectors", async () => {
    const stats = columnStatistics(raw, width, LC_MISSING_VALUE);
    const imputed = imputeMissing(raw, width, stats.medians, LC_MISSING_VALUE);
    // As train:anomaly builds it: trees on all columns plus trees on the colour columns only.
    const settings = { nTrees: 50, sampleSize: 32, seed: 7 };
    const all = trainIsolationForest(imputed, width, settings);
    const colour = trainIsolationForest(imputed, width, {
      ...settings,
      seed: 8,
      columns: anomalyColourColumns(manifest.features, manifest.derivedColours),
    });
    const forest = { ...all, trees: [...all.trees, ...colour.trees] };
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
      expect(extreme[0]!.beyond).toBeGreaterThanOrEqual(extreme[4]!.beyond);
      expect(extreme.every((f) => f.definition !== null && f.beyond >= 50 && f.beyond <= 100)).toBe(true);
      expect(extreme.every((f) => f.z === null || Math.abs(f.z) <= MEANINGFUL_Z_LIMIT)).toBe(true);
    } finally {
      await detector.close();
    }
  });

  it("places a value in the population by its stored quantiles", () => {
    const levels = [0, 0.25, 0.5, 0.75, 1];
    const q = [1, 2, 3, 4, 5];
    expect(populationShareBelow(0, levels, q)).toBe(0);
    expect(populationShareBelow(6, levels, q)).toBe(1);
    expect(populationShareBelow(3, levels, q)).toBe(0.5);
    expect(populationShareBelow(4.5, levels, q)).toBeCloseTo(0.875, 12);
    // A near-constant column: most of the population at one value, the plateau's middle level.
    expect(populationShareBelow(0, levels, [0, 0, 0, 0, 1e-6])).toBe(0.375);
    expect(populationShareBelow(1, levels, [0, 0, 0, 0, 1e-6])).toBe(1);
  });

  it("ranks a near-constant feature by the share of objects beyond it, not by a z in the millions", () => {
    // Harmonics_mse (g): robust σ 4e-11 while the population reaches 0.45, so robust z reached 1e8.
    const j = manifest.features.findIndex((f) => f.name === "Harmonics_mse" && f.fid === 1);
    expect(j).toBeGreaterThanOrEqual(0);
    const c = manifest.features[j]!;
    const q = manifest.quantiles[j]!;
    expect(Math.abs((q[q.length - 2]! - manifest.medians[j]!) / manifest.robustSigmas[j]!)).toBeGreaterThan(1e6);
    const value = q[q.length - 2]!; // the 99.9 % quantile: unusual, inside the population
    const [f] = extremeFeatures([{ name: c.name, fid: c.fid, value }], manifest, 1);
    expect(f!.name).toBe(c.name);
    expect(f!.z).toBeNull();
    expect(f!.beyond).toBeGreaterThan(99);
    expect(f!.outsideRange).toBe(false);
  });
});
