import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../math/random";
import { computeHarmonicsFeatures } from "./harmonics-features";
import { periodogramSignificance, searchMultibandPeriod } from "./search-multiband-period";

/** ZTF-like epochs: `n` random nights over `spanDays`, only in the 240-day observing season. */
function epochs(rng: Rng, n: number, spanDays: number): number[] {
  const t: number[] = [];
  while (t.length < n) {
    const x = rng.uniform(0, spanDays);
    if (x % 365 < 240) t.push(58_000 + x);
  }
  return t.sort((a, b) => a - b);
}

/** Detached eclipsing binary: Gaussian eclipses of width 0.04 in phase, secondary half as deep. */
function eclipsingBinaryMag(phase: number): number {
  const dip = (centre: number) => {
    let d = Math.abs(phase - centre);
    d = Math.min(d, 1 - d);
    return Math.exp(-0.5 * (d / 0.04) ** 2);
  };
  return 0.6 * dip(0) + 0.3 * dip(0.5);
}

function twoBands(rng: Rng, signal: (t: number, fid: number) => number, noiseMag: number) {
  return [1, 2].map((fid) => {
    const mjd = epochs(rng, 50, 900);
    const mag = mjd.map((t) => 17 + signal(t, fid) + (noiseMag > 0 ? rng.normal(0, noiseMag) : 0));
    return { mjd, mag, err: mjd.map(() => Math.max(noiseMag, 0.01)) };
  });
}

describe("searchMultibandPeriod", () => {
  it("pure sinusoid (50 g + 50 r, 900 d, different amplitudes per band): period to 0.1 %, amplitude exact", () => {
    const rng = createRng(11);
    for (const P of [0.0731, 0.6017, 3.71, 27.3]) {
      const amp = { 1: 0.4, 2: 0.25 } as Record<number, number>;
      const bands = twoBands(rng, (t, fid) => amp[fid]! * Math.sin((2 * Math.PI * t) / P + 0.7), 0);
      const r = searchMultibandPeriod(bands)!;
      expect(Math.abs(r.bestPeriodDays / P - 1)).toBeLessThan(1e-3);
      for (const [i, b] of bands.entries()) {
        expect(Math.abs(r.bandPeriodsDays[i]! / P - 1)).toBeLessThan(1e-3);
        const h = computeHarmonicsFeatures(b.mag, b.mjd, b.err, r.bestPeriodDays);
        expect(h.Harmonics_mag_1).toBeCloseTo(amp[i + 1]!, 3);
        expect(h.Harmonics_mag_2!).toBeLessThan(0.005);
      }
      expect(r.bestPower).toBeGreaterThan(0.999);
    }
  });

  it("noisy sinusoids (σ = 0.05 mag, amplitude 0.15): 19 or more of 20 within 0.1/T in frequency (the right peak)", () => {
    const rng = createRng(12);
    let ok = 0;
    for (let k = 0; k < 20; k++) {
      const P = rng.logUniform(0.1, 50);
      const bands = twoBands(rng, (t) => 0.15 * Math.sin((2 * Math.PI * t) / P), 0.05);
      const r = searchMultibandPeriod(bands)!;
      // Noise limits the precision to a fraction of the peak width 1/T (T ≈ 900 d): 0.1/T.
      if (Math.abs(1 / r.bestPeriodDays - 1 / P) < 0.1 / r.data.spanDays) ok++;
    }
    expect(ok).toBeGreaterThanOrEqual(19);
  });

  it("eclipsing binary with two unequal minima: found at P, not P/2 (20 of 20)", () => {
    const rng = createRng(13);
    let atP = 0;
    for (let k = 0; k < 20; k++) {
      const P = rng.logUniform(0.3, 10);
      const r = searchMultibandPeriod(twoBands(rng, (t) => eclipsingBinaryMag((((t / P) % 1) + 1) % 1), 0.02))!;
      if (Math.abs(r.bestPeriodDays / P - 1) < 1e-3) atP++;
      else expect(Math.abs(r.bestPeriodDays / (P / 2) - 1), `P=${P} found ${r.bestPeriodDays}`).toBeGreaterThan(1e-3);
    }
    expect(atP).toBe(20);
  });

  it("a sawtooth (RR Lyrae-like, many harmonics) is found at its period, not at 2P or P/2", () => {
    const rng = createRng(14);
    const P = 0.5634;
    const saw = (t: number) => {
      const ph = (((t / P) % 1) + 1) % 1;
      return ph < 0.15 ? -0.8 * (ph / 0.15) + 0.4 : -0.4 + 0.8 * ((ph - 0.15) / 0.85);
    };
    const r = searchMultibandPeriod(twoBands(rng, saw, 0.03))!;
    expect(Math.abs(r.bestPeriodDays / P - 1)).toBeLessThan(1e-3);
  });

  it("bands with fewer than 8 points are left out; none left → null", () => {
    const rng = createRng(15);
    const [g, r] = twoBands(rng, (t) => 0.3 * Math.sin(t), 0.01);
    const short = { mjd: g!.mjd.slice(0, 5), mag: g!.mag.slice(0, 5), err: g!.err.slice(0, 5) };
    const res = searchMultibandPeriod([short, r!])!;
    expect(res.bandPeriodsDays[0]).toBeNull();
    expect(res.bandPeriodsDays[1]).not.toBeNull();
    expect(searchMultibandPeriod([short])).toBeNull();
  });
});

describe("periodogramSignificance (PPE)", () => {
  it("is 0 for a flat periodogram and close to 1 for a single sharp peak", () => {
    expect(periodogramSignificance(new Float64Array(1000).fill(0.2))).toBeCloseTo(0, 10);
    const peaked = new Float64Array(1000);
    peaked[500] = 1;
    // 1 − H/ln 100 with p = 1.01/1.01+99·0.01 ... computed by hand below.
    const probs = [1.01, ...Array(99).fill(0.01)].map((v) => v / 2);
    const h = -probs.reduce((s, p) => s + p * Math.log(p), 0);
    expect(periodogramSignificance(peaked)).toBeCloseTo(1 - h / Math.log(100), 12);
  });
});
