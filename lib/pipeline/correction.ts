/**
 * Correction step: from difference-image magnitudes to apparent magnitudes, for ZTF detections.
 *
 * Modelled on ALeRCE (read to learn, not copied):
 *  - alercebroker/pipeline @ 9a728060bb78cb4595578eefd49cd8f1a25aacd7 (2026-02-13):
 *    correction_step/correction/core/strategy/ztf.py (last changed in 74663bb46, 2024-11-24) and
 *    correction_step/README.md: the formula, the thresholds, the dubious rule, ±inf stored as 100.
 *  - alercebroker/lc_correction @ fa556a54baba647a5c026d3dd7b182aca18fc46e (2021-01-08):
 *    lc_correction/compute.py (correction, near_stellar, is_stellar, is_dubious), the library
 *    behind ALeRCE's "corr_bulk_0.0.1" ZTF rows; lib/pipeline/__fixtures__ holds some of those rows.
 *
 * The corrected magnitude adds the flux of the reference source (magnr, the nearest source in the
 * reference image's PSF catalogue) to the signed difference flux:
 *   f_nr = 10^(-0.4 magnr), f_psf = 10^(-0.4 magpsf), f = f_nr + isdiffpos * f_psf
 *   magpsf_corr       = -2.5 log10(f)
 *   sigmapsf_corr     = sqrt((f_psf sigmapsf)^2 - (f_nr sigmagnr)^2) / f
 *   sigmapsf_corr_ext = f_psf sigmapsf / f            (the error for an extended reference source)
 *
 * Deliberate differences from ALeRCE:
 *  - Non-physical results are stored as null, not as ALeRCE's 100 ("zero flux") sentinel: total
 *    flux f <= 0 (ALeRCE: 100 for all three values) and negative variance (ALeRCE: sigmapsf_corr =
 *    100). A 100 would leak into magstats (magmax_corr, magmean_corr) and colours and into plots as
 *    a 100-mag error bar; PostgreSQL and JSON cannot take the Infinity that ALeRCE computes first.
 *    Negative variance is common for sources on bright reference stars (most corrected detections
 *    of the 2018-11-29 fixture night): sigmapsf_corr_ext is still given then.
 *  - isStellar follows lc_correction's intended test, -0.13 < sharpnr < 0.1 and 0 <= distpsnr1 < 1.4.
 *    The current pipeline writes `(SHARPNR_MIN < sharpnr) < SHARPNR_MAX`, which pandas evaluates as
 *    `(bool) < 0.1`, i.e. sharpnr <= -0.13, and `distpsnr1 < 1.4` without a lower bound, so ZTF's
 *    -999 "no PS1 source" counts as near. (Cielo's parser turns -999 into null.)
 *  - Every detection of the object is (re)corrected on each call, while ALeRCE corrects only new
 *    detections and keeps stored flags; the results are the same except that a late-arriving earlier
 *    detection changes "the first detection of the band" for the dubious flag of all of them here.
 *  - ALeRCE also maps magpsf == 100 (forced-photometry zero flux) to inf; alert magpsf never is 100.
 *
 * distnr: the ZTF candidate schema documents it in pixels, fp_hists in arcsec; ZTF pixels are
 * 1.01", and ALeRCE (like this module) compares it with 1.4 as arcsec.
 */
import type { Detection } from "../generated/prisma/client";

/** A detection is corrected when its nearest reference-catalogue source is closer than this. */
export const DISTANCE_THRESHOLD_ARCSEC = 1.4;
/** PS1 star/galaxy score above which the PS1 neighbour counts as a star. */
export const SGSCORE_THRESHOLD = 0.4;
/** DAOPhot chi of the ZTF reference source below which it counts as point-like. */
export const CHINR_THRESHOLD = 2;
/** DAOPhot sharpness range (exclusive) of a point-like ZTF reference source. */
export const SHARPNR_MIN = -0.13;
export const SHARPNR_MAX = 0.1;
/** ALeRCE's stored value for an infinite corrected magnitude or error; Cielo stores null instead. */
export const ALERCE_ZERO_FLUX_MAG = 100;

export interface MagnitudeInput {
  magnr: number | null;
  sigmagnr: number | null;
  magpsf: number;
  sigmapsf: number;
  /** +1 positive subtraction (science - reference), -1 negative. */
  isdiffpos: number;
}

export interface CorrectedMagnitude {
  magpsf_corr: number | null;
  sigmapsf_corr: number | null;
  sigmapsf_corr_ext: number | null;
}

export interface StellarInput {
  distnr: number | null;
  distpsnr1: number | null;
  sgscore1: number | null;
  chinr: number | null;
  sharpnr: number | null;
}

const finite = (value: number | null | undefined): value is number => typeof value === "number" && Number.isFinite(value);

const NO_CORRECTION: CorrectedMagnitude = { magpsf_corr: null, sigmapsf_corr: null, sigmapsf_corr_ext: null };

/** Whether the nearest ZTF reference source is within 1.4": only then is the magnitude corrected. */
export function isCorrected(distnr: number | null | undefined): boolean {
  return finite(distnr) && distnr >= 0 && distnr < DISTANCE_THRESHOLD_ARCSEC;
}

