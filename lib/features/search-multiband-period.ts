/**
 * Period search over 0.05–500 d on a multiband light curve (ALeRCE's Multiband_period, PPE,
 * Period_band_b, Power_rate_*), with a two-harmonic model so that eclipsing binaries come out at
 * their true period P rather than P/2.
 *
 * 1. Coarse scan: one-harmonic multiband power (periodogram-core scanOneHarmonic) on f = fmin + j·Δf,
 *    Δf = 1/(OVERSAMPLING·T), fmin = 1/500 d⁻¹, fmax = 1/0.05 d⁻¹; T is the time span after trimming to
 *    the densest 3,000-day window (as ALeRCE). Per-band powers come from the same pass.
 * 2. Candidates: the TOP_PEAKS highest local maxima, and half of each (a one-harmonic periodogram puts
 *    an eclipsing binary with two similar minima at 2/P).
 * 3. Refinement: every candidate is scored by its two-harmonic power at three points across its coarse
 *    cell; the best three are refined on a grid 10× finer than Δf (±Δf), then by a parabola through the
 *    best three points.
 * 4. Sub-harmonic rule. A two-harmonic model at f/2 contains harmonic f, so it fits a sinusoid of
 *    frequency f as well (up to noise), while narrow eclipses can fit better at 2/P than at 1/P with
 *    only two harmonics. So the best refined f* is tested with nested models: the fit with 2M
 *    harmonics of f_low against the fit with M harmonics of 2·f_low (M ≤ 3, limited by the points per
 *    band); the odd harmonics of f_low are significant when Δχ² / s² exceeds its χ²(2M per band) mean
 *    by 5σ. f* moves up to 2f* while its odd harmonics are not significant (a sinusoid found at f/2),
 *    otherwise down to f*·½ when those of f*·½ are (unequal minima of an eclipsing binary). Binaries
 *    with equal minima stay at P/2, where no photometric information separates them.
 */
import { coarseOneHarmonicPeriodogram, largestValues, largestValuesAt, topLocalMaximaAt } from "./coarse-periodogram";
import {
  packPeriodogramData,
  scanMultiHarmonic,
  scanOneHarmonic,
  type PeriodogramBandInput,
  type PeriodogramData,
} from "./periodogram-core";

export const MIN_PERIOD_DAYS = 0.05;
export const MAX_PERIOD_DAYS = 500;
export const OVERSAMPLING = 2;
export const TOP_PEAKS = 10;
/** PPE is the significance of this many highest coarse values. */
export const PPE_TOP = 100;
/** At most this many harmonics M in the sub-harmonic test (2M at the lower frequency). */
export const SUBHARMONIC_TEST_HARMONICS = 3;
export const MAX_WINDOW_DAYS = 3000;
/** A band needs this many points to enter the period search. */
export const MIN_PERIOD_POINTS_PER_BAND = 8;
const REFINE_STEPS = 10;
/** Candidates refined on the fine grid, after scoring all of them on the coarse one. */
const REFINED_CANDIDATES = 3;
const HARMONICS = 2;

export interface PeriodSearchOptions {
  minPeriodDays?: number;
  maxPeriodDays?: number;
  oversampling?: number;
}

export interface PeriodSearchResult {
  /** Best multiband period (days), after refinement and the sub-harmonic rule. */
  bestPeriodDays: number;
  bestFrequency: number;
  /** Two-harmonic multiband power at the best frequency. */
  bestPower: number;
  /** Best period of each input band alone (same procedure), null when the band has too few points. */
  bandPeriodsDays: (number | null)[];
  /** Coarse grid: frequency of index j is f0 + j·df. */
  f0: number;
  df: number;
  /** One-harmonic multiband power on the coarse grid. */
  coarsePower: Float64Array;
  /** Significance 1 − H/ln 100 of the 100 highest coarse values (ALeRCE's PPE). */
  ppe: number;
  /** Two-harmonic multiband power at any frequency. */
  powerAt: (frequency: number) => number;
  /** One-harmonic multiband power (the coarse periodogram's statistic) at any frequency. */
  oneHarmonicPowerAt: (frequency: number) => number;
  data: PeriodogramData;
}

