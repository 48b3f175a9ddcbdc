/**
 * Object-level colours: ZTF g − r (ALeRCE's ColorFeatureExtractor) and AllWISE colours
 * (WiseStaticExtractor), as described in shared/notes/ml.md §4.
 *
 * - `g-r_max` = min(g) − min(r) (colour of the brightest points) and `g-r_mean` = mean(g) − mean(r),
 *   on difference magnitudes (magpsf); `_corr` repeats both on corrected magnitudes and is null
 *   unless both bands have corrected detections (ALeRCE stores NaN there).
 * - WISE: W1−W2, W2−W3 from the counterpart; g−W2, g−W3, r−W2, r−W3 with the band's mean apparent
 *   magnitude (mean magpsf_corr when the band has corrected detections, else mean magpsf). ZTF is
 *   AB and AllWISE Vega; like ALeRCE, no conversion is applied (the classifier only needs consistency).
 */
import type { BandLightcurve } from "./prepare-lightcurve";
import type { FeatureObjectContext } from "./types";
import { mean } from "./statistics";

export const GR_COLOUR_FEATURE_NAMES = ["g-r_max", "g-r_max_corr", "g-r_mean", "g-r_mean_corr"] as const;
export const WISE_COLOUR_FEATURE_NAMES = ["W1-W2", "W2-W3", "g-W2", "g-W3", "r-W2", "r-W3"] as const;
export type GrColourFeatureName = (typeof GR_COLOUR_FEATURE_NAMES)[number];
export type WiseColourFeatureName = (typeof WISE_COLOUR_FEATURE_NAMES)[number];

function minOf(x: Float64Array): number {
  let m = Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! < m) m = x[i]!;
  return m;
}

export function computeGrColourFeatures(
  g: BandLightcurve | undefined,
  r: BandLightcurve | undefined,
): Record<GrColourFeatureName, number | null> {
  const out: Record<GrColourFeatureName, number | null> = {
    "g-r_max": null,
    "g-r_max_corr": null,
    "g-r_mean": null,
    "g-r_mean_corr": null,
  };
  if (g && r && g.mag.length > 0 && r.mag.length > 0) {
    out["g-r_max"] = minOf(g.mag) - minOf(r.mag);
    out["g-r_mean"] = mean(g.mag) - mean(r.mag);
  }
  if (g && r && g.corrMag.length > 0 && r.corrMag.length > 0) {
    out["g-r_max_corr"] = minOf(g.corrMag) - minOf(r.corrMag);
    out["g-r_mean_corr"] = mean(g.corrMag) - mean(r.corrMag);
  }
  return out;
}

function apparentMeanMag(band: BandLightcurve | undefined): number | null {
  if (!band) return null;
  if (band.corrMag.length > 0) return mean(band.corrMag);
  if (band.mag.length > 0) return mean(band.mag);
  return null;
}

function diff(a: number | null | undefined, b: number | null | undefined): number | null {
  return a !== null && a !== undefined && b !== null && b !== undefined && Number.isFinite(a) && Number.isFinite(b) ? a - b : null;
}

export function computeWiseColourFeatures(
  context: FeatureObjectContext,
  g: BandLightcurve | undefined,
  r: BandLightcurve | undefined,
): Record<WiseColourFeatureName, number | null> {
  const w = context.wise ?? null;
  const gm = apparentMeanMag(g);
  const rm = apparentMeanMag(r);
  return {
    "W1-W2": diff(w?.w1, w?.w2),
    "W2-W3": diff(w?.w2, w?.w3),
    "g-W2": diff(gm, w?.w2),
    "g-W3": diff(gm, w?.w3),
    "r-W2": diff(rm, w?.w2),
    "r-W3": diff(rm, w?.w3),
  };
}
