// `npm run classify:lc -- <file.csv | folder> [more ...] [--out file.jsonl] [--dir models/lc_classifier/<version>]`:
// the light-curve classifier on CSV light curves (one object per file: ALeRCE's detections export
// or time,mag,magerr,band; see lib/classify-cli/lightcurve-csv.ts), no database needed. One JSON line
// per object: oid, n_detections, classifier, version, top (Periodic, Stochastic, Transient) and the
// 15 class probabilities. A file that cannot be classified is one line on stderr and the run goes on.
// Exit code: 0 when everything was classified, 1 when something failed, 2 for a usage error.
import path from "node:path";
import { loadLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { lcModelDir } from "../lib/classifiers/lc/model-manifest";
import { classifyLightcurveSource } from "../lib/classify-cli/classify-lightcurves";
import { parseClassifyCliArguments } from "../lib/classify-cli/cli-arguments";
import { openJsonlOutput, reportFailure } from "../lib/classify-cli/jsonl-output";

const USAGE = "usage: npm run classify:lc -- <file.csv | folder> [more ...] [--out file.jsonl] [--dir model-folder]";
const args = parseClassifyCliArguments(process.argv.slice(2), USAGE, lcModelDir());

const classifier = await loadLcClassifier(path.resolve(args.modelDir));
const output = openJsonlOutput(args.out);
let objects = 0;
let failures = 0;
for (const target of args.targets) {
  const summary = await classifyLightcurveSource(target, classifier, output.write, reportFailure);
  objects += summary.objects;
  failures += summary.failures;
}
await output.close();
await classifier.close();
console.error(`${objects} light curves classified by ${classifier.manifest.classifierVersion}, ${failures} failed`);
process.exitCode = failures > 0 ? 1 : 0;
