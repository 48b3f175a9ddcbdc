// The light-curve classifier on real labelled light curves, validation split only
// (realSplitOf(objectId)): the ZTF Bright Transient Survey SNe Ia of
// ../shared/data/labelled-real/bts-snia-lightcurves (spectroscopic labels; alert photometry,
// detections only). SN Ia recall by number of detections (g + r), on the whole light curves and on
// the same light curves truncated at a seeded random epoch (what the classifier sees while a
// supernova is still rising or fading).
import fs from "node:fs";
import path from "node:path";
import { computeLightcurveFeatures } from "../../lib/features/compute-lightcurve-features";
import type { LightcurveFeatureInput } from "../../lib/features/types";
import { loadLcClassifier } from "../../lib/classifiers/lc/lc-classifier";
import { LC_BRANCHES, LC_CLASSES } from "../../lib/classifiers/lc/lc-taxonomy";
import { LC_MIN_DETECTIONS } from "../../lib/pipeline/steps/classify-lightcurves";
import { parseLightcurveCsv } from "../../lib/classify-cli/lightcurve-csv";
import { createRng } from "../../lib/math/random";
import { realSplitOf } from "../real-data/object-split";
import { SHARED_DATA_DIR } from "../real-data/real-stamp-set";
import { calibration, type Interval, type RealReport, realReport, type ReliabilityBin } from "../real-data/real-metrics";
import { loadRealLightcurves, type RealLightcurve } from "./real-lightcurve-set";

export const BTS_SNIA_DIR = path.join(SHARED_DATA_DIR, "labelled-real/bts-snia-lightcurves/light-curves");
export const LENGTH_BINS = [
  { name: "5-10", from: 5, to: 10 },
  { name: "11-20", from: 11, to: 20 },
  { name: "21-40", from: 21, to: 40 },
  { name: "41-80", from: 41, to: 80 },
  { name: ">80", from: 81, to: Number.POSITIVE_INFINITY },
] as const;

export interface RecallCell {
  objects: number;
  snia: number;
  transient: number;
  /** SN Ia recall and its Wilson 95 % interval. */
  recall: number;
  recallCi: Interval;
  transientRecall: number;
}

export interface LcRealEvaluation {
  source: string;
  split: "validation";
  /** Light curves of the validation split, and those eligible (≥ 5 detections in g or r). */
  objects: number;
  eligible: number;
  /** Whole light curves. */
  whole: { all: RecallCell; byLength: Record<string, RecallCell>; predicted: Record<string, number> };
  /** Truncated at a random epoch (one truncation per object, seed 20261205). */
  truncated: { all: RecallCell; byLength: Record<string, RecallCell> };
  /** Calibration of P(top class) on the top level (whole curves; every label is Transient). */
  eceTop: number;
  reliabilityTop: ReliabilityBin[];
  /**
   * Every real labelled light curve of the validation split with ≥ 5 detections in g or r (BTS SNe Ia
   * and the Fink / ZTF-alert objects with SIMBAD, TNS, GCVS, 3HSP labels), whole: top level and 15
   * classes (an ambiguous label — SIMBAD EclBin: EBSD/D or EBC — counts a prediction of either as
   * right). Absent in evaluations recorded before 2.0.0.
   */
  labelled?: LcLabelledEvaluation;
}

export interface LcLabelledEvaluation {
  objects: number;
  /** Objects per label kind and class ("bts SNIa": 489 …). */
  support: Record<string, number>;
  /** Top level (Periodic / Stochastic / Transient): accuracy with its Wilson 95 % interval, per-branch report. */
  topAccuracy: number;
  topAccuracyCi: Interval;
  top: RealReport;
  /** 15 classes; balanced accuracy = mean recall over the classes with real support. */
  final: RealReport;
  /** Top-level accuracy and 15-class balanced accuracy without the BTS SNe Ia (the other labelled objects only). */
  withoutBts: { objects: number; topAccuracy: number; topAccuracyCi: Interval; balancedAccuracy: number };
  eceTop: number;
  reliabilityTop: ReliabilityBin[];
  eceFinal: number;
  reliabilityFinal: ReliabilityBin[];
}

const round = (v: number) => Number(v.toFixed(4));

function wilson(k: number, n: number): Interval {
  if (n === 0) return { low: 0, high: 0 };
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return { low: round(Math.max(0, centre - half)), high: round(Math.min(1, centre + half)) };
}

const cell = (objects: number, snia: number, transient: number): RecallCell => ({
  objects,
  snia,
  transient,
  recall: objects ? round(snia / objects) : 0,
  recallCi: wilson(snia, objects),
  transientRecall: objects ? round(transient / objects) : 0,
});

const eligible = (lc: LightcurveFeatureInput) =>
  [1, 2].some((fid) => lc.detections.filter((d) => d.fid === fid).length >= LC_MIN_DETECTIONS);

