import { describe, expect, it } from "vitest";
import { createRng } from "../math/random";
import { computeFoldedFeatures, computeHarmonicsFeatures } from "./harmonics-features";
import { solveLeastSquares } from "./least-squares";

describe("computeHarmonicsFeatures", () => {
  it("recovers the amplitudes and relative phases of a noise-free 3-harmonic signal exactly", () => {
    const rng = createRng(21);
    const P = 2.345;
    const mjd = Array.from({ length: 80 }, () => 58_000 + rng.uniform(0, 600)).sort((a, b) => a - b);
    // m = 17 + Σ R_k cos(kωt − φ_k): a_k = R_k cos φ_k, b_k = R_k sin φ_k.
    const R = [0.5, 0.2, 0.1];
    const phi = [0.3, 2.0, -1.0];
    const mag = mjd.map((t) => 17 + R.reduce((s, r, k) => s + r * Math.cos(((k + 1) * 2 * Math.PI * t) / P - phi[k]!), 0));
    const h = computeHarmonicsFeatures(
      mag,
      mjd,
      mag.map(() => 0.02),
      P,
    );
    expect(h.Harmonics_mag_1).toBeCloseTo(0.5, 8);
    expect(h.Harmonics_mag_2).toBeCloseTo(0.2, 8);
    expect(h.Harmonics_mag_3).toBeCloseTo(0.1, 8);
    expect(h.Harmonics_mag_4).toBeLessThan(1e-8);
    const wrap = (x: number) => ((x % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    expect(h.Harmonics_phase_2).toBeCloseTo(wrap(2.0 - 2 * 0.3), 7);
    expect(h.Harmonics_phase_3).toBeCloseTo(wrap(-1.0 - 3 * 0.3), 7);
    expect(h.Harmonics_mse).toBeLessThan(1e-16);
  });

  it("with fewer points than coefficients gives a finite, exact-fitting (minimum-norm) solution", () => {
    const mjd = [0, 1.1, 2.5, 3.7, 5.2, 6.1, 8.3, 9.9];
    const mag = [17, 17.2, 16.9, 17.4, 17.1, 16.8, 17.3, 17.0];
    const h = computeHarmonicsFeatures(
      mag,
      mjd,
      mag.map(() => 0.05),
      3.3,
    );
    for (const v of Object.values(h)) expect(Number.isFinite(v)).toBe(true);
    expect(h.Harmonics_mse).toBeLessThan(1e-10);
  });
});

describe("solveLeastSquares", () => {
  it("solves an over-determined system like the normal equations (line fit)", () => {
    // y = 2 + 3x exactly, plus a symmetric perturbation that leaves the LSQ line unchanged.
    const x = [0, 1, 2, 3, 4];
    const y = x.map((v, i) => 2 + 3 * v + [0.1, -0.2, 0.2, -0.2, 0.1][i]!);
    const a = new Float64Array(x.flatMap((v) => [1, v]));
    const sol = solveLeastSquares(a, Float64Array.from(y), 5, 2);
    expect(sol[0]).toBeCloseTo(2, 12);
    expect(sol[1]).toBeCloseTo(3, 12);
  });
});

describe("computeFoldedFeatures (Psi_CS, Psi_eta)", () => {
  it("folding a clean sinusoid at its period gives a smooth sequence: Psi_eta ≪ 2 (white noise ≈ 2)", () => {
    const rng = createRng(22);
    const P = 1.7;
    const mjd = Array.from({ length: 200 }, () => 58_000 + rng.uniform(0, 500));
    const mag = mjd.map((t) => 17 + 0.3 * Math.sin((2 * Math.PI * t) / P));
    const folded = computeFoldedFeatures(mag, mjd, P);
    expect(folded.Psi_eta).toBeLessThan(0.05);
    const noise = mjd.map(() => 17 + rng.normal(0, 0.3));
    expect(Math.abs(computeFoldedFeatures(noise, mjd, P).Psi_eta - 2)).toBeLessThan(0.4);
  });

  it("Psi_CS equals Rcs of the magnitudes sorted by phase (mjd mod 2P), checked by hand on 4 points", () => {
    // P = 1 → fold at 2: phases of mjd [0.5, 3.1, 1.2, 2.0] are [0.25, 0.55, 0.6, 0] → order [3, 0, 1, 2].
    const mjd = [0.5, 3.1, 1.2, 2.0];
    const mag = [1, 2, 3, 4];
    // Sorted: [4, 1, 2, 3], mean 2.5, σ = √1.25; cumsum of (m − 2.5)/(4σ): [1.5, 0, −0.5, 0]/(4σ).
    const sigma = Math.sqrt(1.25);
    const psi = computeFoldedFeatures(mag, mjd, 1);
    expect(psi.Psi_CS).toBeCloseTo((1.5 - -0.5) / (4 * sigma), 12);
    // η: ((1−4)² + (2−1)² + (3−2)²)/((n − 1)σ²) = 11/(3·1.25).
    expect(psi.Psi_eta).toBeCloseTo(11 / (3 * 1.25), 12);
  });
});
