/**
 * "Why this class" in plain words: the light-curve classifier's predicted class for an object, the
 * five features that pushed its probability up most and the five that pulled it down most (tree path
 * contributions, lib/classifiers/lc/lc-contributions.ts), each with the feature catalogue's
 * definition and the object's value.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Sql } from "../db/sql";
import { featureVector, LC_MISSING_VALUE } from "../classifiers/lc/lc-classifier";
import {
  lcClassContributions,
  lcContributionModelFromOnnx,
  lcForestOutputs,
  lcPredictedClassContributions,
  type LcContributionModel,
} from "../classifiers/lc/lc-contributions";
import { calibrateLcPrediction } from "../classifiers/lc/lc-calibration";
import { LC_BRANCHES, LC_CLASSES, type LcBranch } from "../classifiers/lc/lc-taxonomy";
import { lcModelDir, type LcModelManifest, readLcModelManifest } from "../classifiers/lc/model-manifest";
import { describeFeature } from "../features/feature-catalog";
import { getObjectFeatures } from "../objects/get-object-features";

export const EXPLANATION_TOP_N = 5;

const BAND_NAMES: Record<number, string> = { 0: "object", 1: "g", 2: "r", 12: "g and r" };

export const featureContributionSchema = z.object({
  name: z.string(),
  fid: z.number().int(),
  band: z.string(),
  /** The object's value; null when missing (the model then sees −999). */
  value: z.number().nullable(),
  /** Change of P(class) credited to this feature. */
  contribution: z.number(),
  definition: z.string().nullable(),
  unit: z.string().nullable(),
});
export type FeatureContribution = z.infer<typeof featureContributionSchema>;

export const lcExplanationSchema = z.object({
  classifier_version: z.string(),
  feature_version: z.string(),
  class_name: z.string(),
  /** P(class) from the forests before any serving-time calibration: bias + Σ contributions. */
  probability: z.number(),
  /** P(class) as served and stored (after the manifest's calibration; equal to `probability` without one). */
  served_probability: z.number(),
  /** P(class) of the forests with no feature known (the root values). */
  bias: z.number(),
  method: z.literal("tree path contributions (Saabas)"),
  for: z.array(featureContributionSchema),
  against: z.array(featureContributionSchema),
});
export type LcExplanation = z.infer<typeof lcExplanationSchema>;

export interface LcExplainer {
  manifest: LcModelManifest;
  model: LcContributionModel;
}

// On globalThis: Next may bundle the API routes and the pages apart; one load per process.
const cache = globalThis as typeof globalThis & { cieloLcExplainerLoads?: Map<string, Promise<LcExplainer>> };

/**
 * The served model's forests, loaded lazily on the first explanation asked for (not at server start):
 * the file is read asynchronously, then decoding model.onnx's forests and their node values takes
 * ~0.7 s of one core (ADR 0040), once per process and directory. Concurrent callers share
 * one load; a failed load is forgotten so the next call tries again.
 */
export function loadLcExplainer(dir: string = lcModelDir()): Promise<LcExplainer> {
  cache.cieloLcExplainerLoads ??= new Map();
  const loads = cache.cieloLcExplainerLoads;
  let load = loads.get(dir);
  if (!load) {
    load = (async () => {
      const manifest = readLcModelManifest(dir);
      const bytes = await fs.promises.readFile(path.join(dir, "model.onnx"));
      // Let the request that asked (and any other) get its I/O going before the synchronous decode.
      await new Promise((resolve) => setImmediate(resolve));
      return { manifest, model: lcContributionModelFromOnnx(bytes) };
    })();
    load.catch(() => loads.delete(dir));
    loads.set(dir, load);
  }
  return load;
}

/** The explanation of one feature set (the model's feature version only), or null when it has none of the model's features. */
export function explainLcClass(
  explainer: LcExplainer,
  values: readonly { name: string; fid: number; value: number | null }[],
): LcExplanation | null {
  const { manifest, model } = explainer;
  const x = featureVector(values, manifest.features);
  if (x.every((v) => v === LC_MISSING_VALUE)) return null;
  // With a serving-time calibration (model.json), the explained class is the served one; the
  // contributions stay those of the uncalibrated forests (the calibration is one monotone rescaling of
  // P(branch), not a feature's doing), so they add up to `probability`, and `served_probability` is apart.
  let e = lcPredictedClassContributions(model, x);
  let servedProbability = e.probability;
  if (manifest.calibration) {
    const raw = lcForestOutputs(model, x);
    const served = calibrateLcPrediction(
      {
        final: new Float32Array(LC_CLASSES.length),
        top: Float32Array.from(raw.top),
        children: Object.fromEntries(LC_BRANCHES.map((b) => [b, Float32Array.from(raw.children[b])])) as Record<LcBranch, Float32Array>,
      },
      manifest.calibration,
    );
    const best = served.final.reduce((bi, v, i, a) => (v > a[bi]! ? i : bi), 0);
    e = lcClassContributions(model, x, LC_CLASSES[best]!);
    servedProbability = served.final[best]!;
  }
  const rows: FeatureContribution[] = manifest.features.map((column, j) => {
    const entry = describeFeature(column.name);
    return {
      name: column.name,
      fid: column.fid,
      band: BAND_NAMES[column.fid] ?? String(column.fid),
      value: x[j] === LC_MISSING_VALUE ? null : x[j]!,
      contribution: e.contributions[j]!,
      definition: entry?.definition ?? null,
      unit: entry?.unit ?? null,
    };
  });
  const byContribution = [...rows].sort((a, b) => b.contribution - a.contribution);
  return {
    classifier_version: manifest.classifierVersion,
    feature_version: manifest.featureVersion,
    class_name: e.className,
    probability: e.probability,
    served_probability: servedProbability,
    bias: e.bias,
    method: "tree path contributions (Saabas)",
    for: byContribution.filter((r) => r.contribution > 0).slice(0, EXPLANATION_TOP_N),
    against: byContribution
      .filter((r) => r.contribution < 0)
      .reverse()
      .slice(0, EXPLANATION_TOP_N),
  };
}

/**
 * The explanation for a stored object: undefined when the object is unknown, null when it has no
 * features of the model's feature version (not light-curve classified).
 */
export async function getObjectLcExplanation(sql: Sql, oid: string, dir: string = lcModelDir()): Promise<LcExplanation | null | undefined> {
  // The small manifest first: an unknown or unclassified object never waits for the forests.
  const features = await getObjectFeatures(sql, oid, { version: readLcModelManifest(dir).featureVersion });
  if (features === null) return undefined;
  if (features.length === 0) return null;
  return explainLcClass(await loadLcExplainer(dir), features);
}
