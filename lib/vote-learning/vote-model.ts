// The model learnt from votes (ADR 0043): L2-regularised logistic regression of "SN" (1) vs
// "bogus" (0) on the standardised vote features, fitted by Newton's method (deterministic, exact for
// a dozen columns), plus the held-out metrics both it and the production model are judged by.
import { z } from "zod";
import { VOTE_FEATURE_COLUMNS } from "./vote-features";

export const voteModelSchema = z.object({
  kind: z.literal("logistic_regression"),
  columns: z.array(z.string()),
  /** Training mean (also the imputed value) and standard deviation of each column. */
  means: z.array(z.number()),
  scales: z.array(z.number()),
  weights: z.array(z.number()),
  intercept: z.number(),
  l2: z.number(),
});
export type VoteModel = z.infer<typeof voteModelSchema>;

export interface LabelledRow {
  x: Float64Array;
  y: 0 | 1;
}

const sigmoid = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/** Solves A x = b (A symmetric positive definite, n × n row-major) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const v = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[pivot * n + c]!)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[pivot * n + k]] = [m[pivot * n + k]!, m[c * n + k]!];
      [v[c], v[pivot]] = [v[pivot]!, v[c]!];
    }
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / m[c * n + c]!;
      for (let k = c; k < n; k++) m[r * n + k] = m[r * n + k]! - f * m[c * n + k]!;
      v[r] = v[r]! - f * v[c]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = v[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r * n + k]! * x[k]!;
    x[r] = s / m[r * n + r]!;
  }
  return x;
}

function standardise(model: Pick<VoteModel, "means" | "scales">, x: Float64Array): Float64Array {
  return x.map((v, j) => (Number.isNaN(v) ? 0 : (v - model.means[j]!) / model.scales[j]!));
}

/** Fits the model on labelled rows (columns: VOTE_FEATURE_COLUMNS). */
export function fitVoteModel(rows: readonly LabelledRow[], l2 = 1): VoteModel {
  const d = VOTE_FEATURE_COLUMNS.length;
  const means: number[] = [];
  const scales: number[] = [];
  for (let j = 0; j < d; j++) {
    const present = rows.map((r) => r.x[j]!).filter((v) => !Number.isNaN(v));
    const mean = present.length ? present.reduce((s, v) => s + v, 0) / present.length : 0;
    const sd = present.length ? Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / present.length) : 0;
    means.push(mean);
    scales.push(sd > 1e-12 ? sd : 1);
  }
  const xs = rows.map((r) => standardise({ means, scales }, r.x));
  // Parameters θ = [intercept, w_1..w_d]; the intercept is not penalised.
  const n = d + 1;
  let theta = new Float64Array(n);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Float64Array(n);
    const hessian = new Float64Array(n * n);
    xs.forEach((x, i) => {
      const z = theta[0]! + x.reduce((s, v, j) => s + v * theta[j + 1]!, 0);
      const p = sigmoid(z);
      const w = Math.max(p * (1 - p), 1e-9);
      const row = [1, ...x];
      for (let a = 0; a < n; a++) {
        gradient[a] = gradient[a]! + (p - rows[i]!.y) * row[a]!;
        for (let b = 0; b < n; b++) hessian[a * n + b] = hessian[a * n + b]! + w * row[a]! * row[b]!;
      }
    });
    for (let a = 1; a < n; a++) {
      gradient[a] = gradient[a]! + l2 * theta[a]!;
      hessian[a * n + a] = hessian[a * n + a]! + l2;
    }
    hessian[0] = hessian[0]! + 1e-9;
    const step = solve(hessian, gradient, n);
    theta = theta.map((t, a) => t - step[a]!);
    if (step.reduce((s, v) => Math.max(s, Math.abs(v)), 0) < 1e-10) break;
  }
  return {
    kind: "logistic_regression",
    columns: [...VOTE_FEATURE_COLUMNS],
    means,
    scales,
    weights: Array.from(theta.subarray(1)),
    intercept: theta[0]!,
    l2,
  };
}

/** P(real SN) of one feature row. */
export function predictVoteModel(model: VoteModel, x: Float64Array): number {
  const s = standardise(model, x);
  return sigmoid(model.intercept + s.reduce((acc, v, j) => acc + v * model.weights[j]!, 0));
}

export const voteMetricsSchema = z.object({
  /** Mean binary cross-entropy (probabilities clipped to [1e-6, 1 − 1e-6]): the promotion criterion. */
  log_loss: z.number(),
  /** Share labelled right at p = 0.5. */
  accuracy: z.number(),
  /** Area under the ROC curve; null when the held-out objects are of one class only. */
  auc: z.number().nullable(),
});
export type VoteMetrics = z.infer<typeof voteMetricsSchema>;

export function voteMetrics(p: readonly number[], y: readonly (0 | 1)[]): VoteMetrics {
  const eps = 1e-6;
  const logLoss =
    -p.reduce((s, pi, i) => {
      const q = Math.min(1 - eps, Math.max(eps, pi));
      return s + (y[i] === 1 ? Math.log(q) : Math.log(1 - q));
    }, 0) / p.length;
  const accuracy = p.filter((pi, i) => (pi >= 0.5 ? 1 : 0) === y[i]).length / p.length;
  const pos = p.filter((_, i) => y[i] === 1);
  const neg = p.filter((_, i) => y[i] === 0);
  let auc: number | null = null;
  if (pos.length > 0 && neg.length > 0) {
    let wins = 0;
    for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
    auc = wins / (pos.length * neg.length);
  }
  return { log_loss: logLoss, accuracy, auc };
}
