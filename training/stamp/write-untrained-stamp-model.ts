import fs from "node:fs";
import path from "node:path";
import { STAMP_CLASSES, STAMP_SIZE } from "../../lib/classifiers/stamp/stamp-classes";
import { STAMP_FEATURES } from "../../lib/classifiers/stamp/stamp-features";
import { type StampModelManifest, stampModelManifestSchema } from "../../lib/classifiers/stamp/model-manifest";
import { createRng } from "../../lib/math/random";
import { DEFAULT_SHAPE, initialWeights } from "./stamp-cnn";
import { stampCnnToOnnx } from "./stamp-cnn-onnx";

/**
 * Writes an UNTRAINED model directory (initialWeights, scaling mean 0 / std 1, version
 * "stamp_classifier_untrained"): the same graph as a trained model, so the same speed and the same
 * plumbing, for tests and the bench when models/stamp_classifier/<CURRENT> is not there yet.
 */
export async function writeUntrainedStampModel(dir: string, seed = 1): Promise<StampModelManifest> {
  const rng = createRng(seed);
  const weights = initialWeights({ ...DEFAULT_SHAPE, metaFeatures: STAMP_FEATURES.length }, () => rng.next());
  const manifest = stampModelManifestSchema.parse({
    classifierName: "stamp_classifier",
    classifierVersion: "stamp_classifier_untrained",
    classes: [...STAMP_CLASSES],
    features: [...STAMP_FEATURES],
    scaling: { mean: STAMP_FEATURES.map(() => 0), std: STAMP_FEATURES.map(() => 1) },
    stampSize: STAMP_SIZE,
    trainedAt: new Date(0).toISOString(),
    seed,
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "model.onnx"), stampCnnToOnnx(weights, { untrained: "true" }));
  fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}
