/**
 * A simulator of ZTF g/r alert light curves for the late classifier's 15 classes. Each object is a
 * physical model of its total flux at the sky position (lightcurve-simulator-classes.ts), observed
 * the way ZTF's difference imaging sees it:
 *  - cadence: a visit every U(1, 4) d (the public 3-day survey plus partnership visits), 30 % of visits lost (weather, Moon), each band taken with
 *    probability 0.8 (g 0.04 d after r); the field is visible 240 d per year (seasonal gap);
 *  - 5σ limiting magnitude per visit: r ~ N(20.4, 0.3) + N(0, 0.15), g = r + 0.2 ± 0.1 (ZTF's
 *    median 5σ depth is about 20.5 in r and 20.8 in g; Bellm et al. 2019, Masci et al. 2019);
 *  - a reference image: the median flux of 12 earlier epochs per band (a coadd rejects outliers);
 *    every detection measures the DIFFERENCE flux (science − reference) with noise
 *    σ² = σ_bg² (1 + f/(2 f_lim)) + (0.015 f)² (background-limited at the limit; PSF-matching
 *    residuals of about 1.5 % on bright stars); a detection needs |Δf| ≥ 5σ, so a low-amplitude
 *    variable is only detected near its extremes, as in real alerts;
 *  - magpsf / sigmapsf / isdiffpos from the difference flux; when the reference catalogue has a
 *    source at the position (stars, AGN, nuclear transients; distnr < 1.4″) the magnitude is
 *    corrected with lib/pipeline/correction's correctMagnitude (the worker's own correction) and the
 *    dubious flag is ALeRCE's rule;
 *  - non-detections (diffmaglim) are kept only within 30 d before a detection: alerts carry the
 *    30 days of history before each detection (prv_candidates), nothing else.
 * The output rows have the shape of FeatureDetection / FeatureNonDetection, so training computes
 * features with the exact code the worker runs on stored detections.
 */
import { correctMagnitude, isDubious } from "../../lib/pipeline/correction";
import type { FeatureDetection, FeatureNonDetection, LightcurveFeatureInput } from "../../lib/features/types";
import { LC_CLASSES, type LcClass } from "../../lib/classifiers/lc/lc-taxonomy";
import { CLASS_MODELS, type ClassModel } from "./lightcurve-simulator-classes";
import { createRng, type Rng } from "../../lib/math/random";

export interface SimulatedLightcurve {
  label: LcClass;
  input: LightcurveFeatureInput;
  /** Ground truth (model parameters), for tests and diagnostics — never a feature. */
  truth: Record<string, number | string | boolean>;
}

export interface LightcurveSimulatorOptions {
  /** Objects are redrawn until one band has at least this many detections (default 5: the classifier's eligibility). */
  minDetections?: number;
  maxAttempts?: number;
  /**
   * Days between visits, U(a, b) (default [1, 4]). The real-data mix of light-curve classifier 2.0.0
   * also draws [0.5, 2.5]: ZTF's partnership fields (and the BTS SNe) are visited nightly in g and r,
   * which gives the 40–100+ detections of real bright transients.
   */
  visitGapDays?: readonly [number, number];
  /** Baseline multiplier (default 1): 2.0.0's mix also observes over 2× the class's window (multi-season histories). */
  baselineFactor?: number;
}

export interface Epoch {
  mjd: number;
  fid: 1 | 2;
  /** 5σ limiting magnitude of the epoch. */
  limMag: number;
}

const SURVEY_START_MJD = 58_200; // 2018-03-20, the start of the ZTF public survey
const REFERENCE_EPOCHS = 12;
const PRV_WINDOW_DAYS = 30;
/** Faintest reference-catalogue source (ZTF references are coadds reaching ~22.5). */
const REFERENCE_LIMIT_MAG = 22.5;

