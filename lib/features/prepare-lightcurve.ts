/**
 * Preprocessing before feature extraction, as ALeRCE's ZTF light-curve preprocessor
 * (alercebroker/lc_classifier, lc_classifier/features/preprocess/preprocess_ztf.py, ZTFLightcurvePreprocessor;
 * read to learn, not copied): keep g and r, drop rows with a NaN/Inf value and errors outside
 * (0, 1) mag, and keep one detection per (band, mjd) — the one with the best rb. Cielo also drops
 * dubious corrections (its ingest flags them). There is no real/bogus cut: ALeRCE's older
 * preprocessor had one (rb ≥ 0.55), the later one dropped it, and on real variable stars it removes
 * whole bands of genuine detections whose old-model rb is low.
 *
 * The result holds, per band, time-sorted Float64Arrays of the difference magnitude (magpsf,
 * sigmapsf), the corrected (apparent) magnitudes of the detections that have one (magpsf_corr,
 * sigmapsf_corr_ext, else sigmapsf_corr), and the "time-series" magnitudes used by the variability
 * and period features: ALeRCE's ML magnitude, i.e. the corrected magnitudes when the object is
 * corrected (its first kept detection is: a source in the reference image, typically a variable
 * star) and the difference magnitudes otherwise. A variable star that crosses its reference flux
 * has an unsigned difference magnitude that folds its light curve (its period would come out wrong).
 */
import type { BandId, FeatureDetection } from "./types";

export const FEATURE_BANDS: readonly BandId[] = [1, 2];
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
  /** Time-series magnitudes: corrected ones (error < 1 mag) when the object is corrected, else = mjd/mag/err. */
  tsMjd: Float64Array;
  tsMag: Float64Array;
  tsErr: Float64Array;
  /** Whether ts* hold corrected magnitudes. */
  tsCorrected: boolean;
}

function isGoodNumber(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

export function prepareLightcurve(detections: readonly FeatureDetection[]): Map<BandId, BandLightcurve> {
  const out = new Map<BandId, BandLightcurve>();
  const firstOf = new Map<BandId, FeatureDetection | null>();
  for (const fid of FEATURE_BANDS) {
    const rows = detections.filter(
      (d) =>
        d.fid === fid &&
        !d.dubious &&
        isGoodNumber(d.mjd) &&
        isGoodNumber(d.magpsf) &&
        isGoodNumber(d.sigmapsf) &&
        d.sigmapsf > 0 &&
        d.sigmapsf < MAX_SIGMA_MAG,
    );
    // By time, and within one epoch by decreasing rb (unknown rb last), so the first row of each
    // epoch is the one ALeRCE keeps.
    const rbOf = (d: FeatureDetection) => (isGoodNumber(d.rb) ? d.rb : -Infinity);
    rows.sort((a, b) => a.mjd - b.mjd || rbOf(b) - rbOf(a));
    const kept: FeatureDetection[] = [];
    for (const r of rows) {
      const last = kept[kept.length - 1];
      if (last && last.mjd === r.mjd) continue;
      kept.push(r);
    }
    const n = kept.length;
    const band: BandLightcurve = {
      tsMjd: new Float64Array(0),
      tsMag: new Float64Array(0),
      tsErr: new Float64Array(0),
      tsCorrected: false,
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
    firstOf.set(fid, kept[0] ?? null);
  }
  // The object is corrected when its first kept detection (both bands) is, as ALeRCE's object flag.
  let first: FeatureDetection | null = null;
  for (const d of firstOf.values()) if (d && (!first || d.mjd < first.mjd)) first = d;
  const corrected = first?.corrected === true;
  for (const band of out.values()) {
    if (!corrected) {
      band.tsMjd = band.mjd;
      band.tsMag = band.mag;
      band.tsErr = band.err;
      continue;
    }
    const idx: number[] = [];
    for (let i = 0; i < band.corrErr.length; i++) if (band.corrErr[i]! < MAX_SIGMA_MAG) idx.push(i);
    band.tsMjd = Float64Array.from(idx, (i) => band.corrMjd[i]!);
    band.tsMag = Float64Array.from(idx, (i) => band.corrMag[i]!);
    band.tsErr = Float64Array.from(idx, (i) => band.corrErr[i]!);
    band.tsCorrected = true;
  }
  return out;
}
