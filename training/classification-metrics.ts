/** Classifier evaluation shared by the stamp and light-curve classifiers: argmax, confusion, precision/recall/F1. */

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationMetrics {
  count: number;
  accuracy: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  perClass: Record<string, ClassScores>;
  /** confusion[true][predicted], in `classes` order. */
  confusion: number[][];
}

/** argmax of each row of probabilities [count × width] (ties: the first class). */
export function argmaxRows(probs: ArrayLike<number>, width: number): Int32Array {
  const count = probs.length / width;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let k = 1; k < width; k++) if (probs[i * width + k]! > probs[i * width + best]!) best = k;
    out[i] = best;
  }
  return out;
}

const round = (v: number) => Number(v.toFixed(6));

/** Accuracy, per-class and macro precision/recall/F1 and the confusion matrix (scores rounded to 6 digits). */
export function classificationMetrics(
  classes: readonly string[],
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
): ClassificationMetrics {
  const k = classes.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    confusion[labels[i]!]![predicted[i]!]! += 1;
    if (labels[i] === predicted[i]) correct++;
  }
  const perClass: Record<string, ClassScores> = {};
  let sp = 0;
  let sr = 0;
  let sf = 0;
  classes.forEach((c, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[i]!, 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision: round(precision), recall: round(recall), f1: round(f1), support };
    sp += precision;
    sr += recall;
    sf += f1;
  });
  return {
    count: labels.length,
    accuracy: round(correct / Math.max(1, labels.length)),
    macroPrecision: round(sp / k),
    macroRecall: round(sr / k),
    macroF1: round(sf / k),
    perClass,
    confusion,
  };
}
