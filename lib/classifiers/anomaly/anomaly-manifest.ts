import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

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
  featureVersion: z.string().min(1),
  /** The input's marker for a missing feature; the graph replaces it by the column's training median. */
  missingValue: z.literal(-999),
  /** Per column: the training median (the imputed value) and the median absolute deviation × 1.4826 (robust σ, 0 when constant). */
  medians: z.array(z.number()),
  robustSigmas: z.array(z.number()),
  /** Per column: share of training rows where the feature was missing. */
  missingShare: z.array(z.number()),
  forest: z.object({ nTrees: z.number().int().positive(), sampleSize: z.number().int().positive(), maxDepth: z.number().int().positive() }),
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

export function readAnomalyModelManifest(dir: string): AnomalyModelManifest {
  const file = path.join(dir, "model.json");
  if (!fs.existsSync(file)) throw new Error(`no anomaly detector in ${dir} (model.json missing): run npm run train:anomaly`);
  const manifest = anomalyModelManifestSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  const width = manifest.features.length;
  if ([manifest.medians, manifest.robustSigmas, manifest.missingShare].some((a) => a.length !== width)) {
    throw new Error(`${file}: per-column arrays do not have ${width} entries`);
  }
  return manifest;
}
