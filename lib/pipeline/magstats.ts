/**
 * Magnitude statistics per object and band (the magstat table), from corrected detections and the
 * band's non-detections.
 *
 * Modelled on ALeRCE (read to learn, not copied):
 *  - alercebroker/pipeline @ 9a728060bb78cb4595578eefd49cd8f1a25aacd7 (2026-02-13):
 *    magstats_step/magstats_step/core/magstats.py and core/_base.py (last changed in c4e46dfdf,
 *    2024-03-11): statistics over all detections of the band, *_corr over detections with
 *    corrected = true, population std (ddof=0), first/last by mjd, corrected/stellar of the band's
 *    first detection, saturation threshold 13.2, dmdt with dt_min = 0.5 day.
 *  - alercebroker/lc_correction @ fa556a54baba647a5c026d3dd7b182aca18fc46e (2021-01-08):
 *    lc_correction/compute.py (apply_mag_stats, get_flag_saturation, do_dmdt): same definitions,
 *    except a sample std (pandas default ddof=1) and stellar from the PS1 values of the first alert
 *    passed in, as here.
 *
 * dmdt_first, following both: among the band's non-detections more than 0.5 day before the band's
 * first detection (mag m, error s, time t), take the one with the smallest
 *   dmdt = (m + s - diffmaglim) / (t - mjd_nd)
 * (the steepest brightening the limit allows; not simply the latest limit). Then
 *   dm_first = m - diffmaglim, sigmadm_first = s - diffmaglim (ALeRCE's definition, kept as is),
 *   dt_first = t - mjd_nd.
 * Non-detections after the first detection or within 0.5 day before it are ignored; none left ->
 * all four null.
 *
 * Deliberate differences:
 *  - *_corr statistics skip corrected detections whose magpsf_corr is null (Cielo's null for total
 *    flux <= 0, where ALeRCE stores 100 and averages it in); magfirst_corr / maglast_corr are the
 *    first / last such detection. saturation_rate still counts them in its denominator (all
 *    corrected detections), as ALeRCE does.
 *  - Stellar needs PS1 values, which only alert candidates carry (prv_candidates do not): pass the
 *    PS1 neighbour of the object's first alert in options.ps1. Without it the ZTF-only criterion
 *    (chinr, sharpnr) is used, i.e. as if there were no PS1 source within 1.4".
 *  - Duplicate candids (and non-detections with the same fid and mjd) count once, as ALeRCE's
 *    drop_duplicates; ties in mjd are broken by candid.
 */
import type { Detection, MagStat, NonDetection } from "../generated/prisma/client";
import { INGEST_STEP_ID } from "./version";
import { compareDetections, isStellar } from "./correction";

/** Corrected magnitudes brighter than this are counted as saturated (ALeRCE's ZTF threshold). */
export const SATURATION_THRESHOLD_MAG = 13.2;
/** Non-detections closer than this before the first detection are not used for dmdt_first. */
export const DMDT_MIN_GAP_DAYS = 0.5;

/** The nearest PS1 source reported by the object's first alert (ps1_ztf row). */
export interface Ps1Neighbour {
  distpsnr1: number | null;
  sgscore1: number | null;
}

export interface MagstatsOptions {
  /** step_id_corr of the rows; default INGEST_STEP_ID. */
  stepIdCorr?: string;
  /** PS1 neighbour for the stellar flag; see the header. */
  ps1?: Ps1Neighbour | null;
}

export interface DmdtFirst {
  dmdt_first: number | null;
  dm_first: number | null;
  sigmadm_first: number | null;
  dt_first: number | null;
}

const NO_DMDT: DmdtFirst = { dmdt_first: null, dm_first: null, sigmadm_first: null, dt_first: null };

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Population standard deviation (ddof = 0), two-pass. */
function populationStd(values: readonly number[]): number {
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) ** 2;
  return Math.sqrt(sum / values.length);
}

interface Summary {
  mean: number | null;
  median: number | null;
  max: number | null;
  min: number | null;
  sigma: number | null;
  first: number | null;
  last: number | null;
}

