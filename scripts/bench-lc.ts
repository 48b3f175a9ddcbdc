// `npm run bench:lc [-- --objects 300 --seed 1]`: light-curve feature extraction speed on one core.
// Simulates ZTF-like objects of 100 detections each (50 g + 50 r over ~900 d, seasonal gaps, 20 limits):
// a quarter each sinusoidal variables, eclipsing binaries, damped random walks and long transients.
// Warms the JIT up on 30 objects (not timed), then times computeLightcurveFeatures per object, with the
// per-stage split from its `timings` option, then the late classifier's ONNX inference per object
// (models/lc_classifier/<current>, or a small stand-in model when it is absent): ms_per_object is both.
// The last line is one JSON object: {"bench":"lc","ms_per_object",...,"objects_per_s",...}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { computeLightcurveFeatures } from "../lib/features/compute-lightcurve-features";
import type { FeatureValue } from "../lib/features/types";
import { createRng } from "../lib/math/random";
import { simulateBenchObject } from "../lib/features/simulate-bench-lightcurve";
import { loadLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { loadAnomalyDetector } from "../lib/classifiers/anomaly/anomaly-detector";
import { lcModelDir } from "../lib/classifiers/lc/model-manifest";
import { writeSmallLcModel } from "../training/lc/write-lc-model";

/** INFERENCE HOOK: the late classifier's inference on one object's features (timed separately). */
export type LightcurveInferenceHook = (features: FeatureValue[]) => unknown | Promise<unknown>;

export interface LightcurveBenchResult {
  objects: number;
  featuresMsPerObject: number;
  inferenceMsPerObject: number | null;
  p50Ms: number;
  p95Ms: number;
  /** Process CPU time (user + system) of the feature extraction per object: robust when other processes share the cores. */
  cpuMsPerObject: number;
  stagesMsPerObject: Record<string, number>;
}

export async function runLightcurveBench(options: {
  objects: number;
  seed: number;
  inference?: LightcurveInferenceHook;
}): Promise<LightcurveBenchResult> {
  const rng = createRng(options.seed);
  const inputs = Array.from({ length: options.objects }, (_, i) => simulateBenchObject(rng, i));
  const warm = Array.from({ length: 30 }, (_, i) => simulateBenchObject(createRng(options.seed + 1), i));
  for (const input of warm) {
    const f = computeLightcurveFeatures(input);
    if (options.inference) await options.inference(f);
  }
  const stages: Record<string, number> = {};
  const perObject: number[] = [];
  let featuresMs = 0;
  let inferenceMs = 0;
  let featuresCpuMicros = 0;
  for (const input of inputs) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const features = computeLightcurveFeatures(input, { timings: stages });
    const cpu = process.cpuUsage(cpu0);
    featuresCpuMicros += cpu.user + cpu.system;
    const t1 = performance.now();
    if (options.inference) await options.inference(features);
    const t2 = performance.now();
    featuresMs += t1 - t0;
    inferenceMs += t2 - t1;
    perObject.push(t2 - t0);
  }
  perObject.sort((a, b) => a - b);
  const n = inputs.length;
  return {
    objects: n,
    featuresMsPerObject: featuresMs / n,
    inferenceMsPerObject: options.inference ? inferenceMs / n : null,
    p50Ms: perObject[Math.floor(0.5 * (n - 1))]!,
    p95Ms: perObject[Math.floor(0.95 * (n - 1))]!,
    cpuMsPerObject: featuresCpuMicros / 1000 / n,
    stagesMsPerObject: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, v / n])),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { objects: { type: "string", default: "300" }, seed: { type: "string", default: "1" } },
    allowPositionals: true,
  });
  const objects = Number(values.objects);
  const seed = Number(values.seed);
  if (!(objects > 0) || !Number.isFinite(seed)) throw new Error("--objects must be positive and --seed a number");
  // Inference: the committed late classifier (one ONNX run per object, as a worker classifying one
  // object); without one, a small model written to a temporary folder (same graph, fewer trees).
  let modelDir = lcModelDir();
  if (!fs.existsSync(path.join(modelDir, "model.onnx"))) {
    modelDir = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-bench-lc-"));
    writeSmallLcModel(modelDir);
  }
  const classifier = await loadLcClassifier(modelDir);
  console.log(`inference: ${classifier.manifest.classifierVersion} (${modelDir})`);
  // The anomaly score runs on the same features in the same pass (one ONNX run per object too).
  const anomaly = await loadAnomalyDetector();
  let anomalyMs = 0;
  let anomalyCpuMicros = 0;
  const scored: FeatureValue[][] = [];
  const r = await runLightcurveBench({
    objects,
    seed,
    inference: async (features) => {
      const started = performance.now();
      const cpu0 = process.cpuUsage();
      await anomaly.score([features]);
      const cpu = process.cpuUsage(cpu0);
      anomalyCpuMicros += cpu.user + cpu.system;
      anomalyMs += performance.now() - started;
      scored.push(features);
      return classifier.classify([features]);
    },
  });
  // The pipeline's step scores in batches (up to 500 objects per ONNX run): the same rows in one run.
  const batchStarted = performance.now();
  await anomaly.score(scored);
  const anomalyBatchMsPerObject = (performance.now() - batchStarted) / scored.length;
  await classifier.close();
  await anomaly.close();
  const anomalyMsPerObject = anomalyMs / r.objects;
  // Warm-up objects are scored too (30): CPU per scored row.
  const anomalyCpuMsPerObject = anomalyCpuMicros / 1000 / scored.length;
  const fmt = (x: number) => x.toFixed(2);
  console.log(
    `${r.objects} simulated objects, 100 detections each (50 g + 50 r over ~900 d), one core, shared machine (figures pessimistic)`,
  );
  for (const [stage, ms] of Object.entries(r.stagesMsPerObject).sort((a, b) => b[1] - a[1]))
    console.log(`  ${stage.padEnd(16)} ${fmt(ms)} ms/object`);
  console.log(
    `features ${fmt(r.featuresMsPerObject)} ms/object wall (p50 ${fmt(r.p50Ms)}, p95 ${fmt(r.p95Ms)}), ${fmt(r.cpuMsPerObject)} ms/object CPU (features); inference ${r.inferenceMsPerObject === null ? "not measured (no hook)" : `${fmt(r.inferenceMsPerObject)} ms/object`}`,
  );
  console.log(
    `anomaly score ${fmt(anomalyMsPerObject)} ms/object wall, ${fmt(anomalyCpuMsPerObject)} ms CPU, one object per run; ${fmt(anomalyBatchMsPerObject)} ms/object in one batch of ${scored.length} (${anomaly.manifest.modelVersion}, included in inference; goal < 2 ms)`,
  );
  const total = r.featuresMsPerObject + (r.inferenceMsPerObject ?? 0);
  console.log(
    JSON.stringify({
      bench: "lc",
      ms_per_object: Number(total.toFixed(3)),
      objects_per_s: Number((1000 / total).toFixed(1)),
      features_ms_per_object: Number(r.featuresMsPerObject.toFixed(3)),
      period_ms_per_object: Number((r.stagesMsPerObject.period ?? 0).toFixed(3)),
      inference_ms_per_object: r.inferenceMsPerObject === null ? null : Number(r.inferenceMsPerObject.toFixed(3)),
      anomaly_ms_per_object: Number(anomalyMsPerObject.toFixed(3)),
      anomaly_cpu_ms_per_object: Number(anomalyCpuMsPerObject.toFixed(3)),
      anomaly_batch_ms_per_object: Number(anomalyBatchMsPerObject.toFixed(3)),
      p50_ms: Number(r.p50Ms.toFixed(3)),
      p95_ms: Number(r.p95Ms.toFixed(3)),
      cpu_ms_per_object: Number(r.cpuMsPerObject.toFixed(3)),
      load_average_1min: Number(os.loadavg()[0]!.toFixed(2)),
      objects: r.objects,
      detections_per_object: 100,
      stages_ms_per_object: Object.fromEntries(Object.entries(r.stagesMsPerObject).map(([k, v]) => [k, Number(v.toFixed(3))])),
    }),
  );
}
