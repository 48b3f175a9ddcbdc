import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { LC_BRANCHES, LC_CLASSES } from "./lc-taxonomy";

/** Where trained light-curve classifiers live: models/lc_classifier/<version>/{model.onnx, model.json, evaluation.json, MODEL_CARD.md}. */
// Next's server bundles (the "why this class" routes) have no import.meta.dirname: there the project root is the cwd.
export const LC_MODELS_DIR = path.resolve(
  import.meta.dirname ?? path.join(process.cwd(), "lib/classifiers/lc"),
  "../../../models/lc_classifier",
);
/** The served version (2.0.0: simulated + real training data, calibrated; ADR 0042). 1.0.0 stays in models/ as history. */
export const CURRENT_LC_MODEL_VERSION = "2.0.0";

const forestSettingsSchema = z.object({
  nTrees: z.number().int().positive(),
  mtry: z.number().positive().optional(),
  maxDepth: z.number().int().positive().optional(),
  minLeaf: z.number().int().positive().optional(),
  bins: z.number().int().positive().optional(),
});

/** model.json: everything serving needs beside the ONNX graph. */
export const lcModelManifestSchema = z.object({
  classifierName: z.literal("lc_classifier"),
  /** As stored in probability.classifier_version (all five classifier names) and taxonomy, e.g. "lc_classifier_1.0.0". */
  classifierVersion: z.string().min(1),
  classes: z.array(z.enum(LC_CLASSES as [string, ...string[]])).length(LC_CLASSES.length),
  branches: z.array(z.enum(LC_BRANCHES)).length(LC_BRANCHES.length),
  /** The ONNX input columns, in order: lib/features keys (name, fid). */
  features: z.array(z.object({ name: z.string().min(1), fid: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(12)]) })).min(1),
  /** LC_FEATURE_VERSION of the feature code the model was trained with. */
  featureVersion: z.string().min(1),
  /** Value fed for NaN / ±Inf / missing features (ALeRCE's −999). */
  missingValue: z.literal(-999),
  /** Eligibility: detections needed in g or in r. */
  minDetections: z.number().int().positive(),
  forests: z.object({
    top: forestSettingsSchema,
    Periodic: forestSettingsSchema,
    Stochastic: forestSettingsSchema,
    Transient: forestSettingsSchema,
  }),
  trainedAt: z.string(),
  seed: z.number().int(),
  /**
   * Probability calibration applied at serving time (lib/classifiers/lc/lc-calibration.ts), after the
   * ONNX graph: temperature scaling of P(branch), P(class) = calibrated P(branch) · P(class | branch).
   * Absent in 1.0.0 (raw forest probabilities). `version` names the fit (data and date) so a
   * re-fit of the same forests is visible in the manifest.
   */
  calibration: z
    .object({
      method: z.literal("temperature"),
      version: z.string().min(1),
      topTemperature: z.number().positive(),
      fittedOn: z.string().min(1),
    })
    .optional(),
});
export type LcModelManifest = z.infer<typeof lcModelManifestSchema>;

export function lcModelDir(version = CURRENT_LC_MODEL_VERSION): string {
  return path.join(LC_MODELS_DIR, version);
}

export function readLcModelManifest(dir: string): LcModelManifest {
  const file = path.join(dir, "model.json");
  if (!fs.existsSync(file)) throw new Error(`no light-curve classifier in ${dir} (model.json missing): run npm run train:lc`);
  return lcModelManifestSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}
