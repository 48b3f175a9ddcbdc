// Serving the stamp classifier: the ONNX network of models/stamp_classifier/<version> plus the
// production rules after it (stamp-rules.ts).
import fs from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { STAMP_CHANNELS, STAMP_CLASSES, STAMP_SIZE } from "./stamp-classes";
import { rawStampFeatures, scaleStampFeatures, STAMP_FEATURES, type StampMetadataInput } from "./stamp-features";
import { readStampModelManifest, stampModelDir, type StampModelManifest } from "./model-manifest";
import { applyStampRules, type StampRule, type StampRuleInput } from "./stamp-rules";

const STAMP_VALUES = STAMP_SIZE * STAMP_SIZE * STAMP_CHANNELS;

export { applyStampRules, type StampRule } from "./stamp-rules";
/** The production rules under their earlier name (ALeRCE's rules, with Cielo's fill-value and ndethist corrections). */
export { applyStampRules as applyAlerceStampRules } from "./stamp-rules";

/** One alert to classify. */
export interface StampClassifierInput extends StampRuleInput {
  /** [21, 21, 3] NHWC tensor from stampTensor(). */
  stamps: Float32Array;
  meta: StampMetadataInput;
  ssmagnr?: number | null;
}

export interface StampClassification {
  /** Probabilities in STAMP_CLASSES order after the rules (they sum to 1). */
  probabilities: number[];
  /** The network's output, STAMP_CLASSES order. */
  raw: number[];
  /** The rule that changed the top class, if any. */
  rule: StampRule | null;
}

export interface StampClassifier {
  manifest: StampModelManifest;
  /** One ONNX run for the whole list; results in input order. */
  classify(inputs: readonly StampClassifierInput[]): Promise<StampClassification[]>;
  close(): Promise<void>;
}

/** Loads models/stamp_classifier/<version> (model.onnx + model.json) into an ORT session. */
export async function loadStampClassifier(dir: string = stampModelDir()): Promise<StampClassifier> {
  const manifest = readStampModelManifest(dir);
  if (manifest.features.some((f, i) => f !== STAMP_FEATURES[i])) {
    throw new Error(`${dir}/model.json: feature order differs from this code's STAMP_FEATURES`);
  }
  const modelPath = path.join(dir, "model.onnx");
  if (!fs.existsSync(modelPath)) throw new Error(`no stamp classifier in ${dir} (model.onnx missing)`);
  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: "all",
    // ORT's idle intra-op threads spin by default, taking the core the preprocessing (and the rest
    // of the ingest) runs on: measured 0.36 → 0.65 ms/alert of preprocessing on 2 cores.
    extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
  });
  // model.json's class order → STAMP_CLASSES order.
  const column = STAMP_CLASSES.map((c) => manifest.classes.indexOf(c));
  const metaWidth = STAMP_FEATURES.length;

  return {
    manifest,
    async classify(inputs) {
      if (inputs.length === 0) return [];
      const n = inputs.length;
      const stamps = new Float32Array(n * STAMP_VALUES);
      const meta = new Float32Array(n * metaWidth);
      inputs.forEach((input, k) => {
        if (input.stamps.length !== STAMP_VALUES)
          throw new Error(`stamp tensor ${k} has ${input.stamps.length} values, expected ${STAMP_VALUES}`);
        stamps.set(input.stamps, k * STAMP_VALUES);
        meta.set(scaleStampFeatures(rawStampFeatures(input.meta), manifest.scaling), k * metaWidth);
      });
      const out = await session.run({
        stamps: new ort.Tensor("float32", stamps, [n, STAMP_SIZE, STAMP_SIZE, STAMP_CHANNELS]),
        meta: new ort.Tensor("float32", meta, [n, metaWidth]),
      });
      const probs = out.probs!.data as Float32Array;
      const width = manifest.classes.length;
      return inputs.map((input, k) => {
        const raw = column.map((j) => probs[k * width + j]!);
        return { raw, ...applyStampRules(raw, input) };
      });
    },
    async close() {
      await session.release();
    },
  };
}

/** loadStampClassifier when the model's files are there, else null (callers run without classification). */
export async function loadStampClassifierIfPresent(dir: string = stampModelDir()): Promise<StampClassifier | null> {
  if (!fs.existsSync(path.join(dir, "model.onnx")) || !fs.existsSync(path.join(dir, "model.json"))) return null;
  return loadStampClassifier(dir);
}

/**
 * For the ingest entry points: the current model (models/stamp_classifier/<CURRENT>) when its files
 * are there, else undefined after logging that new objects will not be stamp-classified.
 */
export async function loadCurrentStampClassifier(
  log: (line: string) => void,
  dir: string = stampModelDir(),
): Promise<StampClassifier | undefined> {
  const classifier = await loadStampClassifierIfPresent(dir);
  if (classifier) log(`stamp classifier ${classifier.manifest.classifierVersion} loaded from ${dir}`);
  else log(`no stamp classifier model in ${dir} (model.onnx + model.json): ingesting without stamp classification`);
  return classifier ?? undefined;
}
