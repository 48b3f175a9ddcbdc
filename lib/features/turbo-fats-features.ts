/**
 * Turbo-FATS statistics of one band (ALeRCE's fork of FATS, Nun et al. 2015), on difference
 * magnitudes, time-sorted. Definitions as described in shared/notes/ml.md §4 and FATS's paper; each
 * is a pure function of (magnitude[, time][, error]) so the tests can check them one by one.
 * Conventions follow numpy: np.std/np.var are population (ddof 0) unless noted; percentiles use
 * linear interpolation.
 */
import {
  chiSquareCdf,
  linearFit,
  mean,
  median,
  medianSorted,
  normalCdf,
  quantileSorted,
  sortedCopy,
  std,
  variance,
  type NumericArray,
} from "./statistics";

/** Half the difference between the medians of the brightest and faintest 5 % (ceil) of points. */
export function amplitude(mag: NumericArray): number {
  const s = sortedCopy(mag);
  const n = s.length;
  const k = Math.ceil(0.05 * n);
  return (medianSorted(s.subarray(n - k)) - medianSorted(s.subarray(0, k))) / 2;
}

/** Anderson–Darling normality statistic A² (mean and ddof-1 std estimated), squashed by FATS's sigmoid 1/(1+e^{−10(A²−0.3)}). */
export function andersonDarling(mag: NumericArray): number {
  const n = mag.length;
  const s = sortedCopy(mag);
  const m = mean(s);
  const sd = std(s, 1);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const lo = normalCdf((s[i]! - m) / sd);
    const hi = normalCdf((s[n - 1 - i]! - m) / sd);
    sum += (2 * i + 1) * (Math.log(Math.max(lo, 1e-300)) + Math.log(Math.max(1 - hi, 1e-300)));
  }
  const a2 = -n - sum / n;
  return 1 / (1 + Math.exp(-10 * (a2 - 0.3)));
}

/**
 * First lag k ≥ 1 at which the sample autocorrelation (biased, as statsmodels' acf) drops below e⁻¹;
 * n when it never does.
 */
export function autocorLength(mag: NumericArray): number {
  const n = mag.length;
  const m = mean(mag);
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (mag[i]! - m) ** 2;
  if (!(c0 > 0)) return NaN;
  const threshold = Math.exp(-1);
  for (let k = 1; k < n; k++) {
    let ck = 0;
    for (let i = 0; i + k < n; i++) ck += (mag[i]! - m) * (mag[i + k]! - m);
    if (ck / c0 < threshold) return k;
  }
  return n;
}

/** Σ(m/e²) / Σ(1/e²). */
function inverseVarianceWeightedMean(mag: NumericArray, err: NumericArray): number {
  let sw = 0;
  let swm = 0;
  for (let i = 0; i < mag.length; i++) {
    const w = 1 / (err[i]! * err[i]!);
    sw += w;
    swm += w * mag[i]!;
  }
  return swm / sw;
}

/** Fraction of points farther than one (ddof-1) standard deviation from the 1/σ²-weighted mean. */
export function beyond1Std(mag: NumericArray, err: NumericArray): number {
  const n = mag.length;
  const wm = inverseVarianceWeightedMean(mag, err);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (mag[i]! - wm) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  let count = 0;
  for (let i = 0; i < n; i++) if (mag[i]! > wm + sd || mag[i]! < wm - sd) count++;
  return count / n;
}

/** Fraction of runs of 3 consecutive points that all lie outside mean ± 2σ. */
export function con(mag: NumericArray, run = 3): number {
  const n = mag.length;
  if (n < run) return 0;
  const m = mean(mag);
  const sd = std(mag);
  let count = 0;
  for (let i = 0; i <= n - run; i++) {
    let all = true;
    for (let j = 0; j < run; j++) {
      const v = mag[i + j]!;
      if (!(v > m + 2 * sd || v < m - 2 * sd)) {
        all = false;
        break;
      }
    }
    if (all) count++;
  }
  return count / (n - run + 1);
}

/** η_e: Σ w_i (m_{i+1} − m_i)² / (σ² Σ w_i) with w_i = 1/(t_{i+1} − t_i)², σ² the population variance. */
export function etaE(mag: NumericArray, mjd: NumericArray): number {
  const n = mag.length;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i + 1 < n; i++) {
    const dt = mjd[i + 1]! - mjd[i]!;
    const w = 1 / (dt * dt);
    s1 += w * (mag[i + 1]! - mag[i]!) ** 2;
    s2 += w;
  }
  return s1 / s2 / variance(mag);
}

/** median(m ≤ p3) + median(m ≥ p97) − 2·median. */
export function gskew(mag: NumericArray): number {
  const s = sortedCopy(mag);
  const p3 = quantileSorted(s, 0.03);
  const p97 = quantileSorted(s, 0.97);
  const low: number[] = [];
  const high: number[] = [];
  for (const v of s) {
    if (v <= p3) low.push(v);
    if (v >= p97) high.push(v);
  }
  return median(low) + median(high) - 2 * medianSorted(s);
}