/** ZTF-like epochs over [startMjd, startMjd + durationDays). */
export function surveyEpochs(rng: Rng, startMjd: number, durationDays: number, visitGapDays: readonly [number, number] = [1, 4]): Epoch[] {
  const epochs: Epoch[] = [];
  const seasonPhase = rng.uniform(0, 365.25);
  let t = startMjd + rng.uniform(0, 3);
  while (t < startMjd + durationDays) {
    const visible = (t - startMjd + seasonPhase) % 365.25 < 240;
    if (visible && !rng.bernoulli(0.3)) {
      const limR = rng.normal(20.4, 0.3) + rng.normal(0, 0.15);
      const r = Math.min(21.3, Math.max(19, limR));
      if (rng.bernoulli(0.8)) epochs.push({ mjd: t, fid: 2, limMag: r });
      if (rng.bernoulli(0.8)) epochs.push({ mjd: t + 0.04, fid: 1, limMag: Math.min(21.5, r + rng.normal(0.2, 0.1)) });
    }
    t += rng.uniform(visitGapDays[0], visitGapDays[1]);
  }
  return epochs;
}

const fluxOf = (mag: number) => (Number.isFinite(mag) ? 10 ** (-0.4 * mag) : 0);

/** Observes a class model: ZTF difference photometry at the epochs, or null if the object got too few detections. */
function observe(
  rng: Rng,
  model: ClassModel,
  epochs: Epoch[],
  windowStartMjd: number,
  minDetections: number,
): { detections: FeatureDetection[]; nonDetections: FeatureNonDetection[]; magnr: Record<1 | 2, number | null> } | null {
  const first = epochs[0]?.mjd ?? SURVEY_START_MJD;
  const refTimes: number[] = [];
  const refFids: (1 | 2)[] = [];
  for (const fid of [1, 2] as const) {
    for (let k = 0; k < REFERENCE_EPOCHS; k++) {
      refTimes.push(first - rng.uniform(60, 700));
      refFids.push(fid);
    }
  }
  const times = Float64Array.from([...refTimes, ...epochs.map((e) => e.mjd)]);
  const fids = Uint8Array.from([...refFids, ...epochs.map((e) => e.fid)]);
  const mags = model.mags(times, fids, windowStartMjd);
  // The reference is a median-like coadd of earlier epochs (outbursts and eclipses are rejected).
  const refFlux = { 1: 0, 2: 0 } as Record<1 | 2, number>;
  for (const fid of [1, 2] as const) {
    const fluxes = refTimes.flatMap((_, i) => (refFids[i] === fid ? [fluxOf(mags[i]!)] : [])).sort((a, b) => a - b);
    refFlux[fid] = (fluxes[(fluxes.length - 1) >> 1]! + fluxes[fluxes.length >> 1]!) / 2;
  }
  // A reference-catalogue source at the position only for sources that have a static counterpart.
  const magnr = { 1: null, 2: null } as Record<1 | 2, number | null>;
  const sigmagnr = { 1: 0, 2: 0 } as Record<1 | 2, number>;
  for (const fid of [1, 2] as const) {
    const m = refFlux[fid] > 0 ? -2.5 * Math.log10(refFlux[fid]) : Infinity;
    if (model.referenceSource && m < REFERENCE_LIMIT_MAG) {
      magnr[fid] = m;
      sigmagnr[fid] = Math.min(0.2, 0.01 + 0.02 * 10 ** (0.4 * (m - 19)));
    }
  }
  const detections: FeatureDetection[] = [];
  const misses: { mjd: number; fid: 1 | 2; limMag: number }[] = [];
  const perBand = { 1: 0, 2: 0 };
  const firstCorrected: Record<1 | 2, boolean | null> = { 1: null, 2: null };
  epochs.forEach((e, k) => {
    const f = fluxOf(mags[refTimes.length + k]!);
    const fLim = 10 ** (-0.4 * e.limMag);
    const sigmaBg = fLim / 5;
    const sigma = Math.sqrt(sigmaBg * sigmaBg * (1 + f / (2 * fLim)) + (0.015 * f) ** 2);
    const diff = f - refFlux[e.fid] + rng.normal(0, sigma);
    if (Math.abs(diff) < 5 * sigma) {
      misses.push(e);
      return;
    }
    const magpsf = -2.5 * Math.log10(Math.abs(diff));
    const sigmapsf = (1.0857 * sigma) / Math.abs(diff);
    const isdiffpos = diff > 0 ? 1 : -1;
    const corrected = magnr[e.fid] !== null && (!model.borderlineReference || rng.bernoulli(0.5));
    firstCorrected[e.fid] ??= corrected;
    const corr = corrected ? correctMagnitude({ magnr: magnr[e.fid], sigmagnr: sigmagnr[e.fid], magpsf, sigmapsf, isdiffpos }) : null;
    perBand[e.fid]++;
    detections.push({
      mjd: e.mjd,
      fid: e.fid,
      magpsf,
      sigmapsf,
      magpsf_corr: corr?.magpsf_corr ?? null,
      sigmapsf_corr: corr?.sigmapsf_corr ?? null,
      sigmapsf_corr_ext: corr?.sigmapsf_corr_ext ?? null,
      isdiffpos,
      corrected,
      dubious: isDubious({ corrected, isdiffpos, firstCorrected: firstCorrected[e.fid]! }),
      rb: 1 - 0.45 * rng.next() ** 2,
      candid: null,
    });
  });
  if (Math.max(perBand[1], perBand[2]) < minDetections) return null;
  const detectionTimes = detections.map((d) => d.mjd);
  const nonDetections: FeatureNonDetection[] = misses
    .filter((m) => detectionTimes.some((t) => t > m.mjd && t - m.mjd <= PRV_WINDOW_DAYS))
    .map((m) => ({ mjd: m.mjd, fid: m.fid, diffmaglim: m.limMag }));
  return { detections, nonDetections, magnr };
}

