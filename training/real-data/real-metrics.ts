// Metrics on real labelled data, shared by the stamp and light-curve evaluations: per-class
// precision / recall / F1 with support and bootstrap 95 % intervals, balanced accuracy, expected
// calibration error with its reliability table, and temperature scaling of probabilities.
import { createRng } from "../../lib/math/random";
import { classificationMetrics, type ClassificationMetrics } from "../classification-metrics";

const round = (v: number) => Number(v.toFixed(4));

export interface Interval {
  low: number;
  high: number;
}

export interface ClassReport {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  /** Bootstrap 95 % intervals (percentile, resampling alerts/objects with replacement). */
  precisionCi: Interval;
  recallCi: Interval;
  f1Ci: Interval;
}

export interface RealReport {
  count: number;
  accuracy: number;
  /** Mean recall over the classes with support in this split. */
  balancedAccuracy: number;
  balancedAccuracyCi: Interval;
  /** Classes with support whose labels are not proxies (see the caller's note). */
  macroRecallStrong: number;
  perClass: Record<string, ClassReport>;
  /** confusion[true][predicted], in `classes` order. */
  confusion: number[][];
}

function balancedAccuracyOf(m: ClassificationMetrics, classes: readonly string[], among: readonly string[]): number {
  const supported = classes.filter((c) => among.includes(c) && m.perClass[c]!.support > 0);
  return supported.length ? supported.reduce((a, c) => a + m.perClass[c]!.recall, 0) / supported.length : 0;
}

function percentile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return round(sorted[i]!);
}

/**
 * The report of `predicted` against `labels` (class indices into `classes`). `strongClasses`: the
 * classes whose labels are not proxies (macroRecallStrong); `reps` bootstrap resamples with `seed`.
 */
export function realReport(
  classes: readonly string[],
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  strongClasses: readonly string[] = classes,
  reps = 1000,
  seed = 20261205,
): RealReport {
  const m = classificationMetrics(classes, labels, predicted);
  const n = labels.length;
  const rng = createRng(seed);
  const samples = {
    ba: [] as number[],
    p: classes.map(() => [] as number[]),
    r: classes.map(() => [] as number[]),
    f: classes.map(() => [] as number[]),
  };
  const l = new Int32Array(n);
  const p = new Int32Array(n);
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      l[i] = labels[j]!;
      p[i] = predicted[j]!;
    }
    const b = classificationMetrics(classes, l, p);
    samples.ba.push(balancedAccuracyOf(b, classes, classes));
    classes.forEach((c, k) => {
      samples.p[k]!.push(b.perClass[c]!.precision);
      samples.r[k]!.push(b.perClass[c]!.recall);
      samples.f[k]!.push(b.perClass[c]!.f1);
    });
  }
  const ci = (values: number[]): Interval => {
    const sorted = [...values].sort((a, b) => a - b);
    return { low: percentile(sorted, 0.025), high: percentile(sorted, 0.975) };
  };
  const perClass: Record<string, ClassReport> = {};
  classes.forEach((c, k) => {
    const s = m.perClass[c]!;
    perClass[c] = {
      precision: round(s.precision),
      recall: round(s.recall),
      f1: round(s.f1),
      support: s.support,
      precisionCi: ci(samples.p[k]!),
      recallCi: ci(samples.r[k]!),
      f1Ci: ci(samples.f[k]!),
    };
  });
  return {
    count: n,
    accuracy: round(m.accuracy),
    balancedAccuracy: round(balancedAccuracyOf(m, classes, classes)),
    balancedAccuracyCi: ci(samples.ba),
    macroRecallStrong: round(balancedAccuracyOf(m, classes, strongClasses)),
    perClass,
    confusion: m.confusion,
  };
}

export interface ReliabilityBin {
  /** Bin edges of the top-class probability. */
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Expected calibration error of the top class (`bins` equal-width bins) and its reliability table. */
export function calibration(
  probs: ArrayLike<number>,
  width: number,
  labels: ArrayLike<number>,
  bins = 10,
): { ece: number; bins: ReliabilityBin[] } {
  const n = labels.length;
  const table = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, count: 0, conf: 0, correct: 0 }));
  for (let i = 0; i < n; i++) {
    let top = 0;
    for (let k = 1; k < width; k++) if (probs[i * width + k]! > probs[i * width + top]!) top = k;
    const confidence = probs[i * width + top]!;
    const bin = table[Math.min(bins - 1, Math.floor(confidence * bins))]!;
    bin.count += 1;
    bin.conf += confidence;
    bin.correct += top === labels[i] ? 1 : 0;
  }
  let ece = 0;
  for (const b of table) if (b.count > 0) ece += (b.count / n) * Math.abs(b.correct / b.count - b.conf / b.count);
  return {
    ece: round(ece),
    bins: table.map((b) => ({
      from: b.from,
      to: b.to,
      count: b.count,
      meanConfidence: b.count ? round(b.conf / b.count) : 0,
      accuracy: b.count ? round(b.correct / b.count) : 0,
    })),
  };
}

/** p_k^{1/T} renormalised: softmax(logits / T) from softmax(logits). */
export function temperatureScaled(probs: ArrayLike<number>, width: number, temperature: number): Float64Array {
  const out = new Float64Array(probs.length);
  for (let i = 0; i < probs.length / width; i++) {
    let total = 0;
    for (let k = 0; k < width; k++) total += out[i * width + k] = Math.exp(Math.log(Math.max(probs[i * width + k]!, 1e-12)) / temperature);
    for (let k = 0; k < width; k++) out[i * width + k]! /= total;
  }
  return out;
}

/** The temperature (grid 0.2–5, then refined) that minimises the mean negative log-likelihood of `labels`. */
export function fitTemperature(probs: ArrayLike<number>, width: number, labels: ArrayLike<number>): number {
  const nll = (t: number) => {
    const q = temperatureScaled(probs, width, t);
    let s = 0;
    for (let i = 0; i < labels.length; i++) s -= Math.log(Math.max(q[i * width + labels[i]!]!, 1e-12));
    return s / labels.length;
  };
  let best = 1;
  let bestNll = nll(1);
  for (let t = 0.2; t <= 5.0001; t += 0.05) {
    const v = nll(t);
    if (v < bestNll) [best, bestNll] = [t, v];
  }
  for (let t = best - 0.05; t <= best + 0.05; t += 0.005) {
    const v = nll(t);
    if (t > 0 && v < bestNll) [best, bestNll] = [t, v];
  }
  return Number(best.toFixed(3));
}