/** Largest |Δm/Δt| between consecutive points. */
export function maxSlope(mag: NumericArray, mjd: NumericArray): number {
  let best = 0;
  for (let i = 0; i + 1 < mag.length; i++) {
    const s = Math.abs((mag[i + 1]! - mag[i]!) / (mjd[i + 1]! - mjd[i]!));
    if (s > best) best = s;
  }
  return best;
}

/** σ/mean (population σ). */
export function meanvariance(mag: NumericArray): number {
  return std(mag) / mean(mag);
}

/** median |m − median(m)|. */
export function medianAbsDev(mag: NumericArray): number {
  const med = median(mag);
  const d = new Float64Array(mag.length);
  for (let i = 0; i < mag.length; i++) d[i] = Math.abs(mag[i]! - med);
  return median(d);
}

/** Fraction of points strictly within (max − min)/10 of the median. */
export function medianBrp(mag: NumericArray): number {
  const s = sortedCopy(mag);
  const med = medianSorted(s);
  const amp = (s[s.length - 1]! - s[0]!) / 10;
  let count = 0;
  for (let i = 0; i < s.length; i++) if (s[i]! < med + amp && s[i]! > med - amp) count++;
  return count / s.length;
}

/** Over the last 30 points: (#increasing − #non-increasing consecutive differences) / 30. */
export function pairSlopeTrend(mag: NumericArray): number {
  const start = Math.max(0, mag.length - 30);
  let up = 0;
  let down = 0;
  for (let i = start; i + 1 < mag.length; i++) {
    if (mag[i + 1]! - mag[i]! > 0) up++;
    else down++;
  }
  return (up - down) / 30;
}

/** max |m − median| / median. */
export function percentAmplitude(mag: NumericArray): number {
  const med = median(mag);
  let best = 0;
  for (let i = 0; i < mag.length; i++) best = Math.max(best, Math.abs(mag[i]! - med));
  return best / med;
}

/** p75 − p25. ALeRCE's separate `iqr` feature is the same quantity. */
export function q31(mag: NumericArray): number {
  const s = sortedCopy(mag);
  return quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
}

/** Range of the cumulative sum of (m − mean)/(N·σ) (population σ), in the given order. */
export function rcs(mag: NumericArray): number {
  const n = mag.length;
  const m = mean(mag);
  const sd = std(mag);
  let c = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    c += (mag[i]! - m) / (n * sd);
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  return hi - lo;
}

/** Sample skewness, biased (scipy.stats.skew default): m3 / m2^{3/2}. */
export function skew(mag: NumericArray): number {
  const n = mag.length;
  const m = mean(mag);
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = mag[i]! - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m3 / m2 ** 1.5;
}

/** FATS small-sample kurtosis: n(n+1)/((n−1)(n−2)(n−3))·Σz⁴ − 3(n−1)²/((n−2)(n−3)), z with the ddof-1 σ. */
export function smallKurtosis(mag: NumericArray): number {
  const n = mag.length;
  const m = mean(mag);
  const sd = std(mag, 1);
  let s = 0;
  for (let i = 0; i < n; i++) s += ((mag[i]! - m) / sd) ** 4;
  const c1 = (n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3));
  const c2 = (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  return c1 * s - c2;
}

/** Stetson K: (1/√n) Σ|δ_i| / √(Σδ_i²), δ_i = √(n/(n−1))·(m_i − m̄_w)/e_i with the 1/e²-weighted mean. */
export function stetsonK(mag: NumericArray, err: NumericArray): number {
  const n = mag.length;
  const wm = inverseVarianceWeightedMean(mag, err);
  const f = Math.sqrt(n / (n - 1));
  let sa = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const d = (f * (mag[i]! - wm)) / err[i]!;
    sa += Math.abs(d);
    s2 += d * d;
  }
  return sa / Math.sqrt(n) / Math.sqrt(s2);
}

/** Probability that the band is variable: χ²_{n−1} CDF at Σ(m − mean)²/e². */
export function pvar(mag: NumericArray, err: NumericArray): number {
  const n = mag.length;
  const m = mean(mag);
  let chi2 = 0;
  for (let i = 0; i < n; i++) chi2 += ((mag[i]! - m) / err[i]!) ** 2;
  return chiSquareCdf(chi2, n - 1);
}

/** Normalised excess variance (Σ(m − mean)² − Σe²)/(n·mean²). */
export function excessVar(mag: NumericArray, err: NumericArray): number {
  const n = mag.length;
  const m = mean(mag);
  let ss = 0;
  let se = 0;
  for (let i = 0; i < n; i++) {
    ss += (mag[i]! - m) ** 2;
    se += err[i]! * err[i]!;
  }
  return (ss - se) / (n * m * m);
}

