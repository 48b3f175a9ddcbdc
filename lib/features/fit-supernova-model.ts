/**
 * Supernova parametric model (SPM) of one band, as ALeRCE's SNParametricModelExtractor (Sánchez-Sáez
 * et al. 2021 §3.2; lc_classifier sn_parametric_model_computer.py, read to learn):
 *
 *   t1 = t0 + γ,  s(t) = 1/(1 + e^{−(t−t1)/3}),  g(t) = 1/(1 + e^{−(t−t0)/τ_rise})
 *   f(t) = A·g(t)·[(1 − β)·e^{−(t−t1)/τ_fall}·s(t) + (1 − β(t − t0)/γ)·(1 − s(t))]
 *
 * on the flux f = 10^{−(m + 48.6)/2.5 + 26} of the difference magnitude, t = mjd − first mjd of the band.
 * Bounds A ∈ [max f/3, 3 max f], t0 ∈ [−50, 50], γ ∈ [1, 100], β ∈ [0, 1], τ_rise, τ_fall ∈ [1, 100];
 * initial guess A = 1.2 max f, t0 = −5, γ = time span, β = 0.5, τ_rise = t(max f)/2, τ_fall = 40 (each
 * clipped to its bounds). Unweighted least squares as ALeRCE's curve_fit call, solved here by a
 * projected Levenberg–Marquardt with the analytic Jacobian (ALeRCE stops early with ftol = A/20; we
 * iterate to convergence). SPM_chi = Σ(model − f)²/(σ_f + 0.01)² / (n − 6), σ_f = flux(m − σ) − flux(m).
 *
 * The product e^{−(t−t1)/τ_fall}·s(t) is evaluated in log space and its exponent capped at 50: for
 * τ_fall < 3 it grows without bound long before t1, which overflows a naive evaluation.
 */
import type { NumericArray } from "./statistics";

export const SPM_PARAMETER_NAMES = ["A", "t0", "gamma", "beta", "tau_rise", "tau_fall"] as const;
export type SpmParameters = { A: number; t0: number; gamma: number; beta: number; tau_rise: number; tau_fall: number };

export function magnitudeToSpmFlux(mag: number): number {
  return 10 ** (-(mag + 48.6) / 2.5 + 26);
}

const SIGMOID_SCALE_DAYS = 3;
const MAX_EXPONENT = 50;
const MAX_ITERATIONS = 100;

function softplus(x: number): number {
  return x > 30 ? x : Math.log1p(Math.exp(x));
}

/** Model flux at times t; when `jac` is given, also ∂f/∂p (row-major n × 6). */
export function spmModel(p: Float64Array, t: NumericArray, out: Float64Array, jac?: Float64Array): void {
  const A = p[0]!;
  const t0 = p[1]!;
  const gamma = p[2]!;
  const beta = p[3]!;
  const tr = p[4]!;
  const tf = p[5]!;
  const t1 = t0 + gamma;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    const u = (ti - t0) / tr;
    const g = 1 / (1 + Math.exp(-u));
    const v = (ti - t1) / SIGMOID_SCALE_DAYS;
    const s = 1 / (1 + Math.exp(-v));
    const logEs = -(ti - t1) / tf - softplus(-v);
    const capped = logEs > MAX_EXPONENT;
    const es = Math.exp(capped ? MAX_EXPONENT : logEs);
    const L = 1 - (beta * (ti - t0)) / gamma;
    const B = (1 - beta) * es + L * (1 - s);
    out[i] = A * g * B;
    if (!jac) continue;
    // d(es)/dx = es · d(logEs)/dx, with d(logEs)/dt0 = d(logEs)/dγ = 1/τf − (1 − s)/3.
    const dLogEsDt1 = capped ? 0 : 1 / tf - (1 - s) / SIGMOID_SCALE_DAYS;
    const dEsDtf = capped ? 0 : (es * (ti - t1)) / (tf * tf);
    const ds = -(s * (1 - s)) / SIGMOID_SCALE_DAYS; // ∂s/∂t0 = ∂s/∂γ
    const dBdt0 = (1 - beta) * es * dLogEsDt1 + (beta / gamma) * (1 - s) - L * ds;
    const dBdgamma = (1 - beta) * es * dLogEsDt1 + ((beta * (ti - t0)) / (gamma * gamma)) * (1 - s) - L * ds;
    const dBdbeta = -es + (-(ti - t0) / gamma) * (1 - s);
    const dg = g * (1 - g);
    const o = i * 6;
    jac[o] = g * B;
    jac[o + 1] = A * (((dg * -1) / tr) * B + g * dBdt0);
    jac[o + 2] = A * g * dBdgamma;
    jac[o + 3] = A * g * dBdbeta;
    jac[o + 4] = A * B * dg * (-(ti - t0) / (tr * tr));
    jac[o + 5] = A * g * (1 - beta) * dEsDtf;
  }
}

export interface SpmFit {
  parameters: SpmParameters;
  /** Reduced χ² as ALeRCE's SPM_chi (null when n ≤ 6). */
  chi: number | null;
  /** Final Σ(model − f)² of the best start. */
  cost: number;
}

function solveDamped(jtj: Float64Array, jtr: Float64Array, lambda: number, step: Float64Array): boolean {
  const k = 6;
  const m = new Float64Array(36);
  for (let i = 0; i < 36; i++) m[i] = jtj[i]!;
  for (let i = 0; i < k; i++) m[i * k + i] = jtj[i * k + i]! * (1 + lambda) + 1e-30;
  // Cholesky.
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * k + j]!;
      for (let l = 0; l < j; l++) s -= m[i * k + l]! * m[j * k + l]!;
      if (i === j) {
        if (!(s > 0)) return false;
        m[i * k + i] = Math.sqrt(s);
      } else m[i * k + j] = s / m[j * k + j]!;
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = jtr[i]!;
    for (let l = 0; l < i; l++) s -= m[i * k + l]! * z[l]!;
    z[i] = s / m[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let l = i + 1; l < k; l++) s -= m[l * k + i]! * step[l]!;
    step[i] = s / m[i * k + i]!;
  }
  return true;
}

