// LSST light curves as the light-curve features (lib/features) read them (ADR 0041): the ZTF-trained
// forest knows g and r only, so Rubin's g and r PSF fluxes in nJy become AB magnitudes, m = 31.4 −
// 2.5 log10 f, in ZTF's difference-image convention (magnitude of |flux|, its sign in isdiffpos); the
// flux on the science image becomes the "corrected" (apparent) magnitude; forced photometry below
// 5σ at a visit without a detection becomes an upper limit at 5σ (ZTF's diffmaglim). u, i, z and y
// are left out (no column of the model is computed from them). Rubin's reliability is not trusted
// by brokers yet and is not used (rb null).
import { fluxErrNJyToMagErr, fluxNJyToMagAb } from "../../photometry/ab-magnitude";
import type { FeatureDetection, FeatureNonDetection } from "../../features/types";

/** The Rubin bands the ZTF-trained model has columns for, and the ZTF fid each maps to. */
export const LSST_BANDS_FOR_ZTF_MODEL: Readonly<Record<string, 1 | 2>> = { g: 1, r: 2 };

/** Detections of an upper limit: forced photometry with |flux| / σ below this is a non-detection (ZTF's 5σ diffmaglim). */
export const LSST_UPPER_LIMIT_SIGMA = 5;

export interface LsstFluxPoint {
  mjd: number;
  band: string;
  psf_flux_njy: number | null;
  psf_flux_err_njy: number | null;
  science_flux_njy: number | null;
  science_flux_err_njy: number | null;
}

/**
 * One LSST diaSource as a feature detection, or null when it cannot be one (band other than g or r,
 * zero or missing flux or error).
 */
export function lsstFeatureDetection(source: LsstFluxPoint & { dia_source_id?: bigint | string }): FeatureDetection | null {
  const fid = LSST_BANDS_FOR_ZTF_MODEL[source.band];
  const f = source.psf_flux_njy;
  const e = source.psf_flux_err_njy;
  if (fid === undefined || f === null || e === null || !Number.isFinite(f) || f === 0 || !(e > 0)) return null;
  const magpsf = fluxNJyToMagAb(Math.abs(f))!;
  const sigmapsf = fluxErrNJyToMagErr(Math.abs(f), e)!;
  const magCorr = fluxNJyToMagAb(source.science_flux_njy);
  const sigmaCorr = fluxErrNJyToMagErr(source.science_flux_njy, source.science_flux_err_njy);
  const corrected = magCorr !== null && sigmaCorr !== null;
  return {
    mjd: source.mjd,
    fid,
    magpsf,
    sigmapsf,
    magpsf_corr: corrected ? magCorr : null,
    sigmapsf_corr: corrected ? sigmaCorr : null,
    sigmapsf_corr_ext: corrected ? sigmaCorr : null,
    isdiffpos: f > 0 ? 1 : -1,
    corrected,
    dubious: false,
    rb: null,
    candid: source.dia_source_id === undefined ? null : String(source.dia_source_id),
  };
}

/**
 * Upper limits from forced photometry: g/r measurements below 5σ at a time with no detection in the
 * same band; the limit is the AB magnitude of 5σ.
 */
export function lsstFeatureNonDetections(forced: readonly LsstFluxPoint[], detections: readonly FeatureDetection[]): FeatureNonDetection[] {
  const detected = new Set(detections.map((d) => `${d.fid}|${d.mjd.toFixed(5)}`));
  const out: FeatureNonDetection[] = [];
  for (const s of forced) {
    const fid = LSST_BANDS_FOR_ZTF_MODEL[s.band];
    const f = s.psf_flux_njy;
    const e = s.psf_flux_err_njy;
    if (fid === undefined || f === null || e === null || !Number.isFinite(f) || !(e > 0)) continue;
    if (Math.abs(f) / e >= LSST_UPPER_LIMIT_SIGMA || detected.has(`${fid}|${s.mjd.toFixed(5)}`)) continue;
    out.push({ mjd: s.mjd, fid, diffmaglim: fluxNJyToMagAb(LSST_UPPER_LIMIT_SIGMA * e)! });
  }
  return out.sort((a, b) => a.mjd - b.mjd);
}
