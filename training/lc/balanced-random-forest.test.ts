import { describe, expect, it } from "vitest";
import { MISSING_FEATURE_VALUE, predictForestProba, sanitizeFeatures, trainBalancedRandomForest } from "./balanced-random-forest";
import { createRng } from "../../lib/math/random";

/** Gaussian blobs: class c has mean c·2 on feature 0 and −c on feature 1, plus 3 noise features. */
function blobs(counts: number[], seed: number) {
  const rng = createRng(seed);
  const rows: number[] = [];
  const y: number[] = [];
  counts.forEach((count, c) => {
    for (let i = 0; i < count; i++) {
      rows.push(2 * c + rng.normal(0, 0.6), -c + rng.normal(0, 0.3), rng.normal(), rng.normal(), rng.normal());
      y.push(c);
    }
  });
  return { x: Float32Array.from(rows), y: Int32Array.from(y) };
}

const argmax = (p: Float64Array, i: number, c: number) => {
  let best = 0;
  for (let k = 1; k < c; k++) if (p[i * c + k]! > p[i * c + best]!) best = k;
  return best;
};

describe("balanced random forest", () => {
  it("separates blobs, and leaf distributions give probabilities summing to 1", () => {
    const train = blobs([300, 60, 20], 1);
    const test = blobs([100, 100, 100], 2);
    const forest = trainBalancedRandomForest(train.x, train.y, 5, 3, { nTrees: 50, seed: 3 });
    const p = predictForestProba(forest, test.x);
    let correct = 0;
    const recall = [0, 0, 0];
    for (let i = 0; i < test.y.length; i++) {
      const sum = p[i * 3]! + p[i * 3 + 1]! + p[i * 3 + 2]!;
      expect(sum).toBeCloseTo(1, 9);
      if (argmax(p, i, 3) === test.y[i]) {
        correct++;
        recall[test.y[i]!]!++;
      }
    }
    expect(correct / test.y.length).toBeGreaterThan(0.9);
    // Balanced bootstrap: the minority class (20 of 380 training samples) is still recalled.
    expect(recall[2]! / 100).toBeGreaterThan(0.85);
    // The informative features carry the importance.
    expect(forest.importances[0]! + forest.importances[1]!).toBeGreaterThan(0.7);
  });

  it("is deterministic for a seed and differs for another", () => {
    const { x, y } = blobs([50, 50], 4);
    const a = trainBalancedRandomForest(x, y, 5, 2, { nTrees: 5, seed: 1 });
    const b = trainBalancedRandomForest(x, y, 5, 2, { nTrees: 5, seed: 1 });
    const c = trainBalancedRandomForest(x, y, 5, 2, { nTrees: 5, seed: 2 });
    expect(a.trees.map((t) => [...t.threshold])).toEqual(b.trees.map((t) => [...t.threshold]));
    expect(a.trees.map((t) => [...t.threshold])).not.toEqual(c.trees.map((t) => [...t.threshold]));
  });

  it("maps NaN and ±Inf to −999 (ALeRCE's FeaturePreprocessor) and can split on missingness", () => {
    expect([...sanitizeFeatures([1, NaN, Infinity, -Infinity, null])]).toEqual([
      1,
      MISSING_FEATURE_VALUE,
      MISSING_FEATURE_VALUE,
      MISSING_FEATURE_VALUE,
      MISSING_FEATURE_VALUE,
    ]);
    // Class 1 is exactly "feature missing".
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 40; i++) {
      x.push(i % 2 ? NaN : i / 40);
      y.push(i % 2);
    }
    const forest = trainBalancedRandomForest(Float32Array.from(x), Int32Array.from(y), 1, 2, { nTrees: 3, seed: 1 });
    const p = predictForestProba(forest, [Infinity, 0.5]);
    expect(p[1]).toBe(1);
    expect(p[2]).toBe(1);
  });

  it("maxDepth and minLeaf bound the trees", () => {
    const { x, y } = blobs([200, 200, 200], 5);
    const full = trainBalancedRandomForest(x, y, 5, 3, { nTrees: 10, seed: 1 });
    const shallow = trainBalancedRandomForest(x, y, 5, 3, { nTrees: 10, seed: 1, maxDepth: 2 });
    const coarse = trainBalancedRandomForest(x, y, 5, 3, { nTrees: 10, seed: 1, minLeaf: 20 });
    for (const t of shallow.trees) expect(t.feature.length).toBeLessThanOrEqual(7);
    const nodes = (f: typeof full) => f.trees.reduce((a, t) => a + t.feature.length, 0);
    expect(nodes(coarse)).toBeLessThan(nodes(full) / 2);
  });
});
