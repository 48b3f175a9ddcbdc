/**
 * Evaluation of an exported light-curve classifier (model.onnx with onnxruntime-node, i.e. what the
 * worker serves): the regenerated simulated test split (top level and 15 classes) and the real
 * ALeRCE-labelled light curves of fixtures/lightcurves/labelled (a confusion, they are few).
 */
import fs from "node:fs";
import path from "node:path";
import { computeLightcurveFeatures } from "../../features/compute-lightcurve-features";
import { loadSneLightcurves, LIGHTCURVE_FIXTURES_DIR } from "../../features/load-lightcurve-fixtures";
import { simulateLightcurveDataset } from "../../ml/lightcurve-simulator";
import { loadLcClassifier } from "./lc-classifier";
import { argmaxRows, type ClassificationMetrics, classificationMetrics, lcFeatureMatrix } from "./lc-dataset";
import { ALERCE_LABEL_TO_LC_CLASSES, branchOf, LC_BRANCHES, LC_CLASSES } from "./lc-taxonomy";

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
  seconds: number;
}

/** The simulated test split is simulateLightcurveDataset(seed + 1, perClass) (simulateLcSplits); the first k per class of it for a subset. */
export async function evaluateLcModel(dir: string, options: { seed: number; perClass: number }): Promise<LcEvaluation> {
  const started = performance.now();
  const classifier = await loadLcClassifier(dir);
  try {
    const columns = classifier.manifest.features;
    const test = simulateLightcurveDataset(options.seed + 1, options.perClass);
    const x = lcFeatureMatrix(test.map((t) => t.input), columns);
    const p = await classifier.predict(x);
    const labels = test.map((t) => LC_CLASSES.indexOf(t.label));
    const final = classificationMetrics(LC_CLASSES, labels, argmaxRows(p.final, LC_CLASSES.length));
    const top = classificationMetrics(LC_BRANCHES, test.map((t) => LC_BRANCHES.indexOf(branchOf(t.label))), argmaxRows(p.top, LC_BRANCHES.length));

    const real = loadSneLightcurves(REAL_LIGHTCURVES_DIR);
    const results = await classifier.classify(real.map((r) => computeLightcurveFeatures(r.input)));
    const objects: RealObjectResult[] = real.map((r, k) => {
      const probabilities = results[k]!.probabilities;
      const best = probabilities.indexOf(Math.max(...probabilities));
      const topBest = results[k]!.top.indexOf(Math.max(...results[k]!.top));
      const predicted = LC_CLASSES[best]!;
      return {
        oid: r.input.oid,
        alerceLabel: r.label,
        predicted,
        probability: Number(probabilities[best]!.toFixed(4)),
        predictedBranch: LC_BRANCHES[topBest]!,
        pTransient: Number(results[k]!.top[2]!.toFixed(4)),
        correct: (ALERCE_LABEL_TO_LC_CLASSES[r.label] ?? []).includes(predicted),
      };
    });
    const confusion: Record<string, Record<string, number>> = {};
    for (const o of objects) {
      const row = (confusion[o.alerceLabel] ??= {});
      row[o.predicted] = (row[o.predicted] ?? 0) + 1;
    }
    return {
      seed: options.seed,
      perClass: options.perClass,
      top,
      final,
      real: {
        source: path.relative(path.resolve(import.meta.dirname, "../../.."), REAL_LIGHTCURVES_DIR),
        objects,
        confusion,
        correct: objects.filter((o) => o.correct).length,
        transientTop: objects.filter((o) => o.predictedBranch === "Transient").length,
      },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await classifier.close();
  }
}

/** evaluation.json as written by train:lc (the parts eval:lc reproduces). */
export function readRecordedEvaluation(dir: string): { data: { seed: number; sizesPerClass: { train: number; test: number }; subsetPerClass: number }; test: { top: ClassificationMetrics; final: ClassificationMetrics }; subset: { top: ClassificationMetrics; final: ClassificationMetrics }; real: RealEvaluation } {
  return JSON.parse(fs.readFileSync(path.join(dir, "evaluation.json"), "utf8"));
}
