/**
 * ALeRCE's non-detection features of one band (SNNonDetectionsExtractor, described in
 * shared/notes/ml.md §4): upper limits (diffmaglim) of the band before and after its first kept
 * detection, compared with its first and brightest difference magnitudes.
 */
import type { BandLightcurve } from "./prepare-lightcurve";
import type { FeatureNonDetection } from "./types";
import { median } from "./statistics";

export const NON_DETECTION_FEATURE_NAMES = [
  "n_non_det_before_fid",
  "max_diffmaglim_before_fid",
  "median_diffmaglim_before_fid",
  "last_diffmaglim_before_fid",
  "last_mjd_before_fid",
  "dmag_non_det_fid",
  "dmag_first_det_fid",
  "n_non_det_after_fid",
  "max_diffmaglim_after_fid",
  "median_diffmaglim_after_fid",
] as const;
export type NonDetectionFeatureName = (typeof NON_DETECTION_FEATURE_NAMES)[number];

/**
 * Counts are 0 when there is no limit on that side; the statistics of an empty side are null.
 * Everything is null when the band has no detection (no "first detection" to compare with).
 */
export function computeNonDetectionFeatures(
  band: BandLightcurve,
  nonDetections: readonly FeatureNonDetection[],
): Record<NonDetectionFeatureName, number | null> {
  const out: Record<NonDetectionFeatureName, number | null> = {
    n_non_det_before_fid: null,
    max_diffmaglim_before_fid: null,
    median_diffmaglim_before_fid: null,
    last_diffmaglim_before_fid: null,
    last_mjd_before_fid: null,
    dmag_non_det_fid: null,
    dmag_first_det_fid: null,
    n_non_det_after_fid: null,
    max_diffmaglim_after_fid: null,
    median_diffmaglim_after_fid: null,
  };
  const n = band.mag.length;
  if (n === 0) return out;
  const firstMjd = band.mjd[0]!;
  const firstMag = band.mag[0]!;
  let minMag = Infinity;
  for (let i = 0; i < n; i++) minMag = Math.min(minMag, band.mag[i]!);

  const before: number[] = [];
  const after: number[] = [];
  let lastMjd = -Infinity;
  let lastLim = NaN;
  for (const nd of nonDetections) {
    if (nd.fid !== band.fid || !Number.isFinite(nd.mjd) || !Number.isFinite(nd.diffmaglim)) continue;
    if (nd.mjd < firstMjd) {
      before.push(nd.diffmaglim);
      if (nd.mjd > lastMjd) {
        lastMjd = nd.mjd;
        lastLim = nd.diffmaglim;
      }
    } else if (nd.mjd > firstMjd) {
      after.push(nd.diffmaglim);
    }
  }
  out.n_non_det_before_fid = before.length;
  out.n_non_det_after_fid = after.length;
  if (before.length > 0) {
    const med = median(before);
    out.max_diffmaglim_before_fid = before.reduce((a, b) => Math.max(a, b), -Infinity);
    out.median_diffmaglim_before_fid = med;
    out.last_diffmaglim_before_fid = lastLim;
    out.last_mjd_before_fid = lastMjd;
    out.dmag_non_det_fid = med - minMag;
    out.dmag_first_det_fid = lastLim - firstMag;
  }
  if (after.length > 0) {
    out.max_diffmaglim_after_fid = after.reduce((a, b) => Math.max(a, b), -Infinity);
    out.median_diffmaglim_after_fid = median(after);
  }
  return out;
}
