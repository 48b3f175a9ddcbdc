import fs from "node:fs";
import path from "node:path";
import { LC_FEATURE_KEYS, LC_FEATURE_VERSION } from "../../lib/features/compute-lightcurve-features";
import { simulateLightcurveDataset } from "../simulators/lightcurve-simulator";
import {
  type HierarchicalForest,
  type HierarchicalOptions,
  hierarchicalForestToOnnx,
  trainHierarchicalForest,
} from "./hierarchical-forest";
import { lcFeatureMatrix } from "./lc-dataset";
import { LC_BRANCHES, LC_CLASSES } from "../../lib/classifiers/lc/lc-taxonomy";
import { type LcModelManifest, lcModelManifestSchema } from "../../lib/classifiers/lc/model-manifest";

/** model.onnx + model.json of a trained hierarchical forest; returns the manifest and the ONNX size. */
export function writeLcModel(
  dir: string,
  model: HierarchicalForest,
  fields: { classifierVersion: string; options: HierarchicalOptions; seed: number; trainedAt?: string; metadata?: Record<string, string> },
): { manifest: LcModelManifest; bytes: number } {
  const trainedAt = fields.trainedAt ?? new Date().toISOString();
  const manifest = lcModelManifestSchema.parse({
    classifierName: "lc_classifier",
    classifierVersion: fields.classifierVersion,
    classes: [...LC_CLASSES],
    branches: [...LC_BRANCHES],
    features: LC_FEATURE_KEYS.map(({ name, fid }) => ({ name, fid })),
    featureVersion: LC_FEATURE_VERSION,
    missingValue: -999,
    minDetections: 5,
    forests: { top: fields.options.top, ...fields.options.children },
    trainedAt,
    seed: fields.seed,
  });
  const onnx = hierarchicalForestToOnnx(model, {
    classifier_version: manifest.classifierVersion,
    feature_version: LC_FEATURE_VERSION,
    trained_at: trainedAt,
    ...fields.metadata,
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "model.onnx"), onnx);
  fs.writeFileSync(path.join(dir, "model.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, bytes: onnx.length };
}

/**
 * A SMALL model (6 simulated objects per class, 10 trees per forest, a few seconds) with the given
 * version string: the real graph and plumbing for tests and benches when
 * models/lc_classifier/<current> is not there (or a second version is needed).
 */
export function writeSmallLcModel(dir: string, classifierVersion = "lc_classifier_small", seed = 1): LcModelManifest {
  const data = simulateLightcurveDataset(seed, 6);
  const columns = LC_FEATURE_KEYS.map(({ name, fid }) => ({ name, fid }));
  const x = lcFeatureMatrix(
    data.map((d) => d.input),
    columns,
  );
  const settings = { nTrees: 10 };
  const options: HierarchicalOptions = {
    top: settings,
    children: { Periodic: settings, Stochastic: { ...settings, mtry: 0.2 }, Transient: settings },
    seed,
  };
  const model = trainHierarchicalForest(
    x,
    data.map((d) => d.label),
    columns.length,
    options,
  );
  return writeLcModel(dir, model, { classifierVersion, options, seed, trainedAt: new Date(0).toISOString() }).manifest;
}
