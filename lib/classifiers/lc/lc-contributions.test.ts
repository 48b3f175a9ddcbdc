import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { featureVector, loadLcClassifier, type LcClassifier } from "./lc-classifier";
import {
  lcClassContributions,
  lcPredictedClassContributions,
  lcProbabilities,
  readLcContributionModel,
  type LcContributionModel,
} from "./lc-contributions";
import { LC_BRANCHES, LC_CLASSES } from "./lc-taxonomy";
import { lcModelDir } from "./model-manifest";

const GOLDEN = path.join(import.meta.dirname, "../../../fixtures/lightcurves/golden-features.json");
const goldenSchema = z.object({
  keys: z.array(z.string()),
  objects: z.array(z.object({ oid: z.string(), values: z.array(z.number().nullable()) })),
});

/** Real objects (the golden set: ZTF variables and supernovae) as model input rows. */
function realRows(classifier: LcClassifier): { oid: string; x: Float32Array }[] {
  const golden = goldenSchema.parse(JSON.parse(fs.readFileSync(GOLDEN, "utf8")));
  return golden.objects.map((o) => {
    const values = golden.keys.map((key, i) => {
      const [name, fid] = key.split("|");
      return { name: name!, fid: Number(fid), value: o.values[i] ?? null };
    });
    return { oid: o.oid, x: featureVector(values, classifier.manifest.features) };
  });
}

/**
 * The forest as onnxruntime evaluates it: leaf weights added in float32, tree after tree, then the
 * float32 product P(branch) · P(class | branch). Bit-identical to ORT's output on these objects.
 */
function float32Probabilities(model: LcContributionModel, x: Float32Array): number[] {
  const forest = (f: LcContributionModel["top"]) => {
    const out = new Float32Array(f.nClasses);
    for (const { tree } of f.trees) {
      let k = 0;
      while (tree.feature[k]! >= 0) k = x[tree.feature[k]!]! <= tree.threshold[k]! ? tree.trueChild[k]! : tree.falseChild[k]!;
      for (let c = 0; c < f.nClasses; c++) out[c] = out[c]! + tree.leafWeights[k * f.nClasses + c]!;
    }
    return out;
  };
  const top = forest(model.top);
  return LC_BRANCHES.flatMap((b, bi) => Array.from(forest(model.children[b]), (p) => Math.fround(top[bi]! * p)));
}

let classifier: LcClassifier;
let model: LcContributionModel;

beforeAll(async () => {
  classifier = await loadLcClassifier(lcModelDir());
  model = readLcContributionModel(lcModelDir());
}, 120_000);

afterAll(async () => {
  await classifier?.close();
});

describe("light-curve path contributions (served model.onnx, real objects)", () => {
  // onnxruntime sums the 500 trees' leaf weights in float32 (float32Probabilities reproduces its output
  // bit for bit), so its P(class) carries up to ~1.4e-6 of rounding on these objects; the path
  // contributions are summed in float64 and equal the exact forest output to 1e-12.
  it("bias + Σ contributions equals the forest's P(class) (1e-12) and onnxruntime's (2e-6), every class of every golden object", async () => {
    const rows = realRows(classifier);
    expect(rows.length).toBeGreaterThan(40);
    const width = classifier.manifest.features.length;
    const x = new Float32Array(rows.length * width);
    rows.forEach((r, k) => x.set(r.x, k * width));
    // the raw graph: contributions explain the forests before the serving-time calibration (model.json)
    const ort = await classifier.predictRaw(x);
    let worst = 0;
    rows.forEach((r, k) => {
      const probabilities = lcProbabilities(model, r.x);
      const float32 = float32Probabilities(model, r.x);
      LC_CLASSES.forEach((cls, c) => {
        const e = lcClassContributions(model, r.x, cls);
        const total = e.bias + e.contributions.reduce((s, v) => s + v, 0);
        const served = ort.final[k * LC_CLASSES.length + c]!;
        worst = Math.max(worst, Math.abs(total - served));
        expect(Math.abs(total - probabilities[c]!), `${r.oid} ${cls}`).toBeLessThan(1e-12);
        expect(Math.abs(total - served), `${r.oid} ${cls}`).toBeLessThan(2e-6);
        expect(float32[c]).toBe(served);
      });
      const servedArgmax = LC_CLASSES[ort.final.subarray(k * 15, k * 15 + 15).reduce((b, v, i, a) => (v > a[b]! ? i : b), 0)];
      expect(lcPredictedClassContributions(model, r.x).className).toBe(servedArgmax);
      expect(probabilities.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    });
    // Measured: 1.35e-6 (58 objects × 15 classes, model 1.0.0).
    expect(worst).toBeLessThan(2e-6);
  }, 120_000);

  it("gives finite contributions, some for and some against the predicted class", () => {
    const [row] = realRows(classifier);
    const e = lcPredictedClassContributions(model, row!.x);
    expect(e.contributions.some((v) => v > 0)).toBe(true);
    expect(e.contributions.some((v) => v < 0)).toBe(true);
    expect(e.contributions.every(Number.isFinite)).toBe(true);
  });
});
