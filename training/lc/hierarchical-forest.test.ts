import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { createRng } from "../../lib/math/random";
import { hierarchicalForestToOnnx, predictHierarchical, trainHierarchicalForest } from "./hierarchical-forest";
import { LC_BRANCH_CLASSES, LC_BRANCHES, LC_CLASSES, type LcClass } from "../../lib/classifiers/lc/lc-taxonomy";

const F = 12;

/** Each class has its own mean vector; some values are NaN / ±Inf (→ −999 on both sides). */
function dataset(perClass: number, seed: number) {
  const rng = createRng(seed);
  const means = LC_CLASSES.map((_, c) => Array.from({ length: F }, (_, j) => Math.sin(c * 1.7 + j * 0.9) * 4));
  const x: number[] = [];
  const labels: LcClass[] = [];
  LC_CLASSES.forEach((cls, c) => {
    for (let i = 0; i < perClass; i++) {
      for (let j = 0; j < F; j++) {
        const u = rng.next();
        x.push(u < 0.03 ? NaN : u < 0.04 ? Infinity : means[c]![j]! + rng.normal(0, 1));
      }
      labels.push(cls);
    }
  });
  return { x: Float32Array.from(x), labels };
}

describe("hierarchical balanced random forest", () => {
  const train = dataset(40, 1);
  const model = trainHierarchicalForest(train.x, train.labels, F, {
    top: { nTrees: 30 },
    children: { Periodic: { nTrees: 30 }, Stochastic: { nTrees: 30, mtry: 0.2 }, Transient: { nTrees: 30, minLeaf: 2 } },
    seed: 7,
  });
  const test = dataset(10, 2);

  it("P(class) = P(branch) · P(class | branch), 15 probabilities summing to 1, better than chance", () => {
    const p = predictHierarchical(model, test.x);
    const n = test.labels.length;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const row = [...p.final.subarray(i * 15, i * 15 + 15)];
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6); // leaf distributions are float32
      const periodicMass = row.slice(0, LC_BRANCH_CLASSES.Periodic.length).reduce((a, b) => a + b, 0);
      expect(periodicMass).toBeCloseTo(p.top[i * 3]!, 6);
      if (LC_CLASSES[row.indexOf(Math.max(...row))] === test.labels[i]) correct++;
    }
    expect(correct / n).toBeGreaterThan(0.5);
  });

  it("the one-graph ONNX model (onnxruntime-node) gives the JS forests' probabilities (max |Δp| < 1e-5)", async () => {
    const bytes = hierarchicalForestToOnnx(model);
    const session = await ort.InferenceSession.create(bytes);
    const n = test.labels.length;
    const input = Float32Array.from(test.x, (v) => (Number.isFinite(v) ? v : -999));
    const out = await session.run({ features: new ort.Tensor("float32", input, [n, F]) });
    const js = predictHierarchical(model, test.x);
    const maxDelta = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      expect(a.length).toBe(b.length);
      let m = 0;
      for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
      return m;
    };
    expect(maxDelta(out.probabilities!.data as Float32Array, js.final)).toBeLessThan(1e-5);
    expect(maxDelta(out.top!.data as Float32Array, js.top)).toBeLessThan(1e-5);
    for (const b of LC_BRANCHES) expect(maxDelta(out[b.toLowerCase()]!.data as Float32Array, js.children[b])).toBeLessThan(1e-5);
    await session.release();
  });
});
