import { describe, expect, it } from "vitest";
import { createRng } from "../math/random";
import { drwNegativeLogLikelihood, fitDampedRandomWalk } from "./fit-damped-random-walk";
import { fitIarPhi } from "./fit-irregular-autoregressive";

/** Exact Ornstein–Uhlenbeck draws (variance a, timescale τ) at irregular times, plus white noise. */
function simulateDrw(seed: number, n: number, spanDays: number, tauDays: number, variance: number, errMag: number) {
  const rng = createRng(seed);
  const mjd = Array.from({ length: n }, () => rng.uniform(0, spanDays)).sort((a, b) => a - b);
  const mag: number[] = [];
  let x = rng.normal(0, Math.sqrt(variance));
  mjd.forEach((t, i) => {
    if (i > 0) {
      const phi = Math.exp(-(t - mjd[i - 1]!) / tauDays);
      x = phi * x + rng.normal(0, Math.sqrt(variance * (1 - phi * phi)));
    }
    mag.push(19 + x + rng.normal(0, errMag));
  });
  return { mjd, mag, err: mjd.map(() => errMag) };
}

describe("GP_DRW", () => {
  it("the O(n) Kalman likelihood equals the dense Gaussian likelihood of the same kernel", () => {
    const t = [0, 1.5, 4, 4.2, 10, 31];
    const y = [0.1, -0.2, 0.05, 0.3, -0.1, 0.2];
    const v = [0.01, 0.02, 0.01, 0.03, 0.01, 0.02];
    const a = 0.09;
    const c = 1 / 7;
    const n = t.length;
    // Dense: K = a e^{−c|Δt|} + diag(v); NLL = ½(yᵀK⁻¹y + ln det K + n ln 2π), by Gaussian elimination.
    const K = t.map((ti, i) => t.map((tj, j) => a * Math.exp(-c * Math.abs(ti - tj)) + (i === j ? v[i]! : 0)));
    const b = [...y];
    let logDet = 0;
    for (let k = 0; k < n; k++) {
      logDet += Math.log(K[k]![k]!);
      for (let i = k + 1; i < n; i++) {
        const f = K[i]![k]! / K[k]![k]!;
        for (let j = k; j < n; j++) K[i]![j]! -= f * K[k]![j]!;
        b[i]! -= f * b[k]!;
      }
    }
    // yᵀK⁻¹y = Σ b_k² / U_kk for the symmetric elimination (LDLᵀ).
    const quad = b.reduce((s, bk, k) => s + (bk * bk) / K[k]![k]!, 0);
    const dense = 0.5 * (quad + logDet + n * Math.log(2 * Math.PI));
    expect(drwNegativeLogLikelihood(Math.log(a), Math.log(c), t, y, v)).toBeCloseTo(dense, 10);
  });

  it("recovers τ within a factor 2 on long simulated curves (τ = 30, 100, 300 d; 600 points over 3,000 d)", () => {
    for (const [seed, tau] of [
      [1, 30],
      [2, 100],
      [3, 300],
    ] as const) {
      const { mjd, mag, err } = simulateDrw(seed, 600, 3000, tau, 0.04, 0.02);
      const fit = fitDampedRandomWalk(mjd, mag, err)!;
      expect(fit.tau / tau, `τ = ${tau}: fitted ${fit.tau}`).toBeGreaterThan(0.5);
      expect(fit.tau / tau, `τ = ${tau}: fitted ${fit.tau}`).toBeLessThan(2);
      expect(fit.sigma / 0.04).toBeGreaterThan(0.4);
      expect(fit.sigma / 0.04).toBeLessThan(2.5);
    }
  });
});

describe("IAR_phi", () => {
  it("recovers φ of a simulated irregular AR(1) process (φ = 0.5, 0.8, 0.95 per day; 1,000 points)", () => {
    for (const [seed, phi] of [
      [4, 0.5],
      [5, 0.8],
      [6, 0.95],
    ] as const) {
      // An IAR process is an OU process with τ = −1/ln φ.
      const { mjd, mag, err } = simulateDrw(seed, 1000, 1500, -1 / Math.log(phi), 0.09, 0.01);
      const fitted = fitIarPhi(mjd, mag, err)!;
      expect(Math.abs(fitted - phi), `φ = ${phi}: fitted ${fitted}`).toBeLessThan(0.05);
    }
  });

  it("white noise gives φ near 0", () => {
    const rng = createRng(9);
    const mjd = Array.from({ length: 300 }, (_, i) => i * 3 + rng.uniform(0, 1));
    const mag = mjd.map(() => 18 + rng.normal(0, 0.2));
    expect(
      fitIarPhi(
        mjd,
        mag,
        mag.map(() => 0.01),
      )!,
    ).toBeLessThan(0.2);
  });
});
