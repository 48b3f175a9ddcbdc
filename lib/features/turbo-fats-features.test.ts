import { describe, expect, it } from "vitest";
import { createRng } from "../math/random";
import {
  amplitude,
  andersonDarling,
  autocorLength,
  beyond1Std,
  computeTurboFatsFeatures,
  con,
  etaE,
  excessVar,
  gskew,
  linearTrend,
  maxSlope,
  meanvariance,
  medianAbsDev,
  medianBrp,
  pairSlopeTrend,
  percentAmplitude,
  pvar,
  q31,
  rcs,
  skew,
  smallKurtosis,
  stetsonK,
  structureFunction,
} from "./turbo-fats-features";
import { std } from "./statistics";

// A hand-made 12-point curve. Expected values were computed independently, by hand where noted and
// otherwise with numpy 2.4 / scipy 1.17 (np.percentile, scipy.stats.skew/kurtosis(bias=False)/
// anderson/chi2/linregress, np.correlate for the ACF), not with this code.
const t = [0, 1, 3, 4, 7, 8, 10, 12, 13, 16, 20, 21];
const m = [15.2, 15.5, 15.1, 15.9, 16.3, 15.0, 15.4, 16.8, 15.3, 15.6, 15.2, 15.7];
const e = [0.05, 0.1, 0.08, 0.05, 0.12, 0.07, 0.06, 0.09, 0.1, 0.05, 0.08, 0.06];

describe("Turbo-FATS statistics on a hand-made curve", () => {
  it("Amplitude: ceil(5 % of 12) = 1 point each side, (16.8 − 15.0)/2 (by hand)", () => {
    expect(amplitude(m)).toBeCloseTo(0.9, 12);
  });
  it("MaxSlope: |15.3 − 16.8| / (13 − 12) = 1.5 (by hand)", () => {
    expect(maxSlope(m, t)).toBeCloseTo(1.5, 12);
  });
  it("PairSlopeTrend: 7 rises and 4 falls over 11 differences → (7 − 4)/30 (by hand)", () => {
    // Differences: +.3 −.4 +.8 +.4 −1.3 +.4 +1.4 −1.5 +.3 −.4 +.5 → 7 rises, 4 non-rises → (7 − 4)/30 = 0.1.
    expect(pairSlopeTrend(m)).toBeCloseTo(0.1, 12);
  });
  it("MedianAbsDev, MedianBRP, PercentAmplitude, Q31, Gskew (numpy)", () => {
    expect(medianAbsDev(m)).toBeCloseTo(0.25, 10);
    expect(medianBrp(m)).toBeCloseTo(1 / 3, 12);
    expect(percentAmplitude(m)).toBeCloseTo(0.08737864077669913, 12);
    expect(q31(m)).toBeCloseTo(0.55, 10);
    expect(gskew(m)).toBeCloseTo(0.9, 10);
  });
  it("Skew, SmallKurtosis, Std, Meanvariance (scipy / numpy)", () => {
    expect(skew(m)).toBeCloseTo(1.1117602769554693, 10);
    expect(smallKurtosis(m)).toBeCloseTo(1.3081450359832711, 10);
    expect(std(m)).toBeCloseTo(0.5079916884709392, 12);
    expect(meanvariance(m)).toBeCloseTo(0.032598397121129795, 12);
  });
  it("AndersonDarling: A² = 0.523033 (scipy.stats.anderson) through FATS's sigmoid", () => {
    expect(andersonDarling(m)).toBeCloseTo(0.9029403674009032, 6);
  });
  it("Autocor_length: ACF at lag 1 is −0.25 < e⁻¹ → 1", () => {
    expect(autocorLength(m)).toBe(1);
    // A slow ramp stays correlated for several lags.
    const ramp = Array.from({ length: 40 }, (_, i) => i);
    expect(autocorLength(ramp)).toBeGreaterThan(5);
  });
  it("Beyond1Std, StetsonK, Eta_e, Rcs, ExcessVar, LinearTrend (numpy / scipy)", () => {
    expect(beyond1Std(m, e)).toBeCloseTo(0.25, 12);
    expect(stetsonK(m, e)).toBeCloseTo(0.8152454130182398, 10);
    expect(etaE(m, t)).toBeCloseTo(3.549605413594185, 10);
    expect(rcs(m)).toBeCloseTo(0.2433329401179444, 10);
    expect(excessVar(m, e)).toBeCloseTo(0.0010369527295604694, 12);
    expect(linearTrend(m, t)).toBeCloseTo(0.007709888770379385, 12);
  });
  it("Pvar: χ²₃ CDF at 1 = 0.198748 and χ²₅ CDF at 2.7761 = 0.265545 (scipy)", () => {
    expect(pvar([0, 1, 0, 1], [1, 1, 1, 1])).toBeCloseTo(0.19874804309879915, 8);
    expect(pvar([15.0, 15.3, 15.1, 15.2, 15.05, 15.25], [0.2, 0.15, 0.25, 0.2, 0.1, 0.3])).toBeCloseTo(0.26554477837435864, 8);
  });
  it("Con: one run of three points beyond 2σ among 10 runs", () => {
    const x = [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10, 10];
    // mean 2.5, σ = 4.33 → 2σ band (−6.2, 11.2): nothing outside → 0. Push the run further out.
    expect(con(x)).toBe(0);
    const y = [...Array(27).fill(0), 10, 10, 10];
    // mean 1, σ = 3 → outside (−5, 7): only the last run of 3 (28 runs) → 1/28.
    expect(con(y)).toBeCloseTo(1 / 28, 12);
  });
  it("SF_ML on a 100-point sinusoid matches a numpy re-implementation", () => {
    const tt = Array.from({ length: 100 }, (_, i) => 3 * i);
    const mm = tt.map((x, i) => 0.3 * Math.sin((2 * Math.PI * x) / 200) + 0.01 * ((i * 7) % 5));
    const ee = tt.map(() => 0.02);
    const sf = structureFunction(mm, tt, ee);
    expect(sf?.amplitude).toBeCloseTo(0.7934804099537883, 8);
    expect(sf?.gamma).toBeCloseTo(0.6641849115746215, 8);
  });
});

