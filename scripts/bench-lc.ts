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
import type { FeatureDetection, FeatureNonDetection, FeatureValue, LightcurveFeatureInput } from "../lib/features/types";
import { createRng, type Rng } from "../lib/math/random";
import { loadLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { lcModelDir } from "../lib/classifiers/lc/model-manifest";
import { writeSmallLcModel } from "../training/lc/write-lc-model";

const KINDS = ["sinusoid", "eclipsing_binary", "damped_random_walk", "transient"] as const;

/** A tiny generator for timing only (the classifier's simulator lives elsewhere). */
export function simulateBenchObject(rng: Rng, index: number): LightcurveFeatureInput {
  const kind = KINDS[index % KINDS.length]!;
  const period = rng.logUniform(0.1, 50);
  const tauDays = rng.logUniform(20, 400);
  const detections: FeatureDetection[] = [];
  const nonDetections: FeatureNonDetection[] = [];
  for (const fid of [1, 2]) {
    const span = kind === "transient" ? 150 : 900;
    const times: number[] = [];
    while (times.length < 50) {
      const t = rng.uniform(0, span);
      if (t % 365 < 240) times.push(59_000 + t);
    }
    times.sort((a, b) => a - b);
    let x = rng.normal(0, 0.3);
    times.forEach((mjd, i) => {
      let signal = 0;
      const phase = (((mjd / period) % 1) + 1) % 1;
      if (kind === "sinusoid") signal = 0.4 * Math.sin(2 * Math.PI * phase);
      else if (kind === "eclipsing_binary")
        signal = 0.6 * Math.exp(-0.5 * (Math.min(phase, 1 - phase) / 0.05) ** 2) + 0.3 * Math.exp(-0.5 * ((phase - 0.5) / 0.05) ** 2);
      else if (kind === "damped_random_walk") {
        if (i > 0) {
          const phi = Math.exp(-(mjd - times[i - 1]!) / tauDays);
          x = phi * x + rng.normal(0, 0.3 * Math.sqrt(1 - phi * phi));
        }
        signal = x;
      } else {
        const t = mjd - 59_000;
        signal = -2.5 * Math.log10(Math.max(1e-3, (1 / (1 + Math.exp(-(t - 10) / 3))) * Math.exp(-Math.max(0, t - 25) / 30)));
      }
      const err = 0.02 + 0.05 * rng.next();
      const magpsf = 18 + (fid === 1 ? 0.3 : 0) + signal + rng.normal(0, err);
      detections.push({
        mjd,
        fid,
        magpsf,
        sigmapsf: err,
        magpsf_corr: magpsf - 0.2,
        sigmapsf_corr: err,
        sigmapsf_corr_ext: err,
        isdiffpos: 1,
        corrected: true,
        dubious: false,
        rb: 0.8,
      });
    });
    for (let k = 0; k < 10; k++) nonDetections.push({ mjd: times[0]! - rng.uniform(1, 60), fid, diffmaglim: 20.3 + rng.normal(0, 0.3) });
  }
  return {
    oid: `BENCH${index}`,
    detections,
    nonDetections,
    context: { raDeg: rng.uniform(0, 360), decDeg: rng.uniform(-30, 80), sgscore1: rng.next(), wise: { w1: 15, w2: 14.8, w3: 12 } },
  };
}

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
  const r = await runLightcurveBench({ objects, seed, inference: (features) => classifier.classify([features]) });
  await classifier.close();
  const fmt = (x: number) => x.toFixed(2);
  console.log(
    `${r.objects} simulated objects, 100 detections each (50 g + 50 r over ~900 d), one core, shared machine (figures pessimistic)`,
  );
  for (const [stage, ms] of Object.entries(r.stagesMsPerObject).sort((a, b) => b[1] - a[1]))
    console.log(`  ${stage.padEnd(16)} ${fmt(ms)} ms/object`);
  console.log(
    `features ${fmt(r.featuresMsPerObject)} ms/object wall (p50 ${fmt(r.p50Ms)}, p95 ${fmt(r.p95Ms)}), ${fmt(r.cpuMsPerObject)} ms/object CPU (features); inference ${r.inferenceMsPerObject === null ? "not measured (no hook)" : `${fmt(r.inferenceMsPerObject)} ms/object`}`,
  );
  const total = r.featuresMsPerObject + (r.inferenceMsPerObject ?? 0);
  console.log(
    JSON.stringify({
      bench: "lc",
      ms_per_object: Number(total.toFixed(3)),
      objects_per_s: Number((1000 / total).toFixed(1)),
      features_ms_per_object: Number(r.featuresMsPerObject.toFixed(3)),
      inference_ms_per_object: r.inferenceMsPerObject === null ? null : Number(r.inferenceMsPerObject.toFixed(3)),
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
