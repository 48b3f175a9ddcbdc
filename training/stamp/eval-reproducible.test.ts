import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stampModelDir } from "../../lib/classifiers/stamp/model-manifest";
import { evaluateStampModel } from "./evaluate-stamp-model";

// The committed model's evaluation.json must be reproducible: regenerating the same simulated
// held-out test split and running the exported model.onnx gives exactly the recorded test metrics.
const dir = stampModelDir();
const evaluationFile = path.join(dir, "evaluation.json");

describe("stamp classifier evaluation.json (models/stamp_classifier/<current>)", () => {
  it("equals a fresh ONNX evaluation on the regenerated test split", async () => {
    expect(fs.existsSync(evaluationFile), `${evaluationFile} missing: run npm run train:stamps`).toBe(true);
    const recorded = JSON.parse(fs.readFileSync(evaluationFile, "utf8")) as { test: unknown; data: { seed: number } };
    const evaluation = await evaluateStampModel(dir);
    expect(evaluation.seed).toBe(recorded.data.seed);
    expect(evaluation.metrics).toEqual(recorded.test);
  }, 120_000);
});
