/**
 * Evaluation of an exported light-curve classifier (model.onnx with onnxruntime-node, i.e. what the
 * worker serves): the regenerated simulated test split (top level and 15 classes) and the real
 * ALeRCE-labelled light curves of fixtures/lightcurves/labelled (a confusion, they are few).
 */
import fs from "node:fs";
import path from "node:path";
import { computeLightcurveFeatures, LC_FEATURE_KEYS } from "../../lib/features/compute-lightcurve-features";
import type { FeatureValue } from "../../lib/features/types";
import { loadSneLightcurves, LIGHTCURVE_FIXTURES_DIR } from "../../lib/features/load-lightcurve-fixtures";
import { simulateLightcurveDataset } from "../simulators/lightcurve-simulator";
import { type LcClassification, loadLcClassifier } from "../../lib/classifiers/lc/lc-classifier";
import { argmaxRows, type ClassificationMetrics, classificationMetrics, lcFeatureMatrix } from "./lc-dataset";
import { ALERCE_LABEL_TO_LC_CLASSES, branchOf, LC_BRANCHES, LC_CLASSES } from "../../lib/classifiers/lc/lc-taxonomy";

export const REAL_LIGHTCURVES_DIR = path.join(LIGHTCURVE_FIXTURES_DIR, "labelled");

export interface RealObjectResult {
  oid: string;
  alerceLabel: string;
  predicted: string;
  probability: number;
  predictedBranch: string;
  pTransient: number;
  /** The prediction is one of the seed classes the ALeRCE label maps to. */
  correct: boolean;
}

export interface RealEvaluation {
  source: string;
  objects: RealObjectResult[];
  /** ALeRCE label → predicted seed class → count. */
  confusion: Record<string, Record<string, number>>;
  correct: number;
  transientTop: number;
}

export interface LcEvaluation {
  seed: number;
  perClass: number;
  top: ClassificationMetrics;
  final: ClassificationMetrics;
  real: RealEvaluation;
  /** 98 real labelled objects of 9 ALeRCE classes, with ALeRCE's own feature values (no light curves available). */
  realAlerceFeatures: RealEvaluation;
  seconds: number;
}

/** ALeRCE's column name of a feature key: `Amplitude_1`, `Multiband_period`, `g-r_max`. */
const alerceColumn = (key: { name: string; fid: number }) => (key.fid === 1 || key.fid === 2 ? `${key.name}_${key.fid}` : key.name);

/**
 * The 100_objects set of ALeRCE's lc_classifier data_examples (fixtures/lightcurves/labelled): ALeRCE's
 * feature values under the same names as lib/features, and the objects' labels.
 */
export function loadAlerceFeatureRows(dir = REAL_LIGHTCURVES_DIR): { oid: string; label: string; values: FeatureValue[] }[] {
  const read = (file: string) => {
    const [header, ...lines] = fs.readFileSync(path.join(dir, file), "utf8").trim().split(/\r?\n/);
    const names = header!.split(",");
    return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i]!, cell])));
  };
  const labels = new Map(read("100_objects_labels.csv").map((r) => [r.objectId!, r.classALeRCE!]));
  return read("100_objects_features.csv").map((row) => ({
    oid: row.objectId!,
    label: labels.get(row.objectId!) ?? "unknown",
    values: LC_FEATURE_KEYS.map((key) => {
      const cell = row[alerceColumn(key)];
      const v = cell === undefined || cell === "" ? NaN : Number(cell);
      return { name: key.name, fid: key.fid, value: Number.isFinite(v) ? v : null };
    }),
  }));
}

function realEvaluation(source: string, rows: { oid: string; label: string }[], results: LcClassification[]): RealEvaluation {
  const objects: RealObjectResult[] = rows.map((r, k) => {
    const { probabilities, top } = results[k]!;
    const best = probabilities.indexOf(Math.max(...probabilities));
    const topBest = top.indexOf(Math.max(...top));
    const predicted = LC_CLASSES[best]!;
    return {
      oid: r.oid,
      alerceLabel: r.label,
      predicted,
      probability: Number(probabilities[best]!.toFixed(4)),
      predictedBranch: LC_BRANCHES[topBest]!,
      pTransient: Number(top[2]!.toFixed(4)),
      correct: (ALERCE_LABEL_TO_LC_CLASSES[r.label] ?? []).includes(predicted),
    };
  });
  const confusion: Record<string, Record<string, number>> = {};
  for (const o of objects) {
    const row = (confusion[o.alerceLabel] ??= {});
    row[o.predicted] = (row[o.predicted] ?? 0) + 1;
  }
  return {
    source,
    objects,
    confusion,
    correct: objects.filter((o) => o.correct).length,
    transientTop: objects.filter((o) => o.predictedBranch === "Transient").length,
  };
}

/** The simulated test split is simulateLightcurveDataset(seed + 1, perClass) (simulateLcSplits); the first k per class of it for a subset. */
export async function evaluateLcModel(dir: string, options: { seed: number; perClass: number }): Promise<LcEvaluation> {
  const started = performance.now();
  const classifier = await loadLcClassifier(dir);
  try {
    const columns = classifier.manifest.features;
    const test = simulateLightcurveDataset(options.seed + 1, options.perClass);
    const x = lcFeatureMatrix(
      test.map((t) => t.input),
      columns,
    );
    const p = await classifier.predict(x);
    const labels = test.map((t) => LC_CLASSES.indexOf(t.label));
    const final = classificationMetrics(LC_CLASSES, labels, argmaxRows(p.final, LC_CLASSES.length));
    const top = classificationMetrics(
      LC_BRANCHES,
      test.map((t) => LC_BRANCHES.indexOf(branchOf(t.label))),
      argmaxRows(p.top, LC_BRANCHES.length),
    );

    const repo = path.resolve(import.meta.dirname, "../..");
    const real = loadSneLightcurves(REAL_LIGHTCURVES_DIR);
    const realResults = await classifier.classify(real.map((r) => computeLightcurveFeatures(r.input)));
    const alerce = loadAlerceFeatureRows();
    const alerceResults = await classifier.classify(alerce.map((r) => r.values));
    return {
      seed: options.seed,
      perClass: options.perClass,
      top,
      final,
      real: realEvaluation(
        path.relative(repo, REAL_LIGHTCURVES_DIR),
        real.map((r) => ({ oid: r.input.oid, label: r.label })),
        realResults,
      ),
      realAlerceFeatures: realEvaluation(
        path.relative(repo, path.join(REAL_LIGHTCURVES_DIR, "100_objects_features.csv")),
        alerce,
        alerceResults,
      ),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await classifier.close();
  }
}

/** evaluation.json as written by train:lc (the parts eval:lc reproduces). */
export function readRecordedEvaluation(dir: string): {
  data: { seed: number; sizesPerClass: { train: number; test: number }; subsetPerClass: number };
  test: { top: ClassificationMetrics; final: ClassificationMetrics };
  subset: { top: ClassificationMetrics; final: ClassificationMetrics };
  real: RealEvaluation;
  realAlerceFeatures: RealEvaluation;
} {
  return JSON.parse(fs.readFileSync(path.join(dir, "evaluation.json"), "utf8"));
}
