import { computeMultibandPeriodogram, type MultibandPeriodogram } from "../features/multiband-periodogram";
import type { LightcurveDetection } from "../objects/get-object-lightcurve";

/** Points sent to the browser per periodogram (max-pooled in log period; peaks survive). */
export const PERIODOGRAM_PLOT_POINTS = 1500;
const CACHE_SIZE = 200;
const cache = new Map<string, MultibandPeriodogram | null>();

/**
 * The object's periodogram for the Explorer, on apparent magnitudes when every detection is
 * corrected (variable stars), else difference magnitudes. It costs up to ~0.5 s of CPU for the
 * sample's longest light curves, so results are kept per (oid, detections, newest mjd) — a new
 * detection gives a new key — and the work starts on the next turn of the event loop, so the page
 * can stream its other panels first (the page shows the periodogram in a Suspense boundary).
 */
export function getObjectPeriodogram(oid: string, detections: readonly LightcurveDetection[]): Promise<MultibandPeriodogram | null> {
  const key = `${oid}:${detections.length}:${detections.at(-1)?.mjd ?? 0}`;
  if (cache.has(key)) return Promise.resolve(cache.get(key) ?? null);
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        const corrected = detections.length > 0 && detections.every((d) => d.magpsfCorr !== null && d.sigmapsfCorr !== null);
        const result = computeMultibandPeriodogram(
          detections.map((d) => ({
            mjd: d.mjd,
            fid: d.fid,
            mag: corrected ? d.magpsfCorr! : d.magpsf,
            err: corrected ? d.sigmapsfCorr! : d.sigmapsf,
          })),
          PERIODOGRAM_PLOT_POINTS,
        );
        cache.set(key, result);
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
        resolve(result);
      } catch (error) {
        reject(error);
      }
    });
  });
}