/** One object of class `cls` with at least `minDetections` detections in g or r. */
export function simulateLightcurve(rng: Rng, cls: LcClass, options: LightcurveSimulatorOptions = {}): SimulatedLightcurve {
  const minDetections = options.minDetections ?? 5;
  const maxAttempts = options.maxAttempts ?? 500;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const model = CLASS_MODELS[cls](rng);
    const start = SURVEY_START_MJD + rng.uniform(0, 700);
    const windowStart = start + model.windowStartDays;
    const epochs = surveyEpochs(rng, windowStart, model.durationDays * (options.baselineFactor ?? 1), options.visitGapDays);
    const observed = observe(rng, model, epochs, windowStart, minDetections);
    if (!observed) continue;
    return {
      label: cls,
      input: {
        oid: `SIM_${cls}_${rng.nextUint32().toString(36)}`,
        detections: observed.detections,
        nonDetections: observed.nonDetections,
        context: model.context,
      },
      truth: { ...model.truth, attempts: attempt + 1, magnr_g: observed.magnr[1] ?? "none", magnr_r: observed.magnr[2] ?? "none" },
    };
  }
  throw new Error(`simulateLightcurve(${cls}): no object with ${minDetections} detections in ${maxAttempts} attempts`);
}

/**
 * `perClass` objects of each class (or the given counts), in class order; each class has its own
 * random stream derived from `seed`, so adding a class or changing another's count does not change it.
 */
export function simulateLightcurveDataset(
  seed: number,
  perClass: number | Partial<Record<LcClass, number>>,
  options: LightcurveSimulatorOptions = {},
): SimulatedLightcurve[] {
  const out: SimulatedLightcurve[] = [];
  LC_CLASSES.forEach((cls, c) => {
    const count = typeof perClass === "number" ? perClass : (perClass[cls] ?? 0);
    const rng = createRng(seed * 101 + c * 7919);
    for (let i = 0; i < count; i++) out.push(simulateLightcurve(rng, cls, options));
  });
  return out;
}
