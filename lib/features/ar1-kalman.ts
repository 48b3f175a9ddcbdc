import type { NumericArray } from "./statistics";

/**
 * Exact negative log-likelihood of a zero-mean, irregularly sampled AR(1) / Ornstein–Uhlenbeck process
 * observed with noise, by its O(n) Kalman filter: x_i = φ(Δt_i)·x_{i−1} + w_i with
 * Var w_i = stationaryVariance·(1 − φ²), y_i = x_i + N(0, v_i). The damped random walk (φ = e^{−cΔt})
 * and the IAR model (φ = φ₁^{Δt}) are this process.
 */
export function ar1NegativeLogLikelihood(
  decay: (dtDays: number) => number,
  stationaryVariance: number,
  t: NumericArray,
  y: NumericArray,
  v: NumericArray,
): number {
  const n = t.length;
  let m = 0;
  let p = stationaryVariance;
  let nll = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const phi = decay(t[i]! - t[i - 1]!);
      m *= phi;
      p = phi * phi * p + stationaryVariance * (1 - phi * phi);
    }
    const s = p + v[i]!;
    const r = y[i]! - m;
    nll += 0.5 * (Math.log(2 * Math.PI * s) + (r * r) / s);
    const k = p / s;
    m += k * r;
    p *= 1 - k;
  }
  return nll;
}
