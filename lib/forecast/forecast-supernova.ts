/**
 * Forecast of one band of a transient from the supernova parametric model (SPM) fitted by
 * lib/features/fit-supernova-model.ts, extrapolated forward with a prediction band (ADR 0039).
 *
 * Band: the parameter covariance of the unweighted least-squares fit, C = s²·(JᵀJ)⁻¹ with
 * s² = cost/(n − 6) (n − 6 floored at 1), propagated to the model flux by the Jacobian at each future
 * time (delta method), plus s² itself because we forecast new observations, not the mean curve:
 * σ_f(t)² = j(t)ᵀ C j(t) + s². The band is ±z·σ_f in flux (z = 1.645: nominal 90 %), converted to
 * magnitudes; when the faint edge reaches zero flux it is open (null: "may fade below any limit").
 */
import { fitSupernovaModel, spmModel, type SpmFit } from "../features/fit-supernova-model";

/** Inverse of magnitudeToSpmFlux: f = 10^(−(m + 48.6)/2.5 + 26) ⇒ m = 16.4 − 2.5·log10 f. */
export function spmFluxToMagnitude(flux: number): number {
  return 16.4 - 2.5 * Math.log10(flux);
}

export const FORECAST_BAND_Z = 1.645;
/** Nominal probability that a new observation falls inside ±FORECAST_BAND_Z·σ of a normal prediction. */
export const FORECAST_BAND_PROBABILITY = 0.9;
export const DEFAULT_FORECAST_HORIZON_DAYS = 30;

export interface ForecastPoint {
  mjd: number;
  mag: number;
  /** Bright edge of the band (smaller magnitude). */
  magBright: number;
  /** Faint edge of the band; null when the band reaches zero flux. */
  magFaint: number | null;
}

export interface SupernovaPeak {
  mjd: number;
  mag: number;
  /** True when the model's peak lies before the last observation used in the fit. */
  isPast: boolean;
}

export interface SupernovaBandForecast {
  fit: SpmFit;
  /** First mjd of the band: the SPM's time origin. */
  originMjd: number;
  lastObservedMjd: number;
  points: ForecastPoint[];
  peak: SupernovaPeak;
}

export interface ForecastOptions {
  horizonDays?: number;
  stepDays?: number;
}

function parameterVector(fit: SpmFit): Float64Array {
  const p = fit.parameters;
  return new Float64Array([p.A, p.t0, p.gamma, p.beta, p.tau_rise, p.tau_fall]);
}

/** Inverse of a symmetric positive semi-definite k × k matrix by Gauss–Jordan with a relative ridge. */
function invertWithRidge(m: Float64Array, k: number): Float64Array | null {
  const a = Float64Array.from(m);
  for (let i = 0; i < k; i++) a[i * k + i] = a[i * k + i]! * (1 + 1e-9) + 1e-300;
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) inv[i * k + i] = 1;
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r * k + col]!) > Math.abs(a[pivot * k + col]!)) pivot = r;
    const pv = a[pivot * k + col]!;
    if (!(Math.abs(pv) > 0)) return null;
    if (pivot !== col) {
      for (let c = 0; c < k; c++) {
        [a[col * k + c], a[pivot * k + c]] = [a[pivot * k + c]!, a[col * k + c]!];
        [inv[col * k + c], inv[pivot * k + c]] = [inv[pivot * k + c]!, inv[col * k + c]!];
      }
    }
    for (let c = 0; c < k; c++) {
      a[col * k + c] = a[col * k + c]! / pv;
      inv[col * k + c] = inv[col * k + c]! / pv;
    }
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const factor = a[r * k + col]!;
      if (factor === 0) continue;
      for (let c = 0; c < k; c++) {
        a[r * k + c] = a[r * k + c]! - factor * a[col * k + c]!;
        inv[r * k + c] = inv[r * k + c]! - factor * inv[col * k + c]!;
      }
    }
  }
  return inv.every(Number.isFinite) ? inv : null;
}

