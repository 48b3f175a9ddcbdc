import { MAX_SIGMA_MAG } from "../features/prepare-lightcurve";
import { computeMultibandPeriodogram, computeObjectPeriodogram, type MultibandPeriodogram } from "../features/multiband-periodogram";
import type { LightcurveDetection } from "../objects/get-object-lightcurve";
import { longestFoldPeriodDays, signedDifferenceFlux } from "./lightcurve-series";

/** Points sent to the browser per periodogram (max-pooled in log period; peaks survive). */
export const PERIODOGRAM_PLOT_POINTS = 1500;
const CACHE_SIZE = 200;

/** What the periodogram was computed on. */
export type PeriodogramBasis = "apparent" | "flux";

export interface ObjectPeriodogram extends MultibandPeriodogram {
  basis: PeriodogramBasis;
  /** Periods above this (half the detections' time span) are not shown nor offered. */
  longestPeriodDays: number;
  /** The search's own best period when it was longer than longestPeriodDays (bestPeriodDays is then the highest shown peak). */
  rejectedBestPeriodDays: number | null;
}

const cache = new Map<string, ObjectPeriodogram | null>();

/**
 * Apparent magnitudes for a corrected object (a source in the reference image: a variable star),
 * prepared exactly as the stored light-curve features are (so the best period is the stored
 * Multiband_period); signed difference flux otherwise. Flux and its error are divided by one
 * constant so the errors fall under the search's 1-mag cut: the Lomb–Scargle power is the weighted
 * variance fraction explained, unchanged by a common scale; points are cut on their magnitude error.
 */
function computePeriodogram(detections: readonly LightcurveDetection[], corrected: boolean): MultibandPeriodogram | null {
  if (corrected) {
    return computeObjectPeriodogram(
      detections.map((d) => ({
        mjd: d.mjd,
        fid: d.fid,
        magpsf: d.magpsf,
        sigmapsf: d.sigmapsf,
        magpsf_corr: d.magpsfCorr,
        sigmapsf_corr: d.sigmapsfCorr,
        sigmapsf_corr_ext: d.sigmapsfCorrExt,
        isdiffpos: d.isdiffpos,
        corrected: d.corrected,
        dubious: d.dubious,
        rb: d.rb,
        candid: d.candid,
      })),
      PERIODOGRAM_PLOT_POINTS,
    );
  }
  const usable = detections.filter((d) => !d.dubious && d.sigmapsf > 0 && d.sigmapsf < MAX_SIGMA_MAG);
  const fluxes = usable.map((d) => ({ d, ...signedDifferenceFlux(d) }));
  const scale = 2 * Math.max(1e-12, ...fluxes.map((f) => f.error));
  return computeMultibandPeriodogram(
    fluxes.map(({ d, flux, error }) => ({ mjd: d.mjd, fid: d.fid, mag: flux / scale, err: error / scale })),
    PERIODOGRAM_PLOT_POINTS,
  );
}

/** Keeps the periods a fold can show (≤ half the span); the best one moves to the highest remaining peak if it was longer. */
function limitToSpan(result: MultibandPeriodogram, basis: PeriodogramBasis, longestPeriodDays: number): ObjectPeriodogram | null {
  const periodsDays: number[] = [];
  const power: number[] = [];
  result.periodsDays.forEach((p, i) => {
    if (p > longestPeriodDays) return;
    periodsDays.push(p);
    power.push(result.power[i]!);
  });
  if (periodsDays.length === 0) return null;
  const within = (p: number | null) => (p !== null && p <= longestPeriodDays ? p : null);
  let bestPeriodDays = result.bestPeriodDays;
  let rejectedBestPeriodDays: number | null = null;
  if (bestPeriodDays > longestPeriodDays) {
    rejectedBestPeriodDays = bestPeriodDays;
    let top = 0;
    for (let i = 1; i < power.length; i++) if (power[i]! > power[top]!) top = i;
    bestPeriodDays = periodsDays[top]!;
  }
  return {
    periodsDays,
    power,
    bestPeriodDays,
    bandPeriodsDays: { g: within(result.bandPeriodsDays.g), r: within(result.bandPeriodsDays.r) },
    basis,
    longestPeriodDays,
    rejectedBestPeriodDays,
  };
}

/**
 * The object's periodogram for the Explorer (see computePeriodogram for what it runs on). It costs up
 * to ~0.5 s of CPU for the sample's longest light curves, so results are kept per (oid, detections,
 * newest mjd) — a new detection gives a new key — and the work starts on the next turn of the event
 * loop, so the page can stream its other panels first (the page shows it in a Suspense boundary).
 * Null when too few points (8 per band) or too short a span.
 */
export function getObjectPeriodogram(
  oid: string,
  detections: readonly LightcurveDetection[],
  options: { corrected: boolean },
): Promise<ObjectPeriodogram | null> {
  const key = `${oid}:${options.corrected}:${detections.length}:${detections.at(-1)?.mjd ?? 0}`;
  if (cache.has(key)) return Promise.resolve(cache.get(key) ?? null);
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        const longest = longestFoldPeriodDays(detections);
        const raw = longest === null ? null : computePeriodogram(detections, options.corrected);
        const basis: PeriodogramBasis = options.corrected ? "apparent" : "flux";
        const result = raw && longest !== null ? limitToSpan(raw, basis, longest) : null;
        cache.set(key, result);
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
        resolve(result);
      } catch (error) {
        reject(error);
      }
    });
  });
}
