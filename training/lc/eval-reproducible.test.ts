import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateLcModel, readRecordedEvaluation } from "./evaluate-lc-model";
import { lcModelDir } from "../../lib/classifiers/lc/model-manifest";

// The committed model's evaluation.json must be reproducible from the repository: the first
// `subsetPerClass` objects per class of the regenerated simulated test split, the 30 real ALeRCE SNe
// and the 98 real objects with ALeRCE's feature values, run through lib/features and the exported model.onnx, give exactly the recorded
// metrics (npm run eval:lc checks the whole test split). A change to lib/features or the simulator
// after training makes this fail: retrain with npm run train:lc.
const dir = lcModelDir();

describe("light-curve classifier evaluation.json (models/lc_classifier/<current>)", () => {
  it("equals a fresh ONNX evaluation on a fixed subset of the test split and on the real SNe", async () => {
    expect(fs.existsSync(path.join(dir, "evaluation.json")), `${dir}/evaluation.json missing: run npm run train:lc`).toBe(true);
    const recorded = readRecordedEvaluation(dir);
    const evaluation = await evaluateLcModel(dir, { seed: recorded.data.seed, perClass: recorded.data.subsetPerClass });
    expect(evaluation.top).toEqual(recorded.subset.top);
    expect(evaluation.final).toEqual(recorded.subset.final);
    expect(evaluation.real).toEqual(recorded.real);
    expect(evaluation.realAlerceFeatures).toEqual(recorded.realAlerceFeatures);
  }, 120_000);

  it("model.onnx stays under 20 MB", () => {
    expect(fs.statSync(path.join(dir, "model.onnx")).size).toBeLessThan(20 * 1024 * 1024);
  });
});
