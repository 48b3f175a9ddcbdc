// `npm run bench:classify-stamps [-- --alerts 5000 --batch 256]`: stamp classification throughput.
// Makes N alerts from the bundled real night (lib/ingest/synthetic-alerts.ts: real cutouts), decodes
// them once (not timed), then times, batch by batch, the preprocessing (gzipped FITS cutouts →
// 21×21×3 tensor) and the classification (metadata features + one ONNX Runtime run + ALeRCE's rules):
// once sequentially (the per-stage costs, as in classifyNewObjects) and once pipelined (ORT runs
// batch k off the main thread while batch k + 1 is preprocessed): `alerts_per_s` is the sequential
// rate (what the ingest does), `pipelined_alerts_per_s` the other (it only helps on idle cores).
// Uses models/stamp_classifier/<CURRENT> when it is there, else an untrained model exported from
// initialWeights into a temporary directory (the same graph, so the same speed), and says so.
// `--model <dir>` benches another model directory (model.onnx + model.json).
// The last line is one JSON object: {"bench":"classify-stamps","alerts_per_s",...}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readAlertFile } from "../lib/alerts/read-alert-file";
import { stampModelDir } from "../lib/classifiers/stamp/model-manifest";
import { STAMP_CLASSES } from "../lib/classifiers/stamp/stamp-classes";
import { loadStampClassifier, type StampClassifierInput } from "../lib/classifiers/stamp/stamp-classifier";
import { writeUntrainedStampModel } from "../training/stamp/write-untrained-stamp-model";
import { type AlertRows, alertRows } from "../lib/ingest/alert-rows";
import { readAlertSource, type AlertSourceFile } from "../lib/ingest/alert-sources";
import { stampInputOf, stampTensorsOf } from "../lib/pipeline/steps/classify-new-objects";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";

const { values } = parseArgs({
  options: { alerts: { type: "string", default: "5000" }, batch: { type: "string", default: "256" }, model: { type: "string" } },
  allowPositionals: true,
});
const count = Number(values.alerts);
const batchSize = Number(values.batch);
if (!(count > 0) || !(batchSize > 0)) throw new Error("--alerts and --batch must be positive numbers");

let dir = path.resolve(values.model ?? stampModelDir());
let tmp: string | null = null;
let model = `model ${dir}`;
if (!fs.existsSync(path.join(dir, "model.onnx"))) {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-bench-stamps-"));
  dir = path.join(tmp, "untrained");
  try {
    await writeUntrainedStampModel(dir);
  } catch (error) {
    throw new Error(`no model in ${dir} and exporting an untrained one failed (${(error as Error).message}); pass --model <dir>`, {
      cause: error,
    });
  }
  model = "UNTRAINED model (initialWeights exported to a temp dir; same graph and speed as the trained one, meaningless probabilities)";
}
console.log(`model: ${model}`);
const classifier = await loadStampClassifier(dir);

// Decode once (not timed).
const templates: AlertSourceFile[] = [];
for await (const file of readAlertSource(path.resolve("fixtures/alerts/night-2018-11-29"))) templates.push(file);
let started = performance.now();
const rows: AlertRows[] = [];
for (const file of syntheticAlerts(templates, count))
  for (const decoded of readAlertFile(file.bytes, file.name).alerts) rows.push(alertRows(decoded, file.name));
console.log(
  `decoded ${rows.length} alerts made from ${templates.length} real ones in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed)`,
);

/** The ingest's preprocessing (classifyNewObjects): gunzip on the thread pool, then stampTensor. */
function preprocess(batch: readonly AlertRows[]): { inputs: StampClassifierInput[]; skipped: number } {
  const tensors = stampTensorsOf(batch);
  const inputs: StampClassifierInput[] = [];
  batch.forEach((r, k) => {
    const t = tensors[k]!;
    if (!(t instanceof Error)) inputs.push(stampInputOf(r, t));
  });
  return { inputs, skipped: batch.length - inputs.length };
}

// Warm-up: one batch through both stages (ORT allocates its arenas on the first runs).
await classifier.classify(preprocess(rows.slice(0, batchSize)).inputs);

type Results = Awaited<ReturnType<typeof classifier.classify>>;
const batches: AlertRows[][] = [];
for (let offset = 0; offset < rows.length; offset += batchSize) batches.push(rows.slice(offset, offset + batchSize));

// Pass 1, sequential (as classifyNewObjects does inside a batch transaction): the cost of each stage.
let preprocessMs = 0;
let inferenceMs = 0;
let skipped = 0;
started = performance.now();
for (const batch of batches) {
  const t0 = performance.now();
  const { inputs, skipped: none } = preprocess(batch);
  skipped += none;
  const t1 = performance.now();
  await classifier.classify(inputs);
  preprocessMs += t1 - t0;
  inferenceMs += performance.now() - t1;
}
const sequentialSeconds = (performance.now() - started) / 1000;

// Pass 2, pipelined: batch k is classified (ORT runs off this thread) while batch k + 1 is preprocessed here.
let classified = 0;
const byClass = new Map<string, number>();
const tally = (results: Results) => {
  classified += results.length;
  for (const r of results) {
    const p = r.probabilities;
    const top = STAMP_CLASSES[p.indexOf(Math.max(...p))]!;
    byClass.set(top, (byClass.get(top) ?? 0) + 1);
  }
};
started = performance.now();
let running: Promise<void> | null = null;
for (const batch of batches) {
  const { inputs } = preprocess(batch);
  await running;
  running = classifier.classify(inputs).then(tally);
}
await running;
const seconds = (performance.now() - started) / 1000;
await classifier.close();
if (tmp) fs.rmSync(tmp, { recursive: true, force: true });

const alertsPerS = rows.length / seconds;
const load = os.loadavg()[0]!;
console.log(
  `sequential: ${(rows.length / sequentialSeconds).toFixed(0)} alerts/s (preprocessing ${(preprocessMs / rows.length).toFixed(3)} ms/alert, ` +
    `classification ${(inferenceMs / rows.length).toFixed(3)} ms/alert, batches of ${batchSize}, ${skipped} without usable cutouts)`,
);
console.log(`pipelined: ${rows.length} alerts in ${seconds.toFixed(2)} s: ${alertsPerS.toFixed(0)} alerts/s`);
console.log(`top classes: ${[...byClass].map(([k, v]) => `${k} ${v}`).join(", ")}`);
console.log(`${os.availableParallelism()} CPUs, load average ${load.toFixed(2)} (other processes slow this bench down)`);
console.log(
  JSON.stringify({
    bench: "classify-stamps",
    model: tmp ? "untrained" : classifier.manifest.classifierVersion,
    alerts: rows.length,
    classified,
    skipped,
    batch_size: batchSize,
    alerts_per_s: Math.round(rows.length / sequentialSeconds),
    pipelined_alerts_per_s: Math.round(alertsPerS),
    preprocess_ms_per_alert: Number((preprocessMs / rows.length).toFixed(4)),
    inference_ms_per_alert: Number((inferenceMs / rows.length).toFixed(4)),
    cpus: os.availableParallelism(),
    load_average: Number(load.toFixed(2)),
  }),
);
