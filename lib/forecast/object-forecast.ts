/**
 * The forecast of one object (ADR 0039): for a periodic variable (the light-curve classifier's top
 * class in the Periodic branch and a stored Multiband_period) the next brightness maximum and minimum;
 * otherwise, for transients and for objects not yet classified, the SPM forecast of each band with at
 * least 3 positive detections. Shared by the API route and the object page.
 */
import { LC_BRANCH_CLASSES, LC_CLASSIFIER_NAMES } from "../classifiers/lc/lc-taxonomy";
import type { Sql } from "../db/sql";
import { getObjectFeatures, type ApiFeature } from "../objects/get-object-features";
import { getObjectLightcurve, toExplorerLightcurve, type Lightcurve } from "../objects/get-object-lightcurve";
import { getObjectProbabilities, type ApiProbability } from "../objects/get-object-probabilities";
import { FORECAST_BAND_PROBABILITY, forecastSupernovaBand } from "./forecast-supernova";
import { nextPeriodicExtrema } from "./periodic-extrema";
import { forecastParamsSchema, objectForecastSchema, type ForecastParams, type ObjectForecast } from "./object-forecast-schema";

export { forecastParamsSchema, objectForecastSchema, type ForecastParams, type ObjectForecast };

function topLcClass(probabilities: ApiProbability[]): string | null {
  const final = probabilities.filter((p) => p.classifier_name === LC_CLASSIFIER_NAMES.final);
  const newest = final
    .map((p) => p.classifier_version)
    .sort()
    .at(-1);
  return final.find((p) => p.classifier_version === newest && p.ranking === 1)?.class_name ?? null;
}

export function forecastObject(
  lightcurve: Lightcurve,
  features: ApiFeature[],
  probabilities: ApiProbability[],
  params: ForecastParams,
): ObjectForecast {
  const topClass = topLcClass(probabilities);
  const lastMjd = Math.max(...lightcurve.detections.map((d) => d.mjd));
  if (topClass && (LC_BRANCH_CLASSES.Periodic as readonly string[]).includes(topClass)) {
    const period = features
      .filter((f) => f.name === "Multiband_period" && f.value !== null)
      .sort((a, b) => a.version.localeCompare(b.version))
      .at(-1)?.value;
    if (!period) return { kind: "none", reason: `periodic class ${topClass} but no stored Multiband_period` };
    const extrema = nextPeriodicExtrema(
      lightcurve.detections.map((d) => ({ mjd: d.mjd, mag: d.magpsfCorr ?? d.magpsf, band: d.fid })),
      period,
      lastMjd,
    );
    if (!extrema) return { kind: "none", reason: "too few detections to fold" };
    return {
      kind: "periodic",
      class_name: topClass,
      period_days: period,
      fid: extrema.band,
      next_maximum_mjd: extrema.nextMaximumMjd,
      maximum_mag: extrema.maximumMag,
      next_minimum_mjd: extrema.nextMinimumMjd,
      minimum_mag: extrema.minimumMag,
    };
  }
  if (topClass && !(LC_BRANCH_CLASSES.Transient as readonly string[]).includes(topClass))
    return { kind: "none", reason: `no forecast for class ${topClass}` };
  const bands: Extract<ObjectForecast, { kind: "transient" }>["bands"] = [];
  for (const fid of [...new Set(lightcurve.detections.map((d) => d.fid))].sort((a, b) => a - b)) {
    const detections = lightcurve.detections.filter((d) => d.fid === fid && d.isdiffpos > 0).sort((a, b) => a.mjd - b.mjd);
    const forecast = forecastSupernovaBand(
      detections.map((d) => d.mjd),
      detections.map((d) => d.magpsf),
      detections.map((d) => d.sigmapsf),
      { horizonDays: params.horizon_days },
    );
    if (!forecast) continue;
    bands.push({
      fid,
      last_observed_mjd: forecast.lastObservedMjd,
      peak: { mjd: forecast.peak.mjd, mag: forecast.peak.mag, is_past: forecast.peak.isPast },
      points: forecast.points.map((p) => ({ mjd: p.mjd, mag: p.mag, mag_bright: p.magBright, mag_faint: p.magFaint })),
    });
  }
  if (bands.length === 0) return { kind: "none", reason: "no band with 3 positive detections" };
  return { kind: "transient", model: "SPM", band_probability: FORECAST_BAND_PROBABILITY, horizon_days: params.horizon_days, bands };
}

/** The forecast of a stored object; null when the object is unknown. */
export async function getObjectForecast(sql: Sql, oid: string, params: ForecastParams): Promise<ObjectForecast | null> {
  const [lightcurve, features, probabilities] = await Promise.all([
    getObjectLightcurve(sql, oid),
    getObjectFeatures(sql, oid, { name: "Multiband_period" }),
    getObjectProbabilities(sql, oid, { classifier: LC_CLASSIFIER_NAMES.final }),
  ]);
  if (!lightcurve || !features || !probabilities) return null;
  return forecastObject(toExplorerLightcurve(lightcurve), features, probabilities, params);
}

/** The object page's forecast: the default horizon. */
export function getDefaultObjectForecast(sql: Sql, oid: string): Promise<ObjectForecast | null> {
  return getObjectForecast(sql, oid, forecastParamsSchema.parse({}));
}
