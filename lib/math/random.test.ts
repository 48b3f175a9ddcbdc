import { describe, expect, it } from "vitest";
import { Rng, inverseNormalCdf } from "./random";

const draw = (seed: number, n: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.next());
};

const meanVar = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean: m, variance: xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) };
};

describe("Rng", () => {
  it("is deterministic by seed and differs between seeds", () => {
    expect(draw(42, 50)).toEqual(draw(42, 50));
    expect(draw(42, 50)).not.toEqual(draw(43, 50));
    const a = new Rng(7);
    const b = new Rng(7);
    expect([a.normal(), a.poisson(3), a.poisson(500), a.choice([1, 2, 3])]).toEqual([
      b.normal(),
      b.poisson(3),
      b.poisson(500),
      b.choice([1, 2, 3]),
    ]);
  });

  it("draws uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const xs = draw(1, 100_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const { mean, variance } = meanVar(xs);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it("draws normals with the requested mean and sd", () => {
    const rng = new Rng(2);
    const xs = Array.from({ length: 100_000 }, () => rng.normal(3, 2));
    const { mean, variance } = meanVar(xs);
    expect(mean).toBeCloseTo(3, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(2, 1);
    // ~4.55 % beyond 2 sd.
    const tail = xs.filter((x) => Math.abs(x - 3) > 4).length / xs.length;
    expect(tail).toBeGreaterThan(0.04);
    expect(tail).toBeLessThan(0.051);
  });

  it("draws table-based fast normals with mean 0, sd 1 and the right 2σ tail", () => {
    const rng = new Rng(8);
    const xs = Array.from({ length: 200_000 }, () => rng.normalFast());
    const { mean, variance } = meanVar(xs);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.01);
    const tail = xs.filter((x) => Math.abs(x) > 2).length / xs.length;
    expect(tail).toBeGreaterThan(0.043);
    expect(tail).toBeLessThan(0.048);
    expect(xs.every((x) => Math.abs(x) <= 4.5)).toBe(true);
  });

  it("inverts the normal CDF at known quantiles", () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it.each([0.5, 4, 29, 31, 1000])("draws Poisson(%s) counts with mean ≈ variance ≈ λ", (lambda) => {
    const rng = new Rng(5);
    const xs = Array.from({ length: 50_000 }, () => rng.poisson(lambda));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    const { mean, variance } = meanVar(xs);
    expect(Math.abs(mean - lambda)).toBeLessThan(0.02 * lambda + 0.02);
    expect(Math.abs(variance - lambda)).toBeLessThan(0.05 * lambda + 0.05);
  });

  it("returns 0 for Poisson(0) and rejects negative λ", () => {
    expect(new Rng(1).poisson(0)).toBe(0);
    expect(() => new Rng(1).poisson(-1)).toThrow(RangeError);
  });

  it("chooses every element and shuffles into a permutation", () => {
    const rng = new Rng(9);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.choice([0, 1, 2])]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(9_500);
    const items = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(() => rng.choice([])).toThrow(RangeError);
  });

  it("draws integers in the inclusive range and weighted choices in proportion", () => {
    const rng = new Rng(11);
    const ints = Array.from({ length: 10_000 }, () => rng.int(2, 4));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4]));
    let a = 0;
    for (let i = 0; i < 20_000; i++) if (rng.weightedChoice(["a", "b"], [3, 1]) === "a") a++;
    expect(a / 20_000).toBeCloseTo(0.75, 1);
  });
});
