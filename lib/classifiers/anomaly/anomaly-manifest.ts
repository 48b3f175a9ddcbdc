import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

import { derivedColourSchema } from "./anomaly-columns";
import { CURRENT_ANOMALY_MODEL_VERSION } from "./anomaly-model-version";

export { CURRENT_ANOMALY_MODEL_NAME, CURRENT_ANOMALY_MODEL_VERSION } from "./anomaly-model-version";

/**
 * Where trained anomaly detectors live: models/anomaly_detector/<version>/{model.onnx, model.json,
 * MODEL_CARD.md}. Resolved when asked: in the Next.js server bundle import.meta.dirname is
 * undefined, and the app runs from the project folder.
 */
function anomalyModelsDir(): string {
  const here = import.meta.dirname as string | undefined;
  return here === undefined ? path.resolve("models/anomaly_detector") : path.resolve(here, "../../../models/anomaly_detector");
}

/** model.json: everything serving needs beside the ONNX graph (which imputes and scores on its own). */
export const anomalyModelManifestSchema = z.object({
  modelName: z.literal("anomaly_detector"),
  /** As stored in anomaly_score.model_version, e.g. "anomaly_detector_1.0.0". */
  modelVersion: z.string().min(1),
  /** The ONNX input columns, in order: lib/features keys (name, fid), the light-curve classifier's columns. */
  features: z.array(z.object({ name: z.string().min(1), fid: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(12)]) })).min(1),
  /** After `features`, these colours (g − r of per-band features) complete the input row (anomaly-columns.ts). */
  derivedColours: z.array(derivedColourSchema).default([]),
  featureVersion: z.string().min(1),
  /** The input's marker for a missing feature; the graph replaces it by the column's training median. */
  missingValue: z.literal(-999),
  /** Per column: the training median (the imputed value) and the median absolute deviation × 1.4826 (robust σ, 0 when constant). */
  medians: z.array(z.number()),
  robustSigmas: z.array(z.number()),
  /** Per column: share of training rows where the feature was missing. */
  missingShare: z.array(z.number()),
  /**
   * Per column: the present training values at the levels of `quantileLevels` (the object page says
   * "above 99.7 % of objects" from these rather than a z that explodes for near-constant columns).
   */
  quantileLevels: z.array(z.number().min(0).max(1)).default([]),
  quantiles: z.array(z.array(z.number())).default([]),
  forest: z.object({
    nTrees: z.number().int().positive(),
    sampleSize: z.number().int().positive(),
    maxDepth: z.number().int().positive(),
    /** Of nTrees, how many split only on the colour columns (their count); 0 for 1.0.0. */
    colourTrees: z.number().int().nonnegative().default(0),
    colourColumns: z.number().int().nonnegative().default(0),
  }),
  training: z.object({
    objects: z.number().int().positive(),
    sources: z.array(z.object({ name: z.string(), objects: z.number().int().nonnegative() })),
  }),
  /** Training scores at these quantiles (for the card; the object page ranks among stored scores). */
  trainingScoreQuantiles: z.record(z.string(), z.number()),
  minDetections: z.number().int().positive(),
  trainedAt: z.string(),
  seed: z.number().int(),
});
export type AnomalyModelManifest = z.infer<typeof anomalyModelManifestSchema>;

export function anomalyModelDir(version = CURRENT_ANOMALY_MODEL_VERSION): string {
  return path.join(anomalyModelsDir(), version);
}

/** Columns of the ONNX input: the stored features, then the derived colours. */
export function anomalyInputWidth(manifest: Pick<AnomalyModelManifest, "features" | "derivedColours">): number {
  return manifest.features.length + manifest.derivedColours.length;
}

export function readAnomalyModelManifest(dir: string): AnomalyModelManifest {
  const file = path.join(dir, "model.json");
  if (!fs.existsSync(file)) throw new Error(`no anomaly detector in ${dir} (model.json missing): run npm run train:anomaly`);
  const manifest = anomalyModelManifestSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  const width = anomalyInputWidth(manifest);
  const perColumn: number[] = [manifest.medians.length, manifest.robustSigmas.length, manifest.missingShare.length];
  if (manifest.quantiles.length > 0) perColumn.push(manifest.quantiles.length);
  if (perColumn.some((length) => length !== width) || manifest.quantiles.some((q) => q.length !== manifest.quantileLevels.length)) {
    throw new Error(`${file}: per-column arrays do not have ${width} entries`);
  }
  return manifest;
}
