/**
 * IAR_phi of one band: the irregular autoregressive model of Eyheramendy et al. (2018, MNRAS 481,
 * 4311), x_j = φ^{Δt_j}·x_{j−1} + ε_j with Var ε_j = σ²(1 − φ^{2Δt_j}), fitted by maximum likelihood
 * on the standardised light curve y = (m − mean)/std (population std), measurement errors δ = e/std.
 *
 * The likelihood is computed exactly by a Kalman filter (state x, observation y_j = x_j + N(0, δ_j²)),
 * with the latent variance σ² = max(1 − mean δ², 0.05) so that latent + measurement variance matches
 * the standardised data. (ALeRCE's code plugs the previous observation in place of the filtered
 * state and uses σ² = 1; the two agree when the errors are small.) φ ∈ [0, 1] by Brent's bounded method.
 */
import { ar1NegativeLogLikelihood } from "./ar1-kalman";
import { minimizeScalarBounded } from "./minimize";
import { mean, std, type NumericArray } from "./statistics";

export function iarNegativeLogLikelihood(phi: number, t: NumericArray, y: NumericArray, delta2: NumericArray, sigma2: number): number {
  return ar1NegativeLogLikelihood((dt) => phi ** dt, sigma2, t, y, delta2);
}

export function fitIarPhi(mjd: NumericArray, mag: NumericArray, err: NumericArray): number | null {
  const n = mag.length;
  if (n < 3) return null;
  const mu = mean(mag);
  const sd = std(mag);
  if (!(sd > 0)) return null;
  const y = new Float64Array(n);
  const d2 = new Float64Array(n);
  let md2 = 0;
  for (let i = 0; i < n; i++) {
    y[i] = (mag[i]! - mu) / sd;
    d2[i] = (err[i]! / sd) ** 2;
    md2 += d2[i]! / n;
  }
  const sigma2 = Math.max(1 - md2, 0.05);
  const { x } = minimizeScalarBounded((phi) => iarNegativeLogLikelihood(phi, mjd, y, d2, sigma2), 0, 1, 1e-8);
  return Number.isFinite(x) ? x : null;
}
