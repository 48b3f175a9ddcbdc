/**
 * Mexican-hat power spectrum features (MHPS_low, MHPS_high, MHPS_ratio, MHPS_non_zero, MHPS_PN_flag)
 * of one band: the variance of the light curve filtered at two time scales (t1 = 100 d "low" and
 * t2 = 10 d "high"), Arévalo et al. (2012, MNRAS 426, 1793), following ALeRCE's `mhps` C library
 * (read to learn, re-derived here in double precision):
 *
 *  - flux = 10^{0.4(mag0 − m)} − mean (mag0 = 19); the filter at scale t is the difference of two
 *    normalised Gaussians of widths σ1 = 0.225·t/√(1+ε) and σ2 = (1+ε)·σ1 (ε = 1), applied as a masked
 *    convolution: at each point, the Gaussian-weighted sums of flux are divided by those of the mask
 *    (all ones), so gaps are handled. Neighbours are taken within ±6·max(σ1, dt) (dt = 3 d); a point
 *    with ≤ 3 neighbours within two thirds of that window is skipped.
 *  - I = ⟨(F1/M1 − F2/M2)²⟩ over the kept points ("non_zero" of them), divided by the filter's
 *    normalisation ∫(G1/n1 − G2/n2)² (numerically, 1000 steps as the C code) and by mean flux²;
 *  - the Poisson-noise term PN = (⟨ln10·0.4·10^{−0.4(m−mag0)}·σ⟩)² / mean² is subtracted from "low";
 *    from "high" only when high > PN, otherwise PN_flag = 1 and high is left as is;
 *  - ratio = low / high. non_zero is the number of kept points at the high scale.
 */
import type { NumericArray } from "./statistics";

export const MHPS_T1_DAYS = 100;
export const MHPS_T2_DAYS = 10;
const DT_MIN_DAYS = 3;
const MAG0 = 19;
const EPSILON = 1;

const normalisationCache = new Map<string, { n1: number; n2: number; norm: number; half: number }>();

/** ∫(g1/n1 − g2/n2)² over the window, with the C code's 1000-step Riemann sums (memoised). */
function filterNormalisation(c1: number, c2: number, dtMin: number): { n1: number; n2: number; norm: number; half: number } {
  const key = `${c1}|${c2}|${dtMin}`;
  const cached = normalisationCache.get(key);
  if (cached) return cached;
  let half = 6 * c1;
  if (half < 6 * dtMin) half = 6 * dtMin;
  const step = (2 * half) / 1000;
  let n1 = 0;
  let n2 = 0;
  for (let t = -half; t <= half; t += step) {
    n1 += Math.exp((-t * t) / (2 * c1 * c1));
    n2 += Math.exp((-t * t) / (2 * c2 * c2));
  }
  n1 *= step;
  n2 *= step;
  let norm = 0;
  for (let t = -half; t <= half; t += step)
    norm += (Math.exp((-t * t) / (2 * c1 * c1)) / n1 - Math.exp((-t * t) / (2 * c2 * c2)) / n2) ** 2;
  const result = { n1, n2, norm: norm * step, half };
  normalisationCache.set(key, result);
  return result;
}

/** Σ (F1/M1 − F2/M2)² over kept points and their count, at time scale `scaleDays`. */
function filteredPower(
  t: NumericArray,
  flux: Float64Array,
  scaleDays: number,
): { sum: number; count: number; norm: number; kept: Uint8Array } {
  const c1 = (0.225 * scaleDays) / Math.sqrt(1 + EPSILON);
  const c2 = (1 + EPSILON) * c1;
  const { n1, n2, norm, half } = filterNormalisation(c1, c2, DT_MIN_DAYS);
  const n = t.length;
  const kept = new Uint8Array(n);
  let sorted = true;
  for (let i = 1; i < n; i++) if (t[i]! < t[i - 1]!) sorted = false;
  let sum = 0;
  let count = 0;
  let lo = 0;
  for (let i = 0; i < n; i++) {
    let f1 = 0;
    let f2 = 0;
    let m1 = 0;
    let m2 = 0;
    let neighbours = 0;
    // Sorted times: only the window (t_i − half, t_i + half) contributes, scanned in the same order.
    if (sorted) while (t[i]! - t[lo]! >= half) lo++;
    for (let j = sorted ? lo : 0; j < n; j++) {
      if (sorted && t[j]! - t[i]! >= half) break;
      const d = t[j]! - t[i]!;
      if (!(d > -half && d < half)) continue;
      const g1 = Math.exp((-d * d) / (2 * c1 * c1)) / n1;
      const g2 = Math.exp((-d * d) / (2 * c2 * c2)) / n2;
      f1 += flux[j]! * g1;
      f2 += flux[j]! * g2;
      m1 += g1;
      m2 += g2;
      if (Math.abs(d) <= (2 / 3) * half) neighbours++;
    }
    if (neighbours <= 3 || !(m1 > 0)) continue;
    const ik = f1 / m1 - f2 / m2;
    sum += ik * ik;
    count++;
    kept[i] = 1;
  }
  return { sum, count, norm, kept };
}

export interface MhpsFeatures {
  MHPS_ratio: number;
  MHPS_low: number;
  MHPS_high: number;
  MHPS_non_zero: number;
  MHPS_PN_flag: number;
}

export function computeMhpsFeatures(mjd: NumericArray, mag: NumericArray, err: NumericArray): MhpsFeatures | null {
  const n = mag.length;
  if (n < 2) return null;
  const flux = new Float64Array(n);
  let meanFlux = 0;
  for (let i = 0; i < n; i++) {
    flux[i] = 10 ** (0.4 * (MAG0 - mag[i]!));
    meanFlux += flux[i]! / n;
  }
  for (let i = 0; i < n; i++) flux[i] = flux[i]! - meanFlux;
  const low = filteredPower(mjd, flux, MHPS_T1_DAYS);
  if (low.count === 0) return null;
  let pn = 0;
  for (let i = 0; i < n; i++) if (low.kept[i]) pn += Math.LN10 * 10 ** (-0.4 * (mag[i]! - MAG0)) * 0.4 * err[i]!;
  pn /= low.count;
  pn = (pn * pn) / (meanFlux * meanFlux);
  const lowPower = low.sum / low.count / low.norm / (meanFlux * meanFlux) - pn;
  const high = filteredPower(mjd, flux, MHPS_T2_DAYS);
  if (high.count === 0) return null;
  let highPower = high.sum / high.count / high.norm / (meanFlux * meanFlux);
  let flag = 1;
  if (highPower > pn) {
    highPower -= pn;
    flag = 0;
  }
  return { MHPS_ratio: lowPower / highPower, MHPS_low: lowPower, MHPS_high: highPower, MHPS_non_zero: high.count, MHPS_PN_flag: flag };
}
