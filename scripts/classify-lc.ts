// `npm run classify:lc -- <file.csv | folder> [more ...] [--out file.jsonl] [--dir models/lc_classifier/<version>]`:
// the light-curve classifier on CSV light curves (one object per file: ALeRCE's detections export
// or time,mag,magerr,band; see lib/classify-cli/lightcurve-csv.ts), no database needed. One JSON line
// per object: oid, n_detections, classifier, version, top (Periodic, Stochastic, Transient) and the
// 15 class probabilities. A file that cannot be classified is one line on stderr and the run goes on.
// Exit code: 0 when everything was classified, 1 when something failed, 2 for a usage error.
import path from "node:path";
import { parseArgs } from "node:util";
import { loadLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { lcModelDir } from "../lib/classifiers/lc/model-manifest";
import { classifyLightcurveSource } from "../lib/classify-cli/classify-lightcurves";
import { openJsonlOutput, reportFailure } from "../lib/classify-cli/jsonl-output";

const USAGE = "usage: npm run classify:lc -- <file.csv | folder> [more ...] [--out file.jsonl] [--dir model-folder]";
let args;
try {
  args = parseArgs({
    options: { out: { type: "string" }, dir: { type: "string", default: lcModelDir() }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const targets = args.positionals.filter((a) => a !== "--");
if (args.values.help || targets.length === 0) {
  console.error(USAGE);
  process.exit(args.values.help ? 0 : 2);
}

const classifier = await loadLcClassifier(path.resolve(args.values.dir));
const output = openJsonlOutput(args.values.out);
let objects = 0;
let failures = 0;
for (const target of targets) {
  const summary = await classifyLightcurveSource(target, classifier, output.write, reportFailure);
  objects += summary.objects;
  failures += summary.failures;
}
await output.close();
await classifier.close();
console.error(`${objects} light curves classified by ${classifier.manifest.classifierVersion}, ${failures} failed`);
process.exitCode = failures > 0 ? 1 : 0;
