/**
 * Backtest of the SPM forecast on real SN Ia light curves (ZTF BTS, fixtures/bts-snia/): per band with
 * enough points, fit on the detections up to the observed peak and score the forecast of the later
 * detections. Errors at +5/+10/+20 days use the held-out detection nearest to cut + h (within ±2 d);
 * coverage is the share of held-out detections within the horizon inside the band.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_FORECAST_HORIZON_DAYS, forecastSupernovaBand } from "./forecast-supernova";

export const BTS_SNIA_FIXTURES_DIR = path.resolve(import.meta.dirname, "../../fixtures/bts-snia");

const btsRowSchema = z.object({
  time: z.coerce.number().finite(),
  mag: z.coerce.number().finite(),
  magerr: z.coerce.number().finite().positive(),
  band: z.enum(["g", "R"]),
});
export type BtsObservation = z.infer<typeof btsRowSchema>;

/** One BTS light curve CSV (`time,mag,magerr,band`; time is MJD), sorted by time. */
export function parseBtsLightcurve(csv: string): BtsObservation[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  return lines
    .map((line) => {
      const cells = line.split(",");
      return btsRowSchema.parse(Object.fromEntries(columns.map((c, i) => [c, cells[i]])));
    })
    .sort((a, b) => a.time - b.time);
}

export function loadBtsLightcurves(dir: string = BTS_SNIA_FIXTURES_DIR): { oid: string; observations: BtsObservation[] }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => ({ oid: f.replace(/\.csv$/, ""), observations: parseBtsLightcurve(readFileSync(path.join(dir, f), "utf8")) }));
}

export const BACKTEST_HORIZONS_DAYS = [5, 10, 20] as const;
const MATCH_TOLERANCE_DAYS = 2;
const MIN_POINTS_BEFORE_CUT = 5;

export interface ForecastBacktestResult {
  bench: "forecast";
  mae_5d_mag: number | null;
  mae_10d_mag: number | null;
  mae_20d_mag: number | null;
  coverage: number | null;
  /** Objects with at least one scored band. */
  objects: number;
  bands: number;
  scoredPoints: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Linear interpolation of the forecast magnitude and band at mjd (points are 1 day apart). */
function forecastAt(points: { mjd: number; mag: number; magBright: number; magFaint: number | null }[], mjd: number) {
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (mjd < a.mjd || mjd > b.mjd) continue;
    const w = (mjd - a.mjd) / (b.mjd - a.mjd);
    const lerp = (x: number, y: number) => x + w * (y - x);
    return {
      mag: lerp(a.mag, b.mag),
      magBright: lerp(a.magBright, b.magBright),
      magFaint: a.magFaint === null || b.magFaint === null ? null : lerp(a.magFaint, b.magFaint),
    };
  }
  return null;
}

export function runForecastBacktest(lightcurves: { oid: string; observations: BtsObservation[] }[]): ForecastBacktestResult {
  const errors = new Map<number, number[]>(BACKTEST_HORIZONS_DAYS.map((h) => [h, []]));
  let inside = 0;
  let scored = 0;
  let bands = 0;
  const objects = new Set<string>();
  for (const { oid, observations } of lightcurves) {
    for (const band of ["g", "R"] as const) {
      const obs = observations.filter((o) => o.band === band);
      if (obs.length < MIN_POINTS_BEFORE_CUT + 3) continue;
      let peak = 0;
      for (let i = 1; i < obs.length; i++) if (obs[i]!.mag < obs[peak]!.mag) peak = i;
      const train = obs.slice(0, peak + 1);
      const test = obs.slice(peak + 1);
      if (train.length < MIN_POINTS_BEFORE_CUT || test.length === 0) continue;
      const forecast = forecastSupernovaBand(
        train.map((o) => o.time),
        train.map((o) => o.mag),
        train.map((o) => o.magerr),
        { horizonDays: DEFAULT_FORECAST_HORIZON_DAYS },
      );
      if (!forecast) continue;
      const cut = forecast.lastObservedMjd;
      let bandScored = false;
      for (const h of BACKTEST_HORIZONS_DAYS) {
        let nearest: BtsObservation | null = null;
        for (const o of test)
          if (
            Math.abs(o.time - cut - h) <= MATCH_TOLERANCE_DAYS &&
            (!nearest || Math.abs(o.time - cut - h) < Math.abs(nearest.time - cut - h))
          )
            nearest = o;
        const predicted = nearest ? forecastAt(forecast.points, nearest.time) : null;
        if (nearest && predicted) {
          errors.get(h)!.push(Math.abs(predicted.mag - nearest.mag));
          bandScored = true;
        }
      }
      for (const o of test) {
        const predicted = forecastAt(forecast.points, o.time);
        if (!predicted) continue;
        scored++;
        if (o.mag >= predicted.magBright && (predicted.magFaint === null || o.mag <= predicted.magFaint)) inside++;
        bandScored = true;
      }
      if (bandScored) {
        bands++;
        objects.add(oid);
      }
    }
  }
  return {
    bench: "forecast",
    mae_5d_mag: median(errors.get(5)!),
    mae_10d_mag: median(errors.get(10)!),
    mae_20d_mag: median(errors.get(20)!),
    coverage: scored ? inside / scored : null,
    objects: objects.size,
    bands,
    scoredPoints: scored,
  };
}
