// `npm run classify:lc`: the light-curve classifier on CSV light curves, without a database.
import fs from "node:fs/promises";
import path from "node:path";
import { computeLightcurveFeatures } from "../features/compute-lightcurve-features";
import type { FeatureValue } from "../features/types";
import type { LcClassifier } from "../classifiers/lc/lc-classifier";
import { LC_BRANCHES, LC_CLASSES, type LcBranch, type LcClass } from "../classifiers/lc/lc-taxonomy";
import { LC_MIN_DETECTIONS } from "../pipeline/steps/classify-lightcurves";
import { LightcurveCsvError, parseLightcurveCsv } from "./lightcurve-csv";
import { type ClassifyFailure, modelVersionOf } from "./classify-alerts";

/** One output line of `npm run classify:lc`. */
export interface LightcurveClassificationLine {
  oid: string;
  /** Detections in g and r. */
  n_detections: number;
  classifier: string;
  version: string;
  top: Record<LcBranch, number>;
  /** The 15 classes, spelled as the API spells them. */
  probabilities: Record<LcClass, number>;
}

/** The CSV files under `target` (the file itself, or a folder's *.csv recursively, sorted). */
async function csvFiles(target: string): Promise<string[]> {
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) throw new LightcurveCsvError("no such file or folder");
  if (!stat.isDirectory()) return [target];
  const entries = await fs.readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".csv"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * Classifies each CSV under `target` (one object per file; see lightcurve-csv.ts). A file that
 * cannot be read, or whose light curve has fewer than LC_MIN_DETECTIONS detections in both g and r
 * (the classifier's eligibility), is one failure; the others are classified in batches of `batchSize`.
 */
export async function classifyLightcurveSource(
  target: string,
  classifier: LcClassifier,
  emit: (line: LightcurveClassificationLine) => void,
  fail: (failure: ClassifyFailure) => void,
  batchSize = 100,
): Promise<{ objects: number; failures: number }> {
  const { classifierName, classifierVersion } = classifier.manifest;
  const version = modelVersionOf(classifierName, classifierVersion);
  const summary = { objects: 0, failures: 0 };
  let pending: { oid: string; n: number; features: FeatureValue[] }[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const results = await classifier.classify(pending.map((p) => p.features));
    results.forEach((r, k) =>
      emit({
        oid: pending[k]!.oid,
        n_detections: pending[k]!.n,
        classifier: classifierName,
        version,
        top: Object.fromEntries(LC_BRANCHES.map((b, i) => [b, r.top[i]!])) as Record<LcBranch, number>,
        probabilities: Object.fromEntries(LC_CLASSES.map((c, i) => [c, r.probabilities[i]!])) as Record<LcClass, number>,
      }),
    );
    summary.objects += results.length;
    pending = [];
  };
  let files: string[];
  try {
    files = await csvFiles(target);
  } catch (error) {
    fail({ source: target, message: (error as Error).message });
    return { objects: 0, failures: 1 };
  }
  for (const file of files) {
    try {
      const input = parseLightcurveCsv(await fs.readFile(file, "utf8"), file);
      const perBand = [1, 2].map((fid) => input.detections.filter((d) => d.fid === fid).length);
      if (Math.max(...perBand) < LC_MIN_DETECTIONS) {
        throw new LightcurveCsvError(
          `${perBand[0]} detections in g and ${perBand[1]} in r: the classifier needs at least ${LC_MIN_DETECTIONS} in one band`,
        );
      }
      pending.push({ oid: input.oid, n: perBand[0]! + perBand[1]!, features: computeLightcurveFeatures(input) });
    } catch (error) {
      if (!(error instanceof LightcurveCsvError) && (error as NodeJS.ErrnoException).code === undefined) throw error;
      summary.failures += 1;
      fail({ source: file, message: (error as Error).message });
    }
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}
