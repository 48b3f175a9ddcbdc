/**
 * Object-level aggregates (the object table) from an object's corrected detections and its magstats.
 *
 * Modelled on ALeRCE (read to learn, not copied):
 *  - alercebroker/pipeline @ 9a728060bb78cb4595578eefd49cd8f1a25aacd7 (2026-02-13):
 *    magstats_step/magstats_step/core/objstats.py (last changed in 6bbd8f70e, 2024-06-24):
 *    meanra/meandec = error-weighted means (weights 1/e^2), sigmara/sigmadec = error of that mean
 *    sqrt(1 / sum(1/e^2)); ndet; firstmjd/lastmjd/deltajd; corrected, stellar and diffpos
 *    (isdiffpos > 0) of the first detection; reference_change = jdendref of the reference later than
 *    the first detection.
 *    ingestion_step/ingestion_step/ztf/parsers/transforms.py (last changed in 31956c291,
 *    2025-06-05): ZTF alerts carry no position errors, so ALeRCE uses per-band constants,
 *    e_dec = 0.065" (g), 0.085" (r), 0.01" (i) and e_ra = e_dec / |cos(dec)|.
 *  - alercebroker/lc_correction @ fa556a54baba647a5c026d3dd7b182aca18fc46e (2021-01-08):
 *    lc_correction/compute.py apply_objstats_from_magstats: g_r_max = magmin(g) - magmin(r),
 *    g_r_mean = magmean(g) - magmean(r), and the _corr versions from the corrected magstats.
 *
 * Deliberate differences:
 *  - sigmara/sigmadec are stored in degrees (Cielo's schema); ALeRCE's current pipeline writes
 *    this same error of the weighted mean in arcsec. (The older corr_bulk_0.0.1 rows, e.g. in
 *    lc_classifier's 100_objects.csv, hold an unweighted mean and the sample std of the positions, in
 *    degrees.)
 *  - The RA mean is taken over offsets from the first detection's RA wrapped to (-180, 180], so an
 *    object at RA 359.9999 / 0.0001 averages to ~0, not ~180 as a plain (weighted) mean would.
 *  - reference_change uses the latest mjdendref among the object's references (lc_correction's
 *    max over detections) because Cielo's detection rows do not carry jdendref; ALeRCE takes the
 *    last detection's. Without references it is null.
 *  - The current ALeRCE pipeline computes the colours in its feature step from detections (dropping
 *    corrected magnitudes with errors >= 1); here they come from magstats as in lc_correction.
 */
import type { AstroObject, Detection, MagStat, Reference } from "../generated/prisma/client";
import { compareDetections } from "./correction";

/** ALeRCE's assumed 1-sigma astrometric error per ZTF band, arcsec (dec; RA divides by |cos dec|). */
export const ZTF_POSITION_ERROR_ARCSEC: Readonly<Record<number, number>> = { 1: 0.065, 2: 0.085, 3: 0.01 };
/** Used for a band missing from ZTF_POSITION_ERROR_ARCSEC (none in ZTF alerts). */
const DEFAULT_POSITION_ERROR_ARCSEC = 0.085;

export type ObjectAggregates = Pick<
  AstroObject,
  | "ndet"
  | "firstmjd"
  | "lastmjd"
  | "deltajd"
  | "meanra"
  | "meandec"
  | "sigmara"
  | "sigmadec"
  | "corrected"
  | "stellar"
  | "diffpos"
  | "reference_change"
  | "g_r_max"
  | "g_r_max_corr"
  | "g_r_mean"
  | "g_r_mean_corr"
>;

export interface ObjectAggregateOptions {
  /** The object's reference images (for reference_change). */
  references?: readonly Pick<Reference, "mjdendref">[];
}

const wrap180 = (deg: number): number => {
  const x = ((((deg + 180) % 360) + 360) % 360) - 180;
  return x === -180 ? 180 : x;
};
const wrap360 = (deg: number): number => ((deg % 360) + 360) % 360;
const DEG_PER_RAD = 180 / Math.PI;

interface WeightedMean {
  mean: number;
  /** sqrt(1 / sum of weights), same unit as the errors; null when no weight is usable. */
  error: number | null;
}

function weightedMean(values: readonly number[], errors: readonly number[]): WeightedMean {
  let sw = 0;
  let swx = 0;
  values.forEach((v, i) => {
    const e = errors[i]!;
    const w = Number.isFinite(e) && e > 0 ? 1 / (e * e) : 0;
    sw += w;
    swx += w * v;
  });
  if (sw > 0 && Number.isFinite(sw)) return { mean: swx / sw, error: Math.sqrt(1 / sw) };
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, error: null };
}

function difference(a: number | null | undefined, b: number | null | undefined): number | null {
  return typeof a === "number" && typeof b === "number" && Number.isFinite(a) && Number.isFinite(b) ? a - b : null;
}

/**
 * Aggregates of one object. `detections` must be corrected (correctDetections) and non-empty;
 * `magstats` are that object's rows from computeMagstats (colours use fid 1 = g and 2 = r).
 */
export function computeObjectAggregates(
  detections: readonly Detection[],
  magstats: readonly MagStat[],
  options: ObjectAggregateOptions = {},
): ObjectAggregates {
  const seen = new Set<bigint>();
  const dets = detections.filter((d) => (seen.has(d.candid) ? false : (seen.add(d.candid), true))).sort(compareDetections);
  const first = dets[0];
  const last = dets[dets.length - 1];
  if (!first || !last) throw new RangeError("computeObjectAggregates: an object needs at least one detection");
  if (dets.some((d) => d.oid !== first.oid))
    throw new Error(`computeObjectAggregates: detections of more than one object (${first.oid}, ...)`);

  const errorArcsec = (d: Detection) => ZTF_POSITION_ERROR_ARCSEC[d.fid] ?? DEFAULT_POSITION_ERROR_ARCSEC;
  const dec = weightedMean(
    dets.map((d) => d.dec),
    dets.map((d) => errorArcsec(d) / 3600),
  );
  const raOffsets = weightedMean(
    dets.map((d) => wrap180(d.ra - first.ra)),
    dets.map((d) => errorArcsec(d) / 3600 / Math.abs(Math.cos(d.dec / DEG_PER_RAD))),
  );

  const byFid = new Map(magstats.map((m) => [m.fid, m]));
  const g = byFid.get(1);
  const r = byFid.get(2);
  const mjdendrefs = (options.references ?? [])
    .map((ref) => ref.mjdendref)
    .filter((m): m is number => typeof m === "number" && Number.isFinite(m));

  return {
    ndet: dets.length,
    firstmjd: first.mjd,
    lastmjd: last.mjd,
    deltajd: last.mjd - first.mjd,
    meanra: wrap360(first.ra + raOffsets.mean),
    meandec: dec.mean,
    sigmara: raOffsets.error,
    sigmadec: dec.error,
    corrected: first.corrected,
    stellar: byFid.get(first.fid)?.stellar ?? false,
    diffpos: first.isdiffpos > 0,
    reference_change: mjdendrefs.length === 0 ? null : Math.max(...mjdendrefs) > first.mjd,
    g_r_max: difference(g?.magmin, r?.magmin),
    g_r_max_corr: difference(g?.magmin_corr, r?.magmin_corr),
    g_r_mean: difference(g?.magmean, r?.magmean),
    g_r_mean_corr: difference(g?.magmean_corr, r?.magmean_corr),
  };
}
