/**
 * Object-level context features: galactic coordinates (gal_l, gal_b), the PS1 star/galaxy score of
 * the nearest source (sgscore1) and the median real/bogus score of the kept detections (rb).
 */
import { equatorialToGalactic } from "../coords/sky-coordinates";
import type { BandLightcurve } from "./prepare-lightcurve";
import type { FeatureObjectContext } from "./types";
import { median } from "./statistics";

export const CONTEXT_FEATURE_NAMES = ["gal_b", "gal_l", "rb", "sgscore1"] as const;
export type ContextFeatureName = (typeof CONTEXT_FEATURE_NAMES)[number];

export function computeContextFeatures(
  context: FeatureObjectContext,
  bands: readonly BandLightcurve[],
): Record<ContextFeatureName, number | null> {
  let galL: number | null = null;
  let galB: number | null = null;
  if (Number.isFinite(context.raDeg) && Number.isFinite(context.decDeg) && Math.abs(context.decDeg) <= 90) {
    const { l, b } = equatorialToGalactic(context.raDeg, context.decDeg);
    galL = l;
    galB = b;
  }
  const rbs = bands.flatMap((b) => b.rb);
  // PS1 reports −999 for "no source": treat as missing.
  const sg = context.sgscore1 !== null && Number.isFinite(context.sgscore1) && context.sgscore1 >= 0 ? context.sgscore1 : null;
  return { gal_b: galB, gal_l: galL, rb: rbs.length > 0 ? median(rbs) : null, sgscore1: sg };
}
