import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { STAMP_CLASSES } from "./stamp-classes";
import { STAMP_FEATURES } from "./stamp-features";

/** Where trained stamp classifiers live: models/stamp_classifier/<version>/{model.onnx, model.json, MODEL_CARD.md}. */
// Next's server bundles (the "why this class" routes) have no import.meta.dirname: there the project root is the cwd.
export const STAMP_MODELS_DIR = path.resolve(
  import.meta.dirname ?? path.join(process.cwd(), "lib/classifiers/stamp"),
  "../../../models/stamp_classifier",
);
export const CURRENT_STAMP_MODEL_VERSION = "2.1.0";

/** model.json: everything serving needs beside the ONNX graph. */
export const stampModelManifestSchema = z.object({
  classifierName: z.literal("stamp_classifier"),
  /** As stored in probability.classifier_version and taxonomy, e.g. "stamp_classifier_1.0.0". */
  classifierVersion: z.string().min(1),
  classes: z.array(z.enum(STAMP_CLASSES)).length(STAMP_CLASSES.length),
  features: z.array(z.enum(STAMP_FEATURES)).length(STAMP_FEATURES.length),
  scaling: z.object({
    mean: z.array(z.number()).length(STAMP_FEATURES.length),
    std: z.array(z.number().positive()).length(STAMP_FEATURES.length),
  }),
  stampSize: z.literal(21),
  trainedAt: z.string(),
  seed: z.number().int(),
});
export type StampModelManifest = z.infer<typeof stampModelManifestSchema>;

export function stampModelDir(version = CURRENT_STAMP_MODEL_VERSION): string {
  return path.join(STAMP_MODELS_DIR, version);
}

export function readStampModelManifest(dir: string): StampModelManifest {
  const file = path.join(dir, "model.json");
  if (!fs.existsSync(file)) throw new Error(`no stamp classifier in ${dir} (model.json missing): run npm run train:stamps`);
  return stampModelManifestSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}
