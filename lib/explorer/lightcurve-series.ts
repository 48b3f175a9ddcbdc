import type { LightcurveDetection, LightcurveNonDetection } from "../objects/get-object-lightcurve";
import type { LightcurveMode } from "./object-view-state";

/** One band's points in one light-curve mode, ready for plotting. */
export interface LightcurveSeries {
  fid: number;
  /** "cycle2": the folded detections again, one phase later (a fold shows two cycles). */
  kind: "detection" | "cycle2" | "limit";
  x: number[];
  y: number[];
  /** 1σ errors (detections only; 0 when the value has none). */
  error: number[];
  /** candid of each point (detections only). */
  candids: string[];
}

export interface LightcurveView {
  xTitle: string;
  yTitle: string;
  /** Magnitudes grow downwards. */
  yReversed: boolean;
  /** Plotly tick format of x: whole MJDs unless the points span too little time for them to differ. */
  xTickFormat: string;
  /** Fixed x range (folded: two cycles), or null for autorange. */
  xRange: [number, number] | null;
  series: LightcurveSeries[];
  /** Detections left out because the mode has no value for them (e.g. no corrected magnitude). */
  omitted: number;
  /** Why nothing can be plotted in this mode (e.g. no corrected magnitudes), else null. */
  emptyReason: string | null;
}

/** What a light-curve view needs of a detection (sigmapsfCorrExt is optional: SN Hunter's light curves do without it). */
export type PlottableDetection = Pick<
  LightcurveDetection,
  "candid" | "mjd" | "fid" | "magpsf" | "sigmapsf" | "isdiffpos" | "magpsfCorr" | "sigmapsfCorr"
> & { sigmapsfCorrExt?: number | null };

/** ZTF magnitudes are AB: flux density in µJy = 10^((23.9 − m) / 2.5). */
export const AB_ZEROPOINT_UJY_MAG = 23.9;
export const magToMicroJansky = (mag: number) => 10 ** ((AB_ZEROPOINT_UJY_MAG - mag) / 2.5);
const MAG_ERROR_TO_RELATIVE_FLUX = Math.LN10 / 2.5;
/** A fold shows this many cycles, so features at phase 0 and 1 read as one shape. */
export const FOLD_CYCLES = 2;

/** Phase in [0, 1) of mjd folded on periodDays from epoch t0. */
export function phaseOf(mjd: number, periodDays: number, t0: number): number {
  const phase = ((mjd - t0) / periodDays) % 1;
  return phase < 0 ? phase + 1 : phase;
}

/** Error of the apparent magnitude: sigmapsf_corr, else sigmapsf_corr_ext (set for stellar objects, as ALeRCE plots them). */
export function apparentMagError(d: Pick<PlottableDetection, "sigmapsfCorr" | "sigmapsfCorrExt">): number | null {
  return d.sigmapsfCorr ?? d.sigmapsfCorrExt ?? null;
}

/** Signed difference flux (µJy) and its 1σ error: negative when the source is fainter than in the reference image. */
export function signedDifferenceFlux(d: Pick<LightcurveDetection, "magpsf" | "sigmapsf" | "isdiffpos">): { flux: number; error: number } {
  const flux = magToMicroJansky(d.magpsf);
  return { flux: (d.isdiffpos < 0 ? -1 : 1) * flux, error: flux * MAG_ERROR_TO_RELATIVE_FLUX * d.sigmapsf };
}

/**
 * The longest period worth offering for a fold: half the time the detections span (a fold needs at
 * least two cycles of data to show anything periodic). Null with fewer than two epochs.
 */
export function longestFoldPeriodDays(detections: readonly Pick<LightcurveDetection, "mjd">[]): number | null {
  if (detections.length < 2) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const d of detections) {
    min = Math.min(min, d.mjd);
    max = Math.max(max, d.mjd);
  }
  return max > min ? (max - min) / 2 : null;
}

/**
 * Whole MJDs, unless the points span under two days (then the labels would repeat): enough decimals
 * that every tick is a multiple of their last digit. Plotly (and the static preview) draw at most
 * about ten ticks and round the step to 1, 2 or 5 × 10^k, so the step is at least span / 25; with
 * 10^-decimals ≤ span / 25 no two tick labels are equal. A single epoch (plotly shows about a day
 * around it) gets one decimal; at most five (0.9 s).
 */
