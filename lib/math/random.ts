/**
 * A small seeded PRNG for reproducible simulations (training sets, tests).
 *
 * Core generator: mulberry32 (32-bit state, period 2^32; good enough for simulations, NOT for
 * cryptography). The seed is mixed with splitmix32 first, so nearby seeds (1, 2, 3…) give
 * unrelated streams. Everything is deterministic given the seed.
 */
export class Rng {
  private state: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    // splitmix32-style scrambling of the seed (accepts any finite number; fractional parts are used too).
    let s = (Math.floor(seed) ^ Math.floor((seed % 1) * 0x100000000)) >>> 0;
    s = (s + 0x9e3779b9) >>> 0;
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (s ^ (s >>> 16)) >>> 0;
  }

  /** Raw 32-bit unsigned integer (mulberry32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max < min`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** log-uniform in [min, max), both > 0. */
  logUniform(min: number, max: number): number {
    return Math.exp(this.uniform(Math.log(min), Math.log(max)));
  }

  /** true with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /**
   * Gaussian N(mean, sd²) by the Box–Muller transform in Marsaglia's polar form (no trigonometry;
   * the second variate of each pair is cached).
   */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + sd * u * f;
  }

  /**
   * Standard normal by table inversion: one 32-bit draw, the top 16 bits pick a cell of a 2^16-cell
   * table of Φ⁻¹ and the low 16 bits interpolate linearly inside it. About 4× faster than normal();
   * the first and last cells are clipped at ±4.5σ (probability 1.5e-5 each), so tails beyond 4.5σ are
   * missing. Meant for per-pixel image noise, where that does not matter.
   */
  normalFast(): number {
    const u = this.nextUint32();
    const i = u >>> 16;
    const f = (u & 0xffff) / 65536;
    const t = NORMAL_TABLE;
    return t[i]! + (t[i + 1]! - t[i]!) * f;
  }

  /**
   * Poisson(λ) count. Knuth's multiplication method for λ < 30; above that the normal
   * approximation round(N(λ, λ)) clipped at 0 (relative error of the variance < 2 % there).
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0)) throw new RangeError(`poisson: lambda must be >= 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** One element of a non-empty array, uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("choice: empty array");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One element with probability proportional to its weight. */
  weightedChoice<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length === 0 || items.length !== weights.length)
      throw new RangeError("weightedChoice: items and weights must be non-empty and of equal length");
    const total = weights.reduce((a, b) => a + b, 0);
    let u = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** Fisher–Yates shuffle, in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/** Inverse standard-normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`inverseNormalCdf: p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

const NORMAL_TABLE = (() => {
  const n = 65536;
  const t = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) t[i] = inverseNormalCdf(i / n);
  t[0] = -4.5;
  t[n] = 4.5;
  return t;
})();

export function createRng(seed: number): Rng {
  return new Rng(seed);
}