/** Indices of the points of the densest window of `maxDays` (all points when the span is shorter). */
function densestWindow(bands: readonly PeriodogramBandInput[], maxDays: number): PeriodogramBandInput[] {
  const times: number[] = [];
  for (const b of bands) for (let i = 0; i < b.mjd.length; i++) times.push(b.mjd[i]!);
  times.sort((a, b) => a - b);
  if (times.length === 0 || times[times.length - 1]! - times[0]! <= maxDays) return [...bands];
  let best = 0;
  let bestStart = times[0]!;
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    while (times[i]! - times[j]! > maxDays) j++;
    if (i - j + 1 > best) {
      best = i - j + 1;
      bestStart = times[j]!;
    }
  }
  return bands.map((b) => {
    const idx: number[] = [];
    for (let i = 0; i < b.mjd.length; i++) if (b.mjd[i]! >= bestStart && b.mjd[i]! <= bestStart + maxDays) idx.push(i);
    return { mjd: idx.map((i) => b.mjd[i]!), mag: idx.map((i) => b.mag[i]!), err: idx.map((i) => b.err[i]!) };
  });
}

/** 1 − H/ln(100), H the entropy of the 100 highest values (+0.01 each, normalised to sum 1). */
export function periodogramSignificance(power: Float64Array, top = 100, at?: Int32Array): number {
  const heap = at ? largestValuesAt(power, at, top) : largestValues(power, top);
  const m = heap.length;
  let sum = 0;
  for (let i = 0; i < m; i++) sum += heap[i]! + 0.01;
  let h = 0;
  for (let i = 0; i < m; i++) {
    const p = (heap[i]! + 0.01) / sum;
    if (p > 0) h -= p * Math.log(p);
  }
  return 1 - h / Math.log(top);
}

interface Refined {
  frequency: number;
  power: number;
}

/** Two-harmonic refinement on [fc − halfWidth, fc + halfWidth] then a parabola through the best three. */
function refine(
  data: PeriodogramData,
  fc: number,
  halfWidth: number,
  bands: readonly number[] | undefined,
  fMin: number,
  fMax: number,
): Refined {
  const lo = Math.max(fMin, fc - halfWidth);
  const hi = Math.min(fMax, fc + halfWidth);
  const steps = 2 * REFINE_STEPS + 1;
  const step = (hi - lo) / (steps - 1);
  const p = scanMultiHarmonic(data, lo, step, steps, { harmonics: HARMONICS, bands });
  let m = 0;
  for (let j = 1; j < steps; j++) if (p[j]! > p[m]!) m = j;
  let f = lo + m * step;
  let best = p[m]!;
  if (m > 0 && m < steps - 1) {
    const a = p[m - 1]!;
    const b = p[m]!;
    const c = p[m + 1]!;
    const denom = a - 2 * b + c;
    if (denom < 0) {
      const shift = (0.5 * (a - c)) / denom;
      const fp = f + shift * step;
      const pp = scanMultiHarmonic(data, fp, step, 1, { harmonics: HARMONICS, bands })[0]!;
      if (pp > best) {
        best = pp;
        f = fp;
      }
    }
  }
  return { frequency: f, power: best };
}

/** χ² of the multiband K-harmonic fit at frequency f over `bands`. */
function chi2At(data: PeriodogramData, f: number, harmonics: number, bands: readonly number[]): number {
  let chi2Zero = 0;
  for (const b of bands) chi2Zero += data.chi2Zero[b]!;
  const power = scanMultiHarmonic(data, f, 1, 1, { harmonics, bands })[0]!;
  return (1 - power) * chi2Zero;
}

/**
 * Is the fit with 2M harmonics of fLow significantly better than the nested fit with M harmonics of
 * 2·fLow, i.e. do the odd harmonics of fLow (a difference between alternate cycles, such as unequal
 * eclipse minima) matter? Δχ², scaled by the residual variance, against its χ² distribution with
 * 2M per band degrees of freedom: more than mean + 5σ.
 */
function oddHarmonicsSignificant(data: PeriodogramData, fLow: number, bands: readonly number[]): boolean {
  let n = 0;
  let nMin = Infinity;
  for (const b of bands) {
    const nb = data.start[b + 1]! - data.start[b]!;
    n += nb;
    nMin = Math.min(nMin, nb);
  }
  const M = Math.max(1, Math.min(SUBHARMONIC_TEST_HARMONICS, Math.floor((nMin - 2) / 4)));
  const chi2Low = chi2At(data, fLow, 2 * M, bands);
  const chi2High = chi2At(data, 2 * fLow, M, bands);
  const dofExtra = 2 * M * bands.length;
  const sigma2 = Math.max(chi2Low / Math.max(1, n - (4 * M + 1) * bands.length), 1e-300);
  return (chi2High - chi2Low) / sigma2 > dofExtra + 5 * Math.sqrt(2 * dofExtra);
}

/**
 * Best frequency from one-harmonic coarse powers: candidates, refinement, sub-harmonic rule. The
 * candidates are the top local maxima among the coarse periodogram's exact indices (equal to those
 * of the whole array, coarse-periodogram.ts).
 */