/**
 * Apparent magnitude and errors from the difference magnitude and the reference source's magnitude.
 * Returns nulls where the result is not physical (see the header) or an input is missing.
 */
export function correctMagnitude(input: MagnitudeInput): CorrectedMagnitude {
  const { magnr, sigmagnr, magpsf, sigmapsf } = input;
  // lc_correction returns NaN for negative magnitudes (never seen in real alerts).
  if (!finite(magnr) || !finite(magpsf) || magnr < 0 || magpsf < 0) return NO_CORRECTION;
  const sign = input.isdiffpos > 0 ? 1 : -1;
  const fluxRef = 10 ** (-0.4 * magnr);
  const fluxDiff = 10 ** (-0.4 * magpsf);
  const total = fluxRef + sign * fluxDiff;
  if (!(total > 0)) return NO_CORRECTION;

  const magpsf_corr = -2.5 * Math.log10(total);
  let sigmapsf_corr: number | null = null;
  let sigmapsf_corr_ext: number | null = null;
  if (finite(sigmapsf)) {
    sigmapsf_corr_ext = (fluxDiff * sigmapsf) / total;
    if (finite(sigmagnr)) {
      const variance = (fluxDiff * sigmapsf) ** 2 - (fluxRef * sigmagnr) ** 2;
      if (variance >= 0) sigmapsf_corr = Math.sqrt(variance) / total;
    }
  }
  return { magpsf_corr, sigmapsf_corr, sigmapsf_corr_ext };
}

/**
 * Likely stellar: near a ZTF reference source and either near a PS1 source with a star-like
 * sgscore1, or (no PS1 source within 1.4") the ZTF reference source is point-like.
 */
export function isStellar(input: StellarInput): boolean {
  const nearZtf = isCorrected(input.distnr);
  const nearPs1 = finite(input.distpsnr1) && input.distpsnr1 >= 0 && input.distpsnr1 < DISTANCE_THRESHOLD_ARCSEC;
  const stellarPs1 = finite(input.sgscore1) && input.sgscore1 > SGSCORE_THRESHOLD;
  const stellarZtf =
    finite(input.chinr) &&
    input.chinr < CHINR_THRESHOLD &&
    finite(input.sharpnr) &&
    input.sharpnr > SHARPNR_MIN &&
    input.sharpnr < SHARPNR_MAX;
  return nearZtf && ((nearPs1 && stellarPs1) || (!nearPs1 && stellarZtf));
}

/**
 * ALeRCE's dubious flag: a negative difference without a reference source to subtract from, or a
 * correction state different from that of the first detection in the same band.
 */
export function isDubious(args: { corrected: boolean; isdiffpos: number; firstCorrected: boolean }): boolean {
  const negative = args.isdiffpos < 0;
  return (!args.corrected && negative) || (args.firstCorrected && !args.corrected) || (!args.firstCorrected && args.corrected);
}

/** Earlier in time; ties broken by candid so that the choice does not depend on input order. */
export function detectionBefore(a: Pick<Detection, "mjd" | "candid">, b: Pick<Detection, "mjd" | "candid">): boolean {
  return a.mjd < b.mjd || (a.mjd === b.mjd && a.candid < b.candid);
}

/** Compares by (mjd, candid), for sorting. */
export function compareDetections(a: Pick<Detection, "mjd" | "candid">, b: Pick<Detection, "mjd" | "candid">): number {
  if (detectionBefore(a, b)) return -1;
  return detectionBefore(b, a) ? 1 : 0;
}

/** The part of the correction that depends only on the detection itself (everything but `dubious`). */
export function correctionOf(
  d: Pick<Detection, "distnr" | "magnr" | "sigmagnr" | "magpsf" | "sigmapsf" | "isdiffpos">,
): CorrectedMagnitude & { corrected: boolean } {
  const corrected = isCorrected(d.distnr);
  const magnitudes = corrected
    ? correctMagnitude({ magnr: d.magnr, sigmagnr: d.sigmagnr, magpsf: d.magpsf, sigmapsf: d.sigmapsf, isdiffpos: d.isdiffpos })
    : NO_CORRECTION;
  return { ...magnitudes, corrected };
}

/**
 * Corrects all detections of ONE object: magpsf_corr / sigmapsf_corr / sigmapsf_corr_ext (null when
 * not corrected), corrected and dubious. Input order may be arbitrary; the output has the same
 * order and length (new objects, the input is not modified). Other fields are copied unchanged.
 */
export function correctDetections(detections: readonly Detection[]): Detection[] {
  const oid = detections[0]?.oid;
  if (detections.some((d) => d.oid !== oid)) throw new Error(`correctDetections: detections of more than one object (${oid}, ...)`);

  const firstByFid = new Map<number, Detection>();
  for (const d of detections) {
    const first = firstByFid.get(d.fid);
    if (first === undefined || detectionBefore(d, first)) firstByFid.set(d.fid, d);
  }

  return detections.map((d) => {
    const first = firstByFid.get(d.fid) ?? d;
    const correction = correctionOf(d);
    return {
      ...d,
      ...correction,
      dubious: isDubious({ corrected: correction.corrected, isdiffpos: d.isdiffpos, firstCorrected: isCorrected(first.distnr) }),
    };
  });
}