/** The labelled validation objects' report (probabilities already served, i.e. calibrated). */
export function labelledEvaluation(
  objects: readonly RealLightcurve[],
  results: readonly { probabilities: number[]; top: number[] }[],
): LcLabelledEvaluation {
  const argmax = (v: readonly number[]) => v.indexOf(Math.max(...v));
  const topLabels = objects.map((o) => LC_BRANCHES.indexOf(o.branch));
  const topPredicted = results.map((r) => argmax(r.top));
  const finalPredicted = results.map((r) => argmax(r.probabilities));
  // an ambiguous label is the predicted class when that is one of its classes, else its first
  const finalLabels = objects.map((o, i) => {
    const p = LC_CLASSES[finalPredicted[i]!]!;
    return LC_CLASSES.indexOf(o.classes.includes(p) ? p : o.classes[0]!);
  });
  const support: Record<string, number> = {};
  for (const o of objects) support[`${o.kind} ${o.classes.join(" or ")}`] = (support[`${o.kind} ${o.classes.join(" or ")}`] ?? 0) + 1;
  const right = topLabels.filter((l, i) => l === topPredicted[i]).length;
  const others = objects.map((o, i) => [o, i] as const).filter(([o]) => o.kind !== "bts");
  const othersRight = others.filter(([, i]) => topLabels[i] === topPredicted[i]).length;
  const othersFinal = realReport(
    LC_CLASSES,
    others.map(([, i]) => finalLabels[i]!),
    others.map(([, i]) => finalPredicted[i]!),
    LC_CLASSES,
    200,
  );
  const top = calibration(Float64Array.from(results.flatMap((r) => r.top)), LC_BRANCHES.length, Int32Array.from(topLabels));
  const final = calibration(Float64Array.from(results.flatMap((r) => r.probabilities)), LC_CLASSES.length, Int32Array.from(finalLabels));
  return {
    objects: objects.length,
    support,
    topAccuracy: objects.length ? round(right / objects.length) : 0,
    topAccuracyCi: wilson(right, objects.length),
    top: realReport(LC_BRANCHES, topLabels, topPredicted),
    final: realReport(LC_CLASSES, finalLabels, finalPredicted),
    withoutBts: {
      objects: others.length,
      topAccuracy: others.length ? round(othersRight / others.length) : 0,
      topAccuracyCi: wilson(othersRight, others.length),
      balancedAccuracy: othersFinal.balancedAccuracy,
    },
    eceTop: top.ece,
    reliabilityTop: top.bins,
    eceFinal: final.ece,
    reliabilityFinal: final.bins,
  };
}

/** The labelled real validation objects (eligible, whole light curves), in a fixed order. */
export async function realValidationLightcurves(): Promise<RealLightcurve[]> {
  return (await loadRealLightcurves())
    .filter((r) => r.split === "validation" && eligible(r.input))
    .sort((a, b) => (a.input.oid < b.input.oid ? -1 : 1));
}

export async function evaluateLcModelOnReal(dir: string, btsDir = BTS_SNIA_DIR): Promise<LcRealEvaluation> {
  const files = fs
    .readdirSync(btsDir)
    .filter((f) => f.endsWith(".csv"))
    .sort();
  const validation = files
    .map((f) => parseLightcurveCsv(fs.readFileSync(path.join(btsDir, f), "utf8"), f))
    .filter((lc) => realSplitOf(lc.oid) === "validation");
  const rng = createRng(20261205);
  const truncated = validation.map((lc) => {
    const keep = LC_MIN_DETECTIONS + Math.floor(rng.next() * Math.max(1, lc.detections.length - LC_MIN_DETECTIONS + 1));
    return { ...lc, detections: lc.detections.slice(0, keep) };
  });
  const classifier = await loadLcClassifier(dir);
  const snia = LC_CLASSES.indexOf("SNIa");
  const transient = LC_BRANCHES.indexOf("Transient");
  try {
    const run = async (list: LightcurveFeatureInput[]) => {
      const usable = list.filter(eligible);
      const results = await classifier.classify(usable.map((lc) => computeLightcurveFeatures(lc)));
      return usable.map((lc, i) => {
        const r = results[i]!;
        const top = r.probabilities.indexOf(Math.max(...r.probabilities));
        const topBranch = r.top.indexOf(Math.max(...r.top));
        return { n: lc.detections.length, predicted: LC_CLASSES[top]!, snia: top === snia, transient: topBranch === transient, top: r.top };
      });
    };
    const summarise = (rows: Awaited<ReturnType<typeof run>>) => ({
      all: cell(rows.length, rows.filter((r) => r.snia).length, rows.filter((r) => r.transient).length),
      byLength: Object.fromEntries(
        LENGTH_BINS.map((b) => {
          const inBin = rows.filter((r) => r.n >= b.from && r.n <= b.to);
          return [b.name, cell(inBin.length, inBin.filter((r) => r.snia).length, inBin.filter((r) => r.transient).length)];
        }),
      ),
    });
    const whole = await run(validation);
    const cut = await run(truncated);
    const labelledObjects = await realValidationLightcurves();
    const labelledResults = await classifier.classify(labelledObjects.map((o) => computeLightcurveFeatures(o.input)));
    const predicted: Record<string, number> = {};
    for (const r of whole) predicted[r.predicted] = (predicted[r.predicted] ?? 0) + 1;
    const topCalibration = calibration(
      Float64Array.from(whole.flatMap((r) => r.top)),
      LC_BRANCHES.length,
      Int32Array.from(whole, () => transient),
    );
    return {
      source: "ZTF BTS SNe Ia (labelled-real/bts-snia-lightcurves), validation split by objectId hash",
      split: "validation",
      objects: validation.length,
      eligible: whole.length,
      whole: { ...summarise(whole), predicted },
      truncated: summarise(cut),
      eceTop: topCalibration.ece,
      reliabilityTop: topCalibration.bins,
      labelled: labelledEvaluation(labelledObjects, labelledResults),
    };
  } finally {
    await classifier.close();
  }
}
