/**
 * Damped random walk (GP_DRW_sigma, GP_DRW_tau) of one band, as ALeRCE's GP DRW extractor: a Gaussian
 * process with kernel k(Δt) = a·e^{−c·Δt} (celerite's RealTerm) on mag − mean(mag), the squared
 * errors on the diagonal, fitted by maximum likelihood over (log a, log c) from (0, 0).
 * GP_DRW_sigma = a (a variance, as ALeRCE stores it) and GP_DRW_tau = 1/c (days).
 *
 * The likelihood is the exact one of that GP, computed in O(n) by the Kalman filter of the
 * Ornstein–Uhlenbeck process it describes (x_i = e^{−cΔt}·x_{i−1} + w, Var w = a(1 − e^{−2cΔt}),
 * observed with noise σ_i²), not celerite's semiseparable solver; Nelder–Mead replaces L-BFGS-B.
 * log a and log c are kept within [−20, 10] and [−15, 10] (τ from 4.5e-5 d to 3.3e6 d).
 */
import { ar1NegativeLogLikelihood } from "./ar1-kalman";
import { minimizeNelderMead } from "./minimize";
import { mean, type NumericArray } from "./statistics";

/** Negative log-likelihood of y (zero-mean) at times t with measurement variances v. */
export function drwNegativeLogLikelihood(logA: number, logC: number, t: NumericArray, y: NumericArray, v: NumericArray): number {
  const c = Math.exp(logC);
  return ar1NegativeLogLikelihood((dt) => Math.exp(-c * dt), Math.exp(logA), t, y, v);
}

export function fitDampedRandomWalk(mjd: NumericArray, mag: NumericArray, err: NumericArray): { sigma: number; tau: number } | null {
  const n = mag.length;
  if (n < 3) return null;
  const mu = mean(mag);
  const y = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = mag[i]! - mu;
    v[i] = err[i]! * err[i]!;
  }
  const bounded = (x: Float64Array) => {
    const la = x[0]!;
    const lc = x[1]!;
    if (la < -20 || la > 10 || lc < -15 || lc > 10) return Infinity;
    return drwNegativeLogLikelihood(la, lc, mjd, y, v);
  };
  // One restart from the first optimum: a simplex can collapse early on a flat ridge of the likelihood.
  const first = minimizeNelderMead(bounded, [0, 0], 1, { maxEvaluations: 600, tolerance: 1e-10 });
  const { x } = minimizeNelderMead(bounded, [first.x[0]!, first.x[1]!], 0.5, { maxEvaluations: 400, tolerance: 1e-10 });
  const sigma = Math.exp(x[0]!);
  const tau = 1 / Math.exp(x[1]!);
  return Number.isFinite(sigma) && Number.isFinite(tau) ? { sigma, tau } : null;
}
