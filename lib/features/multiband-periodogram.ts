/**
 * The periodogram of an object for the Explorer: the same search as the Multiband_period feature
 * (search-multiband-period.ts), returned as a curve sampled for plotting.
 *
 * `power` is the one-harmonic multiband generalised Lomb–Scargle power (fraction of the weighted
 * variance explained, 0–1) of the coarse scan, max-pooled into ≤ maxPoints bins uniform in log
 * period over 0.05–500 d (each bin keeps its highest point, so peaks survive). `bestPeriodDays` comes
 * from the two-harmonic refinement and the sub-harmonic test: for an eclipsing binary with unequal
 * minima it is twice the period of the tallest Lomb–Scargle peak.
 */
import { MIN_BAND_POINTS } from "./compute-lightcurve-features";
import { MAX_SIGMA_MAG, prepareLightcurve } from "./prepare-lightcurve";
import type { PeriodogramBandInput } from "./periodogram-core";
import { MAX_PERIOD_DAYS, MIN_PERIOD_DAYS, searchMultibandPeriod } from "./search-multiband-period";
import type { FeatureDetection } from "./types";

export interface PeriodogramDetection {
  mjd: number;
  /** ZTF filter id; only g (1) and r (2) are used. */
  fid: number;
  mag: number;
  err: number;
}

export interface MultibandPeriodogram {
  /** Ascending periods (days). */
  periodsDays: number[];
  /** Power at each period (0–1). */
  power: number[];
  bestPeriodDays: number;
  /** Best period of each band alone, null when the band has fewer than 8 usable points. */
  bandPeriodsDays: { g: number | null; r: number | null };
}

/** Null when neither g nor r has 8 usable detections. */
export function computeMultibandPeriodogram(detections: readonly PeriodogramDetection[], maxPoints = 5000): MultibandPeriodogram | null {
  const bands = [1, 2].map((fid) => {
    const rows = detections
      .filter(
        (d) =>
          d.fid === fid && Number.isFinite(d.mjd) && Number.isFinite(d.mag) && Number.isFinite(d.err) && d.err > 0 && d.err < MAX_SIGMA_MAG,
      )
      .sort((a, b) => a.mjd - b.mjd);
    return { mjd: rows.map((r) => r.mjd), mag: rows.map((r) => r.mag), err: rows.map((r) => r.err) };
  });
  return periodogramOfBands(bands, maxPoints);
}

/**
 * The same from the object's detection rows (the `detection` table's columns), preprocessed exactly
 * as computeLightcurveFeatures does (dubious and repeated rows dropped; corrected magnitudes for a
 * corrected object), so that `bestPeriodDays` equals the stored Multiband_period feature.
 */
export function computeObjectPeriodogram(detections: readonly FeatureDetection[], maxPoints = 5000): MultibandPeriodogram | null {
  const prepared = prepareLightcurve(detections);
  const bands = [1, 2].map((fid) => {
    const b = prepared.get(fid as 1 | 2);
    return b && b.tsMag.length >= MIN_BAND_POINTS ? { mjd: b.tsMjd, mag: b.tsMag, err: b.tsErr } : { mjd: [], mag: [], err: [] };
  });
  return periodogramOfBands(bands, maxPoints);
}

function periodogramOfBands(bands: PeriodogramBandInput[], maxPoints: number): MultibandPeriodogram | null {
  const search = searchMultibandPeriod(bands);
  if (!search) return null;

  const logMin = Math.log10(MIN_PERIOD_DAYS);
  const logMax = Math.log10(MAX_PERIOD_DAYS);
  const binPower = new Float64Array(maxPoints).fill(-1);
  const binPeriod = new Float64Array(maxPoints);
  const { coarsePower, f0, df } = search;
  for (let j = 0; j < coarsePower.length; j++) {
    const period = 1 / (f0 + j * df);
    const bin = Math.min(maxPoints - 1, Math.max(0, Math.floor(((Math.log10(period) - logMin) / (logMax - logMin)) * maxPoints)));
    if (coarsePower[j]! > binPower[bin]!) {
      binPower[bin] = coarsePower[j]!;
      binPeriod[bin] = period;
    }
  }
  const periodsDays: number[] = [];
  const power: number[] = [];
  for (let b = 0; b < maxPoints; b++) {
    if (binPower[b]! < 0) continue;
    periodsDays.push(binPeriod[b]!);
    power.push(binPower[b]!);
  }
  return {
    periodsDays,
    power,
    bestPeriodDays: search.bestPeriodDays,
    bandPeriodsDays: { g: search.bandPeriodsDays[0] ?? null, r: search.bandPeriodsDays[1] ?? null },
  };
}
