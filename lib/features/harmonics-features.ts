/**
 * Harmonic-series fit of one band at the multiband period (ALeRCE's HarmonicsExtractor, read to
 * learn): m(t) = c + Σ_{k=1..7} [a_k cos(2πkt/P) + b_k sin(2πkt/P)], weighted least squares with
 * weights 1/(σ + 0.01)² (a minimum-norm solution when there are fewer than 15 points, as numpy's pinv).
 * Harmonics_mag_k = √(a_k² + b_k²); Harmonics_phase_k = φ_k − k·φ_1 mod 2π (k ≥ 2), φ_k = atan2(b_k, a_k),
 * independent of the time origin; Harmonics_mse = mean squared residual (unweighted).
 *
 * Psi_CS and Psi_eta (FoldedKimExtractor): the band folded at twice the period, phase =
 * (mjd mod 2P)/(2P), magnitudes sorted by phase; Psi_CS = Rcs of that sequence and
 * Psi_eta = Σ(m_{i+1} − m_i)² / ((n − 1)σ²) (population σ).
 */
import { solveLeastSquares } from "./least-squares";
import { rcs } from "./turbo-fats-features";
import { mean, variance, type NumericArray } from "./statistics";

export const N_HARMONICS = 7;
export const HARMONICS_FEATURE_NAMES = [
  ...Array.from({ length: N_HARMONICS }, (_, k) => `Harmonics_mag_${k + 1}`),
  ...Array.from({ length: N_HARMONICS - 1 }, (_, k) => `Harmonics_phase_${k + 2}`),
  "Harmonics_mse",
] as const;

export function computeHarmonicsFeatures(
  mag: NumericArray,
  mjd: NumericArray,
  err: NumericArray,
  periodDays: number,
): Record<string, number> {
  const n = mag.length;
  const k = 2 * N_HARMONICS + 1;
  const a = new Float64Array(n * k);
  const b = new Float64Array(n);
  const design = new Float64Array(n * k);
  const tRef = mean(mjd);
  const omega = (2 * Math.PI) / periodDays;
  for (let i = 0; i < n; i++) {
    const wi = 1 / (err[i]! + 0.01);
    const theta = omega * (mjd[i]! - tRef);
    design[i * k] = 1;
    for (let h = 1; h <= N_HARMONICS; h++) {
      design[i * k + h] = Math.cos(h * theta);
      design[i * k + N_HARMONICS + h] = Math.sin(h * theta);
    }
    for (let j = 0; j < k; j++) a[i * k + j] = wi * design[i * k + j]!;
    b[i] = wi * mag[i]!;
  }
  let scale = 0;
  for (let i = 0; i < n * k; i++) scale += a[i]! * a[i]!;
  const coef = solveLeastSquares(a, b, n, k, 1e-12 * (scale / k));
  const out: Record<string, number> = {};
  const phi: number[] = [];
  for (let h = 1; h <= N_HARMONICS; h++) {
    const ac = coef[h]!;
    const bs = coef[N_HARMONICS + h]!;
    out[`Harmonics_mag_${h}`] = Math.hypot(ac, bs);
    phi.push(Math.atan2(bs, ac));
  }
  const twoPi = 2 * Math.PI;
  for (let h = 2; h <= N_HARMONICS; h++) {
    const p = phi[h - 1]! - h * phi[0]!;
    out[`Harmonics_phase_${h}`] = ((p % twoPi) + twoPi) % twoPi;
  }
  let mse = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let j = 0; j < k; j++) fit += design[i * k + j]! * coef[j]!;
    mse += (fit - mag[i]!) ** 2;
  }
  out.Harmonics_mse = mse / n;
  return out;
}

export function computeFoldedFeatures(mag: NumericArray, mjd: NumericArray, periodDays: number): { Psi_CS: number; Psi_eta: number } {
  const n = mag.length;
  const twoP = 2 * periodDays;
  const order = Array.from({ length: n }, (_, i) => i);
  const phase = Array.from({ length: n }, (_, i) => (((mjd[i]! % twoP) + twoP) % twoP) / twoP);
  order.sort((x, y) => phase[x]! - phase[y]!);
  const folded = new Float64Array(n);
  for (let i = 0; i < n; i++) folded[i] = mag[order[i]!]!;
  const v = variance(folded);
  let s = 0;
  for (let i = 0; i + 1 < n; i++) s += (folded[i + 1]! - folded[i]!) ** 2;
  return { Psi_CS: rcs(folded), Psi_eta: s / ((n - 1) * v) };
}
