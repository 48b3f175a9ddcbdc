import type { LightcurveDetection, LightcurveNonDetection } from "../objects/get-object-lightcurve";
import type { LightcurveMode } from "./object-view-state";

/** One band's points in one light-curve mode, ready for plotting. */
export interface LightcurveSeries {
  fid: number;
  kind: "detection" | "limit";
  x: number[];
  y: number[];
  /** 1σ errors (detections only). */
  error: number[];
  /** candid of each point (detections only). */
  candids: string[];
}

export interface LightcurveView {
  xTitle: string;
  yTitle: string;
  /** Magnitudes grow downwards. */
  yReversed: boolean;
  series: LightcurveSeries[];
  /** Detections left out because the mode has no value for them (e.g. not corrected). */
  omitted: number;
}

/** ZTF magnitudes are AB: flux density in µJy = 10^((23.9 − m) / 2.5). */
export const AB_ZEROPOINT_UJY_MAG = 23.9;
export const magToMicroJansky = (mag: number) => 10 ** ((AB_ZEROPOINT_UJY_MAG - mag) / 2.5);
const MAG_ERROR_TO_RELATIVE_FLUX = Math.LN10 / 2.5;

/** Phase in [0, 1) of mjd folded on periodDays from epoch t0. */
export function phaseOf(mjd: number, periodDays: number, t0: number): number {
  const phase = ((mjd - t0) / periodDays) % 1;
  return phase < 0 ? phase + 1 : phase;
}

/**
 * The light curve in one of the Explorer's modes:
 * - diff: difference magnitude (magpsf) with upper limits;
 * - apparent: corrected magnitude (magpsf_corr) of corrected detections;
 * - folded: phase on periodDays (epoch = first detection), apparent magnitude when every
 *   detection is corrected, else the difference magnitude;
 * - flux: signed difference flux in µJy (isdiffpos), upper limits as flux limits.
 */
export function buildLightcurveView(
  detections: readonly LightcurveDetection[],
  nonDetections: readonly LightcurveNonDetection[],
  mode: LightcurveMode,
  periodDays: number | null = null,
): LightcurveView {
  const fids = [...new Set([...detections.map((d) => d.fid), ...nonDetections.map((n) => n.fid)])].sort((a, b) => a - b);
  const allCorrected = detections.length > 0 && detections.every((d) => d.magpsfCorr !== null && d.sigmapsfCorr !== null);
  const t0 = detections.reduce((m, d) => Math.min(m, d.mjd), Number.POSITIVE_INFINITY);
  const folded = mode === "folded" && periodDays !== null && periodDays > 0;
  const series: LightcurveSeries[] = [];
  let omitted = 0;

  const detectionPoint = (d: LightcurveDetection): { y: number; error: number } | null => {
    switch (mode) {
      case "apparent":
        return d.magpsfCorr === null || d.sigmapsfCorr === null ? null : { y: d.magpsfCorr, error: d.sigmapsfCorr };
      case "folded":
        return allCorrected ? { y: d.magpsfCorr!, error: d.sigmapsfCorr! } : { y: d.magpsf, error: d.sigmapsf };
      case "flux": {
        const flux = magToMicroJansky(d.magpsf);
        return { y: (d.isdiffpos < 0 ? -1 : 1) * flux, error: flux * MAG_ERROR_TO_RELATIVE_FLUX * d.sigmapsf };
      }
      default:
        return { y: d.magpsf, error: d.sigmapsf };
    }
  };

  for (const fid of fids) {
    const det: LightcurveSeries = { fid, kind: "detection", x: [], y: [], error: [], candids: [] };
    for (const d of detections) {
      if (d.fid !== fid) continue;
      const point = detectionPoint(d);
      if (!point) {
        omitted++;
        continue;
      }
      det.x.push(folded ? phaseOf(d.mjd, periodDays, t0) : d.mjd);
      det.y.push(point.y);
      det.error.push(point.error);
      det.candids.push(d.candid);
    }
    if (det.x.length > 0) series.push(det);
    if (mode === "diff" || mode === "flux") {
      const limits = nonDetections.filter((n) => n.fid === fid);
      if (limits.length > 0) {
        series.push({
          fid,
          kind: "limit",
          x: limits.map((n) => n.mjd),
          y: limits.map((n) => (mode === "flux" ? magToMicroJansky(n.diffmaglim) : n.diffmaglim)),
          error: [],
          candids: [],
        });
      }
    }
  }

  const yTitle =
    mode === "flux"
      ? "Difference flux (µJy)"
      : mode === "apparent" || (mode === "folded" && allCorrected)
        ? "Apparent magnitude (corrected)"
        : "Difference magnitude";
  return {
    xTitle: folded ? `Phase (P = ${periodDays.toPrecision(6)} d)` : "MJD",
    yTitle,
    yReversed: mode !== "flux",
    series,
    omitted,
  };
}