function bestFrequency(
  data: PeriodogramData,
  coarse: Float64Array,
  exact: Int32Array,
  f0: number,
  df: number,
  fMin: number,
  fMax: number,
  bands: readonly number[] | undefined,
): Refined {
  const peaks = topLocalMaximaAt(coarse, exact, TOP_PEAKS);
  // Score every candidate by its two-harmonic power at three points across its coarse cell, then
  // refine only the best few.
  const scored: { frequency: number; score: number }[] = [];
  for (const j of peaks) {
    const fc = f0 + j * df;
    for (const cand of [fc, fc / 2]) {
      if (cand < fMin) continue;
      const p = scanMultiHarmonic(data, cand - df / 2, df / 2, 3, { harmonics: HARMONICS, bands });
      scored.push({ frequency: cand, score: Math.max(p[0]!, p[1]!, p[2]!) });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  let best: Refined = { frequency: NaN, power: -Infinity };
  for (const { frequency } of scored.slice(0, REFINED_CANDIDATES)) {
    const r = refine(data, frequency, df, bands, fMin, fMax);
    if (r.power > best.power) best = r;
  }
  if (!Number.isFinite(best.frequency)) return best;
  const used = bands ?? Array.from({ length: data.nBands }, (_, b) => b);
  const powerOf = (f: number) => scanMultiHarmonic(data, f, 1, 1, { harmonics: HARMONICS, bands })[0]!;
  let moved = false;
  // f* may be a sub-harmonic of the true frequency (a sinusoid fits as well at f/2): move up.
  for (let iter = 0; iter < 2 && 2 * best.frequency <= fMax; iter++) {
    if (oddHarmonicsSignificant(data, best.frequency, used)) break;
    best = { frequency: 2 * best.frequency, power: powerOf(2 * best.frequency) };
    moved = true;
  }
  // f* may be twice the true frequency (eclipsing binary with unequal minima): move down.
  if (!moved && best.frequency / 2 >= fMin && oddHarmonicsSignificant(data, best.frequency / 2, used)) {
    best = { frequency: best.frequency / 2, power: powerOf(best.frequency / 2) };
  }
  return best;
}

/**
 * Runs the search on the given bands (index order is kept in `bandPeriodsDays`). Bands with fewer than
 * MIN_PERIOD_POINTS_PER_BAND points are left out; returns null when none is left.
 */
export function searchMultibandPeriod(
  inputBands: readonly PeriodogramBandInput[],
  options: PeriodSearchOptions = {},
): PeriodSearchResult | null {
  const fMin = 1 / (options.maxPeriodDays ?? MAX_PERIOD_DAYS);
  const fMax = 1 / (options.minPeriodDays ?? MIN_PERIOD_DAYS);
  const trimmed = densestWindow(inputBands, MAX_WINDOW_DAYS);
  const usedIndex: number[] = [];
  const used: PeriodogramBandInput[] = [];
  trimmed.forEach((b, i) => {
    if (b.mjd.length >= MIN_PERIOD_POINTS_PER_BAND) {
      usedIndex.push(i);
      used.push(b);
    }
  });
  if (used.length === 0) return null;
  const data = packPeriodogramData(used);
  if (!(data.spanDays > 0)) return null;
  const df = 1 / ((options.oversampling ?? OVERSAMPLING) * data.spanDays);
  const nf = Math.max(2, Math.floor((fMax - fMin) / df) + 1);
  const { power: coarse, bandPower, exact } = coarseOneHarmonicPeriodogram(data, fMin, df, nf, { topPeaks: TOP_PEAKS, topValues: PPE_TOP });

  const best = bestFrequency(data, coarse, exact, fMin, df, fMin, fMax, undefined);
  const bandPeriodsDays: (number | null)[] = inputBands.map(() => null);
  if (used.length === 1) {
    bandPeriodsDays[usedIndex[0]!] = 1 / best.frequency;
  } else {
    used.forEach((_, b) => {
      const r = bestFrequency(data, bandPower[b]!, exact, fMin, df, fMin, fMax, [b]);
      bandPeriodsDays[usedIndex[b]!] = Number.isFinite(r.frequency) ? 1 / r.frequency : null;
    });
  }
  return {
    bestPeriodDays: 1 / best.frequency,
    bestFrequency: best.frequency,
    bestPower: best.power,
    bandPeriodsDays,
    f0: fMin,
    df,
    coarsePower: coarse,
    ppe: periodogramSignificance(coarse, PPE_TOP, exact),
    powerAt: (f: number) => scanMultiHarmonic(data, f, df, 1, { harmonics: HARMONICS })[0]!,
    oneHarmonicPowerAt: (f: number) => scanOneHarmonic(data, f, df, 1)[0]!,
    data,
  };
}
