/**
 * Light-curve features of one object, modelled on ALeRCE's ZTF feature extractor (lc_classifier,
 * Sánchez-Sáez et al. 2021, AJ 161, 141). Pure: no database, no Next. Always returns exactly
 * LC_FEATURE_KEYS, in that order, with null where a value cannot be computed.
 *
 * Which magnitude each group uses (docs/features.md has the full table):
 *  - difference magnitudes (magpsf, sigmapsf), per band: Turbo-FATS statistics, Paps (Pvar,
 *    ExcessVar, SF_ML), IAR, DRW, MHPS, harmonics, Psi_*, periods, detection and non-detection
 *    features, SPM (in flux), g-r_max / g-r_mean;
 *  - corrected magnitudes (magpsf_corr): g-r_*_corr; the WISE colours use the band's mean corrected
 *    magnitude when it has one.
 */
import { computeContextFeatures, CONTEXT_FEATURE_NAMES } from "./context-features";
import { computeGrColourFeatures, computeWiseColourFeatures, GR_COLOUR_FEATURE_NAMES, WISE_COLOUR_FEATURE_NAMES } from "./colour-features";
import { computeDetectionFeatures, DETECTION_FEATURE_NAMES } from "./detection-features";
import { computeNonDetectionFeatures, NON_DETECTION_FEATURE_NAMES } from "./non-detection-features";
import { FEATURE_BANDS, prepareLightcurve, type BandLightcurve } from "./prepare-lightcurve";
import { finiteOrNull } from "./statistics";
import { computeTurboFatsFeatures, TURBO_FATS_FEATURE_NAMES } from "./turbo-fats-features";
import type { BandId, FeatureFid, FeatureValue, LightcurveFeatureInput } from "./types";

/** Bump when any definition changes: stored features carry it. */
export const LC_FEATURE_VERSION = "1.0.0";

/** A band needs this many kept detections for its time-series statistics. */
export const MIN_BAND_POINTS = 5;

const HARMONIC_NAMES = [
  ...[1, 2, 3, 4, 5, 6, 7].map((k) => `Harmonics_mag_${k}`),
  ...[2, 3, 4, 5, 6, 7].map((k) => `Harmonics_phase_${k}`),
  "Harmonics_mse",
];
export const SPM_FEATURE_NAMES = ["SPM_A", "SPM_t0", "SPM_gamma", "SPM_beta", "SPM_tau_rise", "SPM_tau_fall", "SPM_chi"] as const;
export const MHPS_FEATURE_NAMES = ["MHPS_ratio", "MHPS_low", "MHPS_high", "MHPS_non_zero", "MHPS_PN_flag"] as const;
export const POWER_RATE_NAMES = ["Power_rate_1/4", "Power_rate_1/3", "Power_rate_1/2", "Power_rate_2", "Power_rate_3", "Power_rate_4"] as const;

/** Per-band feature names, in output order (each appears with fid 1, then fid 2). */
const BAND_FEATURE_NAMES: readonly string[] = [
  ...TURBO_FATS_FEATURE_NAMES,
  "IAR_phi",
  "GP_DRW_sigma",
  "GP_DRW_tau",
  ...MHPS_FEATURE_NAMES,
  ...SPM_FEATURE_NAMES,
  ...HARMONIC_NAMES,
  "Psi_CS",
  "Psi_eta",
  "Period_band",
  "delta_period",
  ...DETECTION_FEATURE_NAMES,
  ...NON_DETECTION_FEATURE_NAMES,
];

const OBJECT_FEATURE_NAMES: readonly string[] = ["Multiband_period", "PPE", ...POWER_RATE_NAMES, ...CONTEXT_FEATURE_NAMES, ...WISE_COLOUR_FEATURE_NAMES];

/** The fixed, complete, ordered list of (name, fid) that computeLightcurveFeatures returns (178 keys). */
export const LC_FEATURE_KEYS: readonly { name: string; fid: FeatureFid }[] = Object.freeze([
  ...FEATURE_BANDS.flatMap((fid) => BAND_FEATURE_NAMES.map((name) => ({ name, fid: fid as FeatureFid }))),
  ...OBJECT_FEATURE_NAMES.map((name) => ({ name, fid: 0 as FeatureFid })),
  ...GR_COLOUR_FEATURE_NAMES.map((name) => ({ name, fid: 12 as FeatureFid })),
]);

function keyOf(name: string, fid: FeatureFid): string {
  return `${name}|${fid}`;
}

export interface ComputeLightcurveFeaturesOptions {
  /** When given, milliseconds spent per stage are added to it (bench:lc). */
  timings?: Record<string, number>;
}

class FeatureSink {
  readonly values = new Map<string, number | null>();
  set(name: string, fid: FeatureFid, value: number | null | undefined): void {
    this.values.set(keyOf(name, fid), finiteOrNull(value));
  }
  setAll(record: Record<string, number | null | undefined>, fid: FeatureFid): void {
    for (const [name, value] of Object.entries(record)) this.set(name, fid, value);
  }
}

function timed<T>(timings: Record<string, number> | undefined, stage: string, fn: () => T): T {
  if (!timings) return fn();
  const t0 = performance.now();
  const result = fn();
  timings[stage] = (timings[stage] ?? 0) + performance.now() - t0;
  return result;
}

export function computeLightcurveFeatures(input: LightcurveFeatureInput, options: ComputeLightcurveFeaturesOptions = {}): FeatureValue[] {
  const { timings } = options;
  const sink = new FeatureSink();
  const bands = timed(timings, "prepare", () => prepareLightcurve(input.detections));
  const g = bands.get(1);
  const r = bands.get(2);

  timed(timings, "detections", () => {
    for (const [fid, band] of bands) {
      sink.setAll(computeDetectionFeatures(band), fid);
      sink.setAll(computeNonDetectionFeatures(band, input.nonDetections), fid);
    }
  });

  timed(timings, "statistics", () => {
    for (const [fid, band] of bands) {
      if (band.mag.length < MIN_BAND_POINTS) continue;
      sink.setAll(computeTurboFatsFeatures(band.mag, band.mjd, band.err), fid);
    }
  });

  timed(timings, "colours_context", () => {
    sink.setAll(computeGrColourFeatures(g, r), 12);
    sink.setAll(computeWiseColourFeatures(input.context, g, r), 0);
    sink.setAll(computeContextFeatures(input.context, [...bands.values()]), 0);
  });

  return LC_FEATURE_KEYS.map(({ name, fid }) => ({ name, fid, value: sink.values.get(keyOf(name, fid)) ?? null }));
}

/** Bands of the preprocessed light curve that have enough points for time-series features. */
export function usableBands(bands: Map<BandId, BandLightcurve>): BandLightcurve[] {
  return [...bands.values()].filter((b) => b.mag.length >= MIN_BAND_POINTS);
}
