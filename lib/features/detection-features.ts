/**
 * ALeRCE's supernova detection features of one band (SNDetectionsExtractor, described in
 * shared/notes/ml.md §4), on the preprocessed difference magnitudes (magpsf).
 */
import type { BandLightcurve } from "./prepare-lightcurve";
import { mean } from "./statistics";

export const DETECTION_FEATURE_NAMES = [
  "delta_mag_fid",
  "delta_mjd_fid",
  "first_mag",
  "mean_mag",
  "min_mag",
  "n_det",
  "n_neg",
  "n_pos",
  "positive_fraction",
] as const;
export type DetectionFeatureName = (typeof DETECTION_FEATURE_NAMES)[number];

/** Null for every feature when the band has no detection. */
export function computeDetectionFeatures(band: BandLightcurve): Record<DetectionFeatureName, number | null> {
  const n = band.mag.length;
  if (n === 0) {
    return {
      delta_mag_fid: null,
      delta_mjd_fid: null,
      first_mag: null,
      mean_mag: null,
      min_mag: null,
      n_det: null,
      n_neg: null,
      n_pos: null,
      positive_fraction: null,
    };
  }
  let lo = Infinity;
  let hi = -Infinity;
  let nPos = 0;
  let nNeg = 0;
  for (let i = 0; i < n; i++) {
    const m = band.mag[i]!;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
    if (band.isdiffpos[i]! > 0) nPos++;
    else nNeg++;
  }
  return {
    delta_mag_fid: hi - lo,
    delta_mjd_fid: band.mjd[n - 1]! - band.mjd[0]!,
    first_mag: band.mag[0]!,
    mean_mag: mean(band.mag),
    min_mag: lo,
    n_det: n,
    n_neg: nNeg,
    n_pos: nPos,
    positive_fraction: nPos / n,
  };
}
