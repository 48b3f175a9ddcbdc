// The stamp classifier on the real labelled validation split (training/real-data/real-stamp-set.ts),
// through the serving code (loadStampClassifier: ONNX + production rules). Used by
// `npm run eval:stamps` and by scripts/train-stamps-real.ts for the model card.
import { loadStampClassifier } from "../../lib/classifiers/stamp/stamp-classifier";
import { STAMP_CLASSES } from "../../lib/classifiers/stamp/stamp-classes";
import { calibration, realReport, type RealReport, type ReliabilityBin } from "../real-data/real-metrics";
import type { RealStampExample } from "../real-data/real-stamp-set";

/** Classes whose real labels are catalogue or spectroscopic (bogus labels are drb proxies). */
export const STRONG_STAMP_CLASSES = ["AGN", "SN", "VS", "asteroid"] as const;

export interface StampRealEvaluation {
  split: "validation";
  alerts: number;
  objects: number;
  /** Alerts per class and per label kind. */
  support: Record<string, Record<string, number>>;
  /** After the production rules (what is served and stored). */
  withRules: RealReport;
  /** The network alone (argmax of its probabilities). */
  network: RealReport;
  /** Top-class calibration of the served probabilities (after the rules) and of the network's. */
  ece: number;
  eceNetwork: number;
  reliability: ReliabilityBin[];
  reliabilityNetwork: ReliabilityBin[];
  /** How often each rule changed the top class. */
  rules: Record<string, number>;
}

/** The earliest alert of each object (examples come sorted by objectId, then time): what the pipeline classifies. */
export function firstAlertPerObject(examples: readonly RealStampExample[]): RealStampExample[] {
  const seen = new Set<string>();
  return examples.filter((e) => !seen.has(e.objectId) && seen.add(e.objectId));
}

/**
 * The served classifier on the validation split. `firstAlertsOnly`: only the earliest labelled alert
 * of each object (the pipeline classifies an object's first alert; the full split keeps up to
 * MAX_ALERTS_PER_OBJECT per object, whose later alerts can have negative differences).
 */
export async function evaluateStampModelOnReal(
  dir: string,
  examples: readonly RealStampExample[],
  options: { firstAlertsOnly?: boolean } = {},
): Promise<StampRealEvaluation> {
  const all = examples.filter((e) => e.split === "validation");
  const validation = options.firstAlertsOnly ? firstAlertPerObject(all) : all;
  const classifier = await loadStampClassifier(dir);
  try {
    const results = await classifier.classify(validation.map((e) => e.input));
    const k = STAMP_CLASSES.length;
    const labels = Int32Array.from(validation, (e) => STAMP_CLASSES.indexOf(e.label.label));
    const served = new Float64Array(validation.length * k);
    const raw = new Float64Array(validation.length * k);
    const rules: Record<string, number> = {};
    results.forEach((r, i) => {
      served.set(r.probabilities, i * k);
      raw.set(r.raw, i * k);
      if (r.rule) rules[r.rule] = (rules[r.rule] ?? 0) + 1;
    });
    const argmax = (p: Float64Array) =>
      Int32Array.from({ length: validation.length }, (_, i) => {
        let top = 0;
        for (let c = 1; c < k; c++) if (p[i * k + c]! > p[i * k + top]!) top = c;
        return top;
      });
    const support: Record<string, Record<string, number>> = {};
    for (const e of validation) {
      const row = (support[e.label.label] ??= {});
      row[e.label.kind] = (row[e.label.kind] ?? 0) + 1;
    }
    const servedCalibration = calibration(served, k, labels);
    const networkCalibration = calibration(raw, k, labels);
    return {
      split: "validation",
      alerts: validation.length,
      objects: new Set(validation.map((e) => e.objectId)).size,
      support,
      withRules: realReport(STAMP_CLASSES, labels, argmax(served), STRONG_STAMP_CLASSES),
      network: realReport(STAMP_CLASSES, labels, argmax(raw), STRONG_STAMP_CLASSES),
      ece: servedCalibration.ece,
      eceNetwork: networkCalibration.ece,
      reliability: servedCalibration.bins,
      reliabilityNetwork: networkCalibration.bins,
      rules,
    };
  } finally {
    await classifier.close();
  }
}

/** The report as a plain-text table for logs. */
export function formatRealReport(report: RealReport): string {
  const pad = (s: string | number, n = 10) => String(s).padStart(n);
  const ci = (v: number, i: { low: number; high: number }) => `${v.toFixed(3)} [${i.low.toFixed(2)}–${i.high.toFixed(2)}]`;
  return [
    `balanced accuracy ${report.balancedAccuracy.toFixed(4)} [${report.balancedAccuracyCi.low}–${report.balancedAccuracyCi.high}]  accuracy ${report.accuracy.toFixed(4)}  macro recall (strong labels) ${report.macroRecallStrong.toFixed(4)}  (n = ${report.count})`,
    `${pad("class")}${pad("precision", 22)}${pad("recall", 22)}${pad("F1", 22)}${pad("support")}`,
    ...Object.entries(report.perClass).map(
      ([c, s]) =>
        `${pad(c)}${pad(ci(s.precision, s.precisionCi), 22)}${pad(ci(s.recall, s.recallCi), 22)}${pad(ci(s.f1, s.f1Ci), 22)}${pad(s.support)}`,
    ),
    "confusion (rows = true, columns = predicted):",
    `${pad("")}${Object.keys(report.perClass)
      .map((c) => pad(c))
      .join("")}`,
    ...report.confusion.map((row, i) => `${pad(Object.keys(report.perClass)[i]!)}${row.map((v) => pad(v)).join("")}`),
  ].join("\n");
}
