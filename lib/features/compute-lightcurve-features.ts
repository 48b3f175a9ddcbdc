/**
 * Light-curve features of one object, modelled on ALeRCE's ZTF feature extractor (lc_classifier,
 * Sánchez-Sáez et al. 2021, AJ 161, 141). Pure: no database, no Next. Always returns exactly
 * LC_FEATURE_KEYS, in that order, with null where a value cannot be computed.
 *
 * Which magnitude each group uses (docs/features.md has the full table):
 *  - time-series magnitudes (prepare-lightcurve: corrected magnitudes for a corrected object, else
 *    the difference magnitudes magpsf), per band: Turbo-FATS statistics, Paps (Pvar, ExcessVar,
 *    SF_ML), IAR, DRW, MHPS, harmonics, Psi_*, periods;
 *  - difference magnitudes (magpsf, sigmapsf): detection and non-detection features, SPM (in flux),
 *    g-r_max / g-r_mean;
 *  - corrected magnitudes (magpsf_corr): g-r_*_corr; the WISE colours use the band's mean corrected
 *    magnitude when it has one.
 */
import { computeContextFeatures, CONTEXT_FEATURE_NAMES } from "./context-features";
import { computeGrColourFeatures, computeWiseColourFeatures, GR_COLOUR_FEATURE_NAMES, WISE_COLOUR_FEATURE_NAMES } from "./colour-features";
import { computeDetectionFeatures, DETECTION_FEATURE_NAMES } from "./detection-features";
import { computeNonDetectionFeatures, NON_DETECTION_FEATURE_NAMES } from "./non-detection-features";
import { FEATURE_BANDS, prepareLightcurve } from "./prepare-lightcurve";
import { finiteOrNull } from "./statistics";
import { fitDampedRandomWalk } from "./fit-damped-random-walk";
import { fitIarPhi } from "./fit-irregular-autoregressive";
import { fitSupernovaModel } from "./fit-supernova-model";
import { computeFoldedFeatures, computeHarmonicsFeatures, HARMONICS_FEATURE_NAMES } from "./harmonics-features";
import { computeMhpsFeatures } from "./mexican-hat-power-spectrum";
import { searchMultibandPeriod } from "./search-multiband-period";
import { computeTurboFatsFeatures, TURBO_FATS_FEATURE_NAMES } from "./turbo-fats-features";
import type { FeatureFid, FeatureValue, LightcurveFeatureInput } from "./types";

/** Bump when any definition changes: stored features carry it. */
export const LC_FEATURE_VERSION = "1.1.0";

/** A band needs this many kept detections for its time-series statistics. */
export const MIN_BAND_POINTS = 5;

export const SPM_FEATURE_NAMES = ["SPM_A", "SPM_t0", "SPM_gamma", "SPM_beta", "SPM_tau_rise", "SPM_tau_fall", "SPM_chi"] as const;
export const MHPS_FEATURE_NAMES = ["MHPS_ratio", "MHPS_low", "MHPS_high", "MHPS_non_zero", "MHPS_PN_flag"] as const;
export const POWER_RATE_NAMES = [
  "Power_rate_1/4",
  "Power_rate_1/3",
  "Power_rate_1/2",
  "Power_rate_2",
  "Power_rate_3",
  "Power_rate_4",
] as const;
/** Period multipliers k of the power rates: power at k·P over power at P. */
const POWER_RATE_FACTORS = [1 / 4, 1 / 3, 1 / 2, 2, 3, 4];

/** Per-band feature names, in output order (each appears with fid 1, then fid 2). */
const BAND_FEATURE_NAMES: readonly string[] = [
  ...TURBO_FATS_FEATURE_NAMES,
  "IAR_phi",
  "GP_DRW_sigma",
  "GP_DRW_tau",
  ...MHPS_FEATURE_NAMES,
  ...SPM_FEATURE_NAMES,
  ...HARMONICS_FEATURE_NAMES,
  "Psi_CS",
  "Psi_eta",
  "Period_band",
  "delta_period",
  ...DETECTION_FEATURE_NAMES,
  ...NON_DETECTION_FEATURE_NAMES,
];

