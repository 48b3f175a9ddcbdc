import { describe, expect, it } from "vitest";
import { createRng } from "../math/random";
import { fitSupernovaModel, magnitudeToSpmFlux, spmModel } from "./fit-supernova-model";

const TRUTH = { A: magnitudeToSpmFlux(18), t0: 12, gamma: 25, beta: 0.3, tau_rise: 4, tau_fall: 30 };
const truthVector = new Float64Array([TRUTH.A, TRUTH.t0, TRUTH.gamma, TRUTH.beta, TRUTH.tau_rise, TRUTH.tau_fall]);

/** A supernova seen every ~2.5 d for 120 d from its first detection (mjd 59000). */
function simulate(seed: number, noiseMag: number) {
  const rng = createRng(seed);
  const t = Array.from({ length: 50 }, (_, i) => i * 2.5 + (i > 0 ? rng.uniform(-0.5, 0.5) : 0));
  const flux = new Float64Array(t.length);
  spmModel(truthVector, t, flux);
  const mag = Array.from(flux, (f) => 16.4 - 2.5 * Math.log10(f) + (noiseMag > 0 ? rng.normal(0, noiseMag) : 0));
  return { mjd: t.map((x) => 59_000 + x), mag, err: mag.map(() => Math.max(noiseMag, 0.01)) };
}

describe("SPM model", () => {
  it("the analytic Jacobian matches central finite differences", () => {
    const t = [0, 3, 10, 20, 35, 60, 90];
    const p = new Float64Array([0.3, 5, 20, 0.4, 3, 7]);
    const f0 = new Float64Array(t.length);
    const jac = new Float64Array(t.length * 6);
    spmModel(p, t, f0, jac);
    for (let a = 0; a < 6; a++) {
      const h = 1e-5 * Math.max(1, Math.abs(p[a]!));
      const up = Float64Array.from(p);
      const down = Float64Array.from(p);
      up[a] = up[a]! + h;
      down[a] = down[a]! - h;
      const fu = new Float64Array(t.length);
      const fd = new Float64Array(t.length);
      spmModel(up, t, fu);
      spmModel(down, t, fd);
      for (let i = 0; i < t.length; i++) {
        const numeric = (fu[i]! - fd[i]!) / (2 * h);
        expect(Math.abs(numeric - jac[i * 6 + a]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
      }
    }
  });

  it("flux of magnitude 18 is 10^(−(18 + 48.6)/2.5 + 26)", () => {
    expect(magnitudeToSpmFlux(18)).toBeCloseTo(10 ** -0.64, 12);
  });
});

describe("fitSupernovaModel", () => {
  it("recovers every parameter of a noise-free simulated supernova to 1e-4 (relative)", () => {
    for (const seed of [1, 2, 3]) {
      const { mjd, mag, err } = simulate(seed, 0);
      const fit = fitSupernovaModel(mjd, mag, err)!;
      for (const [k, v] of Object.entries(TRUTH)) {
        expect(Math.abs(fit.parameters[k as keyof typeof TRUTH] - v) / Math.abs(v), k).toBeLessThan(1e-4);
      }
      expect(fit.chi).toBeLessThan(1e-6);
    }
  });

  it("noisy (σ = 0.02 mag): in ≥ 16 of 20 realisations A ±10 %, t0 ±2 d, γ ±30 %, β ±0.1, τ_rise ±30 %, τ_fall ±10 %; χ²/dof ≈ 1 scale", () => {
    let good = 0;
    for (let seed = 100; seed < 120; seed++) {
      const { mjd, mag, err } = simulate(seed, 0.02);
      const fit = fitSupernovaModel(mjd, mag, err)!;
      const p = fit.parameters;
      const ok =
        Math.abs(p.A / TRUTH.A - 1) < 0.1 &&
        Math.abs(p.t0 - TRUTH.t0) < 2 &&
        Math.abs(p.gamma / TRUTH.gamma - 1) < 0.3 &&
        Math.abs(p.beta - TRUTH.beta) < 0.1 &&
        Math.abs(p.tau_rise / TRUTH.tau_rise - 1) < 0.3 &&
        Math.abs(p.tau_fall / TRUTH.tau_fall - 1) < 0.1;
      if (ok) good++;
      expect(fit.chi).toBeGreaterThan(0);
      expect(fit.chi).toBeLessThan(1);
    }
    expect(good).toBeGreaterThanOrEqual(16);
  });

  it("keeps every parameter within ALeRCE's bounds", () => {
    const { mjd, mag, err } = simulate(7, 0.1);
    const p = fitSupernovaModel(mjd, mag, err)!.parameters;
    const fMax = Math.max(...mag.map(magnitudeToSpmFlux));
    expect(p.A).toBeGreaterThanOrEqual(fMax / 3);
    expect(p.A).toBeLessThanOrEqual(3 * fMax);
    expect(p.t0).toBeGreaterThanOrEqual(-50);
    expect(p.t0).toBeLessThanOrEqual(50);
    for (const v of [p.gamma, p.tau_rise, p.tau_fall]) {
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(100);
    }
    expect(p.beta).toBeGreaterThanOrEqual(0);
    expect(p.beta).toBeLessThanOrEqual(1);
  });
});