/** Slope of the least-squares line of magnitude on time (mag/day). */
export function linearTrend(mag: NumericArray, mjd: NumericArray): number {
  return linearFit(mjd, mag)?.slope ?? NaN;
}

/**
 * Structure function (ALeRCE's SF_ML, described in shared/notes/ml.md §4): pairs 5 ≤ Δt ≤ 365 d in
 * 0.1-dex bins of log Δt, SF = √⟨Δm² − σ_i² − σ_j²⟩ per bin (bins with a non-positive mean dropped),
 * then a line log10 SF = log10 A + γ·log10(Δt/yr) fitted over 0.01 < Δt/yr ≤ 0.5.
 * A is clipped to ≤ 15 (A < 0.005 gives A = γ = 0) and γ to [−0.5, 3].
 */
export function structureFunction(mag: NumericArray, mjd: NumericArray, err: NumericArray): { amplitude: number; gamma: number } | null {
  const lo = Math.log10(5);
  const nBins = Math.ceil((Math.log10(365) - lo) / 0.1);
  const sum = new Float64Array(nBins);
  const count = new Float64Array(nBins);
  const sumLogT = new Float64Array(nBins);
  const n = mag.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dt = Math.abs(mjd[j]! - mjd[i]!);
      if (dt < 5 || dt > 365) continue;
      const lt = Math.log10(dt);
      const b = Math.min(nBins - 1, Math.floor((lt - lo) / 0.1));
      const dm = mag[j]! - mag[i]!;
      sum[b]! += dm * dm - err[i]! * err[i]! - err[j]! * err[j]!;
      count[b]! += 1;
      sumLogT[b]! += lt;
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b < nBins; b++) {
    if (count[b]! === 0) continue;
    const v = sum[b]! / count[b]!;
    if (!(v > 0)) continue;
    const tauYr = 10 ** (sumLogT[b]! / count[b]!) / 365.25;
    if (!(tauYr > 0.01 && tauYr <= 0.5)) continue;
    xs.push(Math.log10(tauYr));
    ys.push(0.5 * Math.log10(v));
  }
  const fit = linearFit(xs, ys);
  if (!fit) return null;
  let amp = 10 ** fit.intercept;
  let gamma = fit.slope;
  if (amp < 0.005) return { amplitude: 0, gamma: 0 };
  amp = Math.min(amp, 15);
  gamma = Math.min(3, Math.max(-0.5, gamma));
  return { amplitude: amp, gamma };
}

/** Names (without band) of the per-band Turbo-FATS/Paps statistics computed here, in output order. */
export const TURBO_FATS_FEATURE_NAMES = [
  "Amplitude",
  "AndersonDarling",
  "Autocor_length",
  "Beyond1Std",
  "Con",
  "Eta_e",
  "Gskew",
  "MaxSlope",
  "Mean",
  "Meanvariance",
  "MedianAbsDev",
  "MedianBRP",
  "PairSlopeTrend",
  "PercentAmplitude",
  "Q31",
  "Rcs",
  "Skew",
  "SmallKurtosis",
  "Std",
  "StetsonK",
  "Pvar",
  "ExcessVar",
  "SF_ML_amplitude",
  "SF_ML_gamma",
  "LinearTrend",
  "iqr",
] as const;

export type TurboFatsFeatureName = (typeof TURBO_FATS_FEATURE_NAMES)[number];

/** Every statistic above for one band (difference magnitudes, time-sorted). Std is ddof 0 as np.std. */
export function computeTurboFatsFeatures(mag: NumericArray, mjd: NumericArray, err: NumericArray): Record<TurboFatsFeatureName, number> {
  const sf = structureFunction(mag, mjd, err);
  const q = q31(mag);
  return {
    Amplitude: amplitude(mag),
    AndersonDarling: andersonDarling(mag),
    Autocor_length: autocorLength(mag),
    Beyond1Std: beyond1Std(mag, err),
    Con: con(mag),
    Eta_e: etaE(mag, mjd),
    Gskew: gskew(mag),
    MaxSlope: maxSlope(mag, mjd),
    Mean: mean(mag),
    Meanvariance: meanvariance(mag),
    MedianAbsDev: medianAbsDev(mag),
    MedianBRP: medianBrp(mag),
    PairSlopeTrend: pairSlopeTrend(mag),
    PercentAmplitude: percentAmplitude(mag),
    Q31: q,
    Rcs: rcs(mag),
    Skew: skew(mag),
    SmallKurtosis: smallKurtosis(mag),
    Std: std(mag),
    StetsonK: stetsonK(mag, err),
    Pvar: pvar(mag, err),
    ExcessVar: excessVar(mag, err),
    SF_ML_amplitude: sf?.amplitude ?? NaN,
    SF_ML_gamma: sf?.gamma ?? NaN,
    LinearTrend: linearTrend(mag, mjd),
    iqr: q,
  };
}