describe("Turbo-FATS statistics on Gaussian white noise (n = 20,000, σ known)", () => {
  const rng = createRng(20261126);
  const n = 20_000;
  const mag = new Float64Array(n);
  const mjd = new Float64Array(n);
  const err = new Float64Array(n).fill(0.1);
  for (let i = 0; i < n; i++) {
    mag[i] = 18 + rng.normal(0, 0.1);
    mjd[i] = i * 1.3 + rng.uniform(0, 1);
  }
  const f = computeTurboFatsFeatures(mag, mjd, err);
  it("StetsonK → √(2/π) = 0.7979 (±0.01)", () => expect(Math.abs(f.StetsonK - Math.sqrt(2 / Math.PI))).toBeLessThan(0.01));
  it("Beyond1Std → P(|z| > 1) = 0.3173 (±0.01)", () => expect(Math.abs(f.Beyond1Std - 0.3173)).toBeLessThan(0.01));
  it("Skew → 0 (±0.05), SmallKurtosis → 0 (±0.1)", () => {
    expect(Math.abs(f.Skew)).toBeLessThan(0.05);
    expect(Math.abs(f.SmallKurtosis)).toBeLessThan(0.1);
  });
  it("Eta_e → 2 (±0.1), ExcessVar → 0, Std → σ, Q31 → 1.349σ", () => {
    expect(Math.abs(f.Eta_e - 2)).toBeLessThan(0.1);
    expect(Math.abs(f.ExcessVar)).toBeLessThan(2e-6);
    expect(Math.abs(f.Std - 0.1)).toBeLessThan(0.002);
    expect(Math.abs(f.Q31 - 0.1349)).toBeLessThan(0.005);
  });
  it("Pvar of noise exactly as large as the errors is not extreme", () => {
    expect(f.Pvar).toBeGreaterThan(0.001);
    expect(f.Pvar).toBeLessThan(0.999);
  });
});