const OBJECT_FEATURE_NAMES: readonly string[] = [
  "Multiband_period",
  "PPE",
  ...POWER_RATE_NAMES,
  ...CONTEXT_FEATURE_NAMES,
  ...WISE_COLOUR_FEATURE_NAMES,
];

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

  const timeSeriesBands = [...bands.values()].filter((b) => b.tsMag.length >= MIN_BAND_POINTS);

  timed(timings, "statistics", () => {
    for (const band of timeSeriesBands) sink.setAll(computeTurboFatsFeatures(band.tsMag, band.tsMjd, band.tsErr), band.fid);
  });

  const period = timed(timings, "period", () =>
    searchMultibandPeriod(timeSeriesBands.map((b) => ({ mjd: b.tsMjd, mag: b.tsMag, err: b.tsErr }))),
  );
  if (period) {
    const P = period.bestPeriodDays;
    sink.set("Multiband_period", 0, P);
    sink.set("PPE", 0, period.ppe);
    // Power rates on the one-harmonic periodogram (ALeRCE's are on its one-harmonic MHAOV), at exact
    // frequencies. They can exceed 1 when the sub-harmonic test moved the best period (binaries).
    const p0 = period.oneHarmonicPowerAt(1 / P);
    POWER_RATE_NAMES.forEach((name, i) =>
      sink.set(name, 0, p0 > 0 ? period.oneHarmonicPowerAt(1 / (POWER_RATE_FACTORS[i]! * P)) / p0 : null),
    );
    timeSeriesBands.forEach((band, i) => {
      const pb = period.bandPeriodsDays[i] ?? null;
      sink.set("Period_band", band.fid, pb);
      sink.set("delta_period", band.fid, pb === null ? null : Math.abs(P - pb));
    });
    timed(timings, "harmonics", () => {
      for (const band of timeSeriesBands) {
        sink.setAll(computeHarmonicsFeatures(band.tsMag, band.tsMjd, band.tsErr, P), band.fid);
        sink.setAll({ ...computeFoldedFeatures(band.tsMag, band.tsMjd, P) }, band.fid);
      }
    });
  }

  timed(timings, "spm", () => {
    for (const band of bands.values()) {
      if (band.mag.length < MIN_BAND_POINTS) continue;
      const fit = fitSupernovaModel(band.mjd, band.mag, band.err);
      if (!fit) continue;
      const p = fit.parameters;
      sink.setAll(
        {
          SPM_A: p.A,
          SPM_t0: p.t0,
          SPM_gamma: p.gamma,
          SPM_beta: p.beta,
          SPM_tau_rise: p.tau_rise,
          SPM_tau_fall: p.tau_fall,
          SPM_chi: fit.chi,
        },
        band.fid,
      );
    }
  });

  timed(timings, "drw_iar", () => {
    for (const band of timeSeriesBands) {
      const drw = fitDampedRandomWalk(band.tsMjd, band.tsMag, band.tsErr);
      sink.setAll({ GP_DRW_sigma: drw?.sigma, GP_DRW_tau: drw?.tau, IAR_phi: fitIarPhi(band.tsMjd, band.tsMag, band.tsErr) }, band.fid);
    }
  });

  timed(timings, "mhps", () => {
    for (const band of timeSeriesBands) {
      const mhps = computeMhpsFeatures(band.tsMjd, band.tsMag, band.tsErr);
      if (mhps) sink.setAll({ ...mhps }, band.fid);
    }
  });

  timed(timings, "colours_context", () => {
    sink.setAll(computeGrColourFeatures(g, r), 12);
    sink.setAll(computeWiseColourFeatures(input.context, g, r), 0);
    sink.setAll(computeContextFeatures(input.context, [...bands.values()]), 0);
  });

  return LC_FEATURE_KEYS.map(({ name, fid }) => ({ name, fid, value: sink.values.get(keyOf(name, fid)) ?? null }));
}