/**
 * Parameter covariance s²·(JᵀJ)⁻¹ of an SPM fit on times t (days since the band's first point) and the
 * residual variance s². Null when JᵀJ is singular.
 */
export function spmCovariance(fit: SpmFit, t: ArrayLike<number>): { covariance: Float64Array; residualVariance: number } | null {
  const n = t.length;
  const p = parameterVector(fit);
  const model = new Float64Array(n);
  const jac = new Float64Array(n * 6);
  spmModel(p, t, model, jac);
  const jtj = new Float64Array(36);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) jtj[a * 6 + b] = jtj[a * 6 + b]! + jac[i * 6 + a]! * jac[i * 6 + b]!;
  const inverse = invertWithRidge(jtj, 6);
  if (!inverse) return null;
  const residualVariance = fit.cost / Math.max(n - 6, 1);
  return { covariance: inverse.map((x) => x * residualVariance), residualVariance };
}

/**
 * Fits the SPM to one band (time-sorted mjd, difference magnitudes, errors) and forecasts it from the
 * last observation to `horizonDays` after it. Null when the fit fails (fewer than 3 points).
 */
export function forecastSupernovaBand(
  mjd: ArrayLike<number>,
  mag: ArrayLike<number>,
  err: ArrayLike<number>,
  options: ForecastOptions = {},
): SupernovaBandForecast | null {
  const horizon = options.horizonDays ?? DEFAULT_FORECAST_HORIZON_DAYS;
  const step = options.stepDays ?? 1;
  const fit = fitSupernovaModel(mjd, mag, err);
  if (!fit) return null;
  const n = mjd.length;
  let originMjd = Infinity;
  let lastObservedMjd = -Infinity;
  for (let i = 0; i < n; i++) {
    originMjd = Math.min(originMjd, mjd[i]!);
    lastObservedMjd = Math.max(lastObservedMjd, mjd[i]!);
  }
  const t = Float64Array.from({ length: n }, (_, i) => mjd[i]! - originMjd);
  const uncertainty = spmCovariance(fit, t);
  const p = parameterVector(fit);

  const futureT = Float64Array.from({ length: Math.floor(horizon / step) + 1 }, (_, i) => lastObservedMjd - originMjd + i * step);
  const flux = new Float64Array(futureT.length);
  const jac = new Float64Array(futureT.length * 6);
  spmModel(p, futureT, flux, jac);
  const points: ForecastPoint[] = [];
  for (let i = 0; i < futureT.length; i++) {
    let variance = uncertainty ? uncertainty.residualVariance : 0;
    if (uncertainty) {
      const C = uncertainty.covariance;
      for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) variance += jac[i * 6 + a]! * C[a * 6 + b]! * jac[i * 6 + b]!;
    }
    const sigma = Math.sqrt(Math.max(variance, 0));
    const f = flux[i]!;
    if (!(f > 0)) break; // the model itself has faded to zero flux: nothing more to draw in magnitudes
    const faint = f - FORECAST_BAND_Z * sigma;
    points.push({
      mjd: originMjd + futureT[i]!,
      mag: spmFluxToMagnitude(f),
      magBright: spmFluxToMagnitude(f + FORECAST_BAND_Z * sigma),
      magFaint: faint > 0 ? spmFluxToMagnitude(faint) : null,
    });
  }

  // Peak of the model over the fitted span and the horizon, on a 0.1-day grid.
  const span = lastObservedMjd - originMjd + horizon;
  const grid = Float64Array.from({ length: Math.floor(span * 10) + 1 }, (_, i) => i / 10);
  const gridFlux = new Float64Array(grid.length);
  spmModel(p, grid, gridFlux);
  let best = 0;
  for (let i = 1; i < grid.length; i++) if (gridFlux[i]! > gridFlux[best]!) best = i;
  const peakMjd = originMjd + grid[best]!;
  return {
    fit,
    originMjd,
    lastObservedMjd,
    points,
    peak: { mjd: peakMjd, mag: spmFluxToMagnitude(gridFlux[best]!), isPast: peakMjd < lastObservedMjd },
  };
}