/**
 * Fits the SPM to one band (time-sorted mjd, difference magnitudes and errors). Returns null when the
 * band has fewer than 3 points or the fit does not produce finite values.
 */
export function fitSupernovaModel(mjd: NumericArray, mag: NumericArray, err: NumericArray): SpmFit | null {
  const n = mjd.length;
  if (n < 3) return null;
  const t = new Float64Array(n);
  const f = new Float64Array(n);
  const fe = new Float64Array(n);
  let tMin = Infinity;
  for (let i = 0; i < n; i++) tMin = Math.min(tMin, mjd[i]!);
  let fMax = -Infinity;
  let tPeak = 0;
  let tMax = 0;
  for (let i = 0; i < n; i++) {
    t[i] = mjd[i]! - tMin;
    f[i] = magnitudeToSpmFlux(mag[i]!);
    fe[i] = magnitudeToSpmFlux(mag[i]! - err[i]!) - f[i]!;
    if (f[i]! > fMax) {
      fMax = f[i]!;
      tPeak = t[i]!;
    }
    tMax = Math.max(tMax, t[i]!);
  }
  const lower = new Float64Array([fMax / 3, -50, 1, 0, 1, 1]);
  const upper = new Float64Array([3 * fMax, 50, 100, 1, 100, 100]);
  const clip = (x: number, j: number) => Math.min(upper[j]!, Math.max(lower[j]!, x));
  const model = new Float64Array(n);
  const jac = new Float64Array(n * 6);
  const jtj = new Float64Array(36);
  const jtr = new Float64Array(6);
  const step = new Float64Array(6);
  const trial = new Float64Array(6);
  const cost = (params: Float64Array) => {
    spmModel(params, t, model);
    let c = 0;
    for (let i = 0; i < n; i++) c += (f[i]! - model[i]!) ** 2;
    return c;
  };

  /** Projected Levenberg–Marquardt from p (updated in place); returns the final cost. */
  const levenbergMarquardt = (p: Float64Array): number => {
    let current = cost(p);
    let lambda = 1e-3;
    for (let iterations = 0; iterations < MAX_ITERATIONS; iterations++) {
      spmModel(p, t, model, jac);
      jtj.fill(0);
      jtr.fill(0);
      for (let i = 0; i < n; i++) {
        const r = f[i]! - model[i]!;
        const o = i * 6;
        for (let a = 0; a < 6; a++) {
          const ja = jac[o + a]!;
          jtr[a]! += ja * r;
          for (let b = 0; b <= a; b++) jtj[a * 6 + b]! += ja * jac[o + b]!;
        }
      }
      for (let a = 0; a < 6; a++) for (let b = 0; b < a; b++) jtj[b * 6 + a] = jtj[a * 6 + b]!;
      // Parameters pinned at a bound with the gradient pushing outwards are frozen for this step.
      for (let a = 0; a < 6; a++) {
        const atLower = p[a]! <= lower[a]! && jtr[a]! < 0;
        const atUpper = p[a]! >= upper[a]! && jtr[a]! > 0;
        if (atLower || atUpper) {
          jtr[a] = 0;
          for (let b = 0; b < 6; b++) jtj[a * 6 + b] = jtj[b * 6 + a] = b === a ? 1 : 0;
        }
      }
      let improved = false;
      let converged = false;
      for (let attempt = 0; attempt < 12; attempt++) {
        if (!solveDamped(jtj, jtr, lambda, step)) {
          lambda *= 10;
          continue;
        }
        for (let a = 0; a < 6; a++) trial[a] = clip(p[a]! + step[a]!, a);
        const c = cost(trial);
        if (Number.isFinite(c) && c < current) {
          const rel = (current - c) / Math.max(current, 1e-300);
          p.set(trial);
          current = c;
          lambda = Math.max(lambda / 3, 1e-12);
          improved = true;
          converged = rel < 1e-8;
          break;
        }
        lambda *= 4;
      }
      if (!improved || converged) break;
    }
    return current;
  };

  // ALeRCE's initial guess first; two more starts with a short plateau (γ) because the γ–β trade-off
  // has local minima (a plateau-and-drop and a steady decline fit the same rise).
  let p = new Float64Array(6);
  let best = Infinity;
  for (const gammaStart of [tMax, 20, 5]) {
    const start = new Float64Array([clip(1.2 * fMax, 0), clip(-5, 1), clip(gammaStart, 2), 0.5, clip(tPeak / 2, 4), 40]);
    const c = levenbergMarquardt(start);
    if (c < best) {
      best = c;
      p = start;
    }
  }
  spmModel(p, t, model);
  let chi2 = 0;
  for (let i = 0; i < n; i++) chi2 += (model[i]! - f[i]!) ** 2 / (fe[i]! + 0.01) ** 2;
  const parameters: SpmParameters = { A: p[0]!, t0: p[1]!, gamma: p[2]!, beta: p[3]!, tau_rise: p[4]!, tau_fall: p[5]! };
  if (!Object.values(parameters).every(Number.isFinite)) return null;
  return { parameters, chi: n - 6 >= 1 ? chi2 / (n - 6) : null, cost: best };
}