export function mjdTickFormat(xs: readonly number[]): string {
  if (xs.length === 0) return "d";
  const span = Math.max(...xs) - Math.min(...xs);
  if (span >= 2) return "d";
  if (span === 0) return ".1f";
  const decimals = Math.min(5, Math.max(1, Math.ceil(-Math.log10(span / 25) - 1e-9)));
  return `.${decimals}f`;
}

export interface LightcurveViewOptions {
  /** Folding period (folded mode). */
  periodDays?: number | null;
  /** The object is flagged corrected (a source in the reference image): folds use apparent magnitudes. */
  corrected?: boolean;
}

/**
 * The light curve in one of the Explorer's modes:
 * - diff: difference magnitude (magpsf) with upper limits;
 * - apparent: corrected magnitude (magpsf_corr) of every detection that has one;
 * - folded: phase on periodDays (epoch = first detection), two cycles; apparent magnitudes for a
 *   corrected object, else signed difference flux (a variable star crossing its reference flux has
 *   unsigned difference magnitudes that fold its light curve onto itself);
 * - flux: signed difference flux in µJy (isdiffpos), upper limits as flux limits.
 */
export function buildLightcurveView(
  detections: readonly PlottableDetection[],
  nonDetections: readonly LightcurveNonDetection[],
  mode: LightcurveMode,
  options: LightcurveViewOptions = {},
): LightcurveView {
  const periodDays = options.periodDays ?? null;
  const corrected = options.corrected ?? false;
  const fids = [...new Set([...detections.map((d) => d.fid), ...nonDetections.map((n) => n.fid)])].sort((a, b) => a - b);
  const t0 = detections.reduce((m, d) => Math.min(m, d.mjd), Number.POSITIVE_INFINITY);
  const folded = mode === "folded" && periodDays !== null && periodDays > 0;
  const foldOnApparent = mode === "folded" && corrected;
  const series: LightcurveSeries[] = [];
  let omitted = 0;

  const apparentPoint = (d: PlottableDetection): { y: number; error: number } | null =>
    d.magpsfCorr === null ? null : { y: d.magpsfCorr, error: apparentMagError(d) ?? 0 };
  const fluxPoint = (d: PlottableDetection) => {
    const { flux, error } = signedDifferenceFlux(d);
    return { y: flux, error };
  };
  const detectionPoint = (d: PlottableDetection): { y: number; error: number } | null => {
    switch (mode) {
      case "apparent":
        return apparentPoint(d);
      case "folded":
        return foldOnApparent ? apparentPoint(d) : fluxPoint(d);
      case "flux":
        return fluxPoint(d);
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
    if (det.x.length > 0) {
      series.push(det);
      if (folded) for (let cycle = 1; cycle < FOLD_CYCLES; cycle++) series.push({ ...det, kind: "cycle2", x: det.x.map((x) => x + cycle) });
    }
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

  const onFlux = mode === "flux" || (mode === "folded" && !foldOnApparent);
  const yTitle = onFlux
    ? "Difference flux (µJy)"
    : mode === "apparent" || foldOnApparent
      ? "Apparent magnitude (corrected)"
      : "Difference magnitude";
  const plottedDetections = series.some((s) => s.kind === "detection");
  const emptyReason =
    plottedDetections || (mode !== "apparent" && !foldOnApparent)
      ? null
      : detections.length === 0
        ? "No detections."
        : "No corrected magnitudes: no detection of this object has an apparent magnitude (it has no source in the reference image). The difference magnitude and flux modes show its light curve.";
  return {
    xTitle: folded ? `Phase (P = ${periodDays.toPrecision(6)} d)` : "MJD",
    yTitle,
    yReversed: !onFlux,
    xTickFormat: folded ? ".2f" : mjdTickFormat(series.flatMap((s) => s.x)),
    xRange: folded ? [0, FOLD_CYCLES] : null,
    series,
    omitted,
    emptyReason,
  };
}