/** Statistics of magnitudes given in time order. */
function summarise(inTimeOrder: readonly number[]): Summary {
  if (inTimeOrder.length === 0) return { mean: null, median: null, max: null, min: null, sigma: null, first: null, last: null };
  return {
    mean: mean(inTimeOrder),
    median: median(inTimeOrder),
    max: inTimeOrder.reduce((a, b) => (b > a ? b : a)),
    min: inTimeOrder.reduce((a, b) => (b < a ? b : a)),
    sigma: populationStd(inTimeOrder),
    first: inTimeOrder[0]!,
    last: inTimeOrder[inTimeOrder.length - 1]!,
  };
}

/**
 * dmdt_first and companions from the band's first detection and the band's non-detections (see the
 * header). Non-detections of other bands must be filtered out by the caller.
 */
export function dmdtFirst(
  first: Pick<Detection, "mjd" | "magpsf" | "sigmapsf">,
  limits: readonly Pick<NonDetection, "mjd" | "diffmaglim">[],
): DmdtFirst {
  let best: { dmdt: number; dt: number; limit: number; mjd: number } | null = null;
  for (const nd of limits) {
    const dt = first.mjd - nd.mjd;
    if (!(dt > DMDT_MIN_GAP_DAYS) || !Number.isFinite(nd.diffmaglim)) continue;
    const dmdt = (first.magpsf + first.sigmapsf - nd.diffmaglim) / dt;
    // Smallest dmdt; on a tie the earlier limit, so the result does not depend on input order.
    if (best === null || dmdt < best.dmdt || (dmdt === best.dmdt && nd.mjd < best.mjd))
      best = { dmdt, dt, limit: nd.diffmaglim, mjd: nd.mjd };
  }
  if (best === null) return NO_DMDT;
  return { dmdt_first: best.dmdt, dm_first: first.magpsf - best.limit, sigmadm_first: first.sigmapsf - best.limit, dt_first: best.dt };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * One magstat row per band (fid) present in the detections, in ascending fid order. `detections`
 * must already be corrected (correctDetections). Returns [] without detections.
 */
export function computeMagstats(
  oid: string,
  detections: readonly Detection[],
  nonDetections: readonly NonDetection[],
  options: MagstatsOptions = {},
): MagStat[] {
  const foreign = detections.find((d) => d.oid !== oid) ?? nonDetections.find((n) => n.oid !== oid);
  if (foreign) throw new Error(`computeMagstats(${oid}): got a row of object ${foreign.oid}`);

  const dets = uniqueBy(detections, (d) => d.candid.toString()).sort(compareDetections);
  const limits = uniqueBy(nonDetections, (n) => `${n.fid}:${n.mjd}`);
  const fids = [...new Set(dets.map((d) => d.fid))].sort((a, b) => a - b);
  const ps1 = options.ps1 ?? null;

  return fids.map((fid): MagStat => {
    const band = dets.filter((d) => d.fid === fid);
    const first = band[0]!;
    const last = band[band.length - 1]!;
    const correctedBand = band.filter((d) => d.corrected);
    const corrMags = correctedBand.map((d) => d.magpsf_corr).filter((m): m is number => m !== null && Number.isFinite(m));
    const raw = summarise(band.map((d) => d.magpsf));
    const corr = summarise(corrMags);
    const saturated = corrMags.filter((m) => m < SATURATION_THRESHOLD_MAG).length;

    return {
      oid,
      fid,
      stellar: isStellar({
        distnr: first.distnr,
        chinr: first.chinr,
        sharpnr: first.sharpnr,
        distpsnr1: ps1?.distpsnr1 ?? null,
        sgscore1: ps1?.sgscore1 ?? null,
      }),
      corrected: first.corrected,
      ndet: band.length,
      ndubious: band.filter((d) => d.dubious).length,
      ...dmdtFirst(
        first,
        limits.filter((n) => n.fid === fid),
      ),
      magmean: raw.mean,
      magmedian: raw.median,
      magmax: raw.max,
      magmin: raw.min,
      magsigma: raw.sigma,
      maglast: raw.last,
      magfirst: raw.first,
      magmean_corr: corr.mean,
      magmedian_corr: corr.median,
      magmax_corr: corr.max,
      magmin_corr: corr.min,
      magsigma_corr: corr.sigma,
      maglast_corr: corr.last,
      magfirst_corr: corr.first,
      firstmjd: first.mjd,
      lastmjd: last.mjd,
      step_id_corr: options.stepIdCorr ?? INGEST_STEP_ID,
      saturation_rate: correctedBand.length === 0 ? null : saturated / correctedBand.length,
    };
  });
}
