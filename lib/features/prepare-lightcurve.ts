/**
 * Preprocessing before feature extraction, as ALeRCE's ZTF detections preprocessor
 * (alercebroker/lc_classifier, late_classifier/features/preprocess/preprocess_ztf.py; read to
 * learn, not copied): keep g and r, drop duplicate (band, mjd) rows, rows with a NaN/Inf value,
 * errors outside (0, 1) mag, bogus detections (rb < 0.55) and — Cielo's ingest flags them —
 * dubious corrections. Rows with an unknown rb (simulated light curves) are kept.
 *
 * The result holds, per band, time-sorted Float64Arrays of the difference magnitude (magpsf,
 * sigmapsf) used by most features, and separately the corrected (apparent) magnitudes of the
 * detections that have one (magpsf_corr, sigmapsf_corr_ext, else sigmapsf_corr).
 */
import type { BandId, FeatureDetection } from "./types";

export const FEATURE_BANDS: readonly BandId[] = [1, 2];
/** ALeRCE's real/bogus threshold. */
export const RB_THRESHOLD = 0.55;
/** ALeRCE's largest accepted magnitude error. */
export const MAX_SIGMA_MAG = 1.0;

export interface BandLightcurve {
  fid: BandId;
  /** Time-sorted detections that passed the preprocessing (difference magnitudes). */
  mjd: Float64Array;
  mag: Float64Array;
  err: Float64Array;
  /** +1 / −1 per detection. */
  isdiffpos: Float64Array;
  /** Real/bogus scores of the kept detections that have one. */
  rb: number[];
  /** The subset with a corrected magnitude (time-sorted). */
  corrMjd: Float64Array;
  corrMag: Float64Array;
  corrErr: Float64Array;
}

function isGoodNumber(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

export function prepareLightcurve(detections: readonly FeatureDetection[]): Map<BandId, BandLightcurve> {
  const out = new Map<BandId, BandLightcurve>();
  for (const fid of FEATURE_BANDS) {
    const rows = detections.filter(
      (d) =>
        d.fid === fid &&
        !d.dubious &&
        isGoodNumber(d.mjd) &&
        isGoodNumber(d.magpsf) &&
        isGoodNumber(d.sigmapsf) &&
        d.sigmapsf > 0 &&
        d.sigmapsf < MAX_SIGMA_MAG &&
        !(isGoodNumber(d.rb) && d.rb < RB_THRESHOLD),
    );
    rows.sort((a, b) => a.mjd - b.mjd);
    const kept: FeatureDetection[] = [];
    for (const r of rows) {
      const last = kept[kept.length - 1];
      if (last && last.mjd === r.mjd) continue; // duplicate epoch: keep the first, as drop_duplicates
      kept.push(r);
    }
    const n = kept.length;
    const band: BandLightcurve = {
      fid,
      mjd: new Float64Array(n),
      mag: new Float64Array(n),
      err: new Float64Array(n),
      isdiffpos: new Float64Array(n),
      rb: [],
      corrMjd: new Float64Array(0),
      corrMag: new Float64Array(0),
      corrErr: new Float64Array(0),
    };
    const cm: number[] = [];
    const cv: number[] = [];
    const ce: number[] = [];
    kept.forEach((d, i) => {
      band.mjd[i] = d.mjd;
      band.mag[i] = d.magpsf;
      band.err[i] = d.sigmapsf;
      band.isdiffpos[i] = d.isdiffpos < 0 ? -1 : 1;
      if (isGoodNumber(d.rb)) band.rb.push(d.rb);
      const corrErr = isGoodNumber(d.sigmapsf_corr_ext) ? d.sigmapsf_corr_ext : d.sigmapsf_corr;
      if (d.corrected && isGoodNumber(d.magpsf_corr) && isGoodNumber(corrErr) && corrErr > 0) {
        cm.push(d.mjd);
        cv.push(d.magpsf_corr);
        ce.push(corrErr);
      }
    });
    band.corrMjd = Float64Array.from(cm);
    band.corrMag = Float64Array.from(cv);
    band.corrErr = Float64Array.from(ce);
    out.set(fid, band);
  }
  return out;
}
