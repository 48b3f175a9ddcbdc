// `npm run classify -- <alert.avro | folder | archive.tar.gz> [more ...] [--out file.jsonl] [--dir models/stamp_classifier/<version>]`:
// the stamp classifier on ZTF alert files, no database needed. One JSON line per alert (stdout or
// --out): objectId, candid, classifier, version, probabilities (AGN, SN, VS, asteroid, bogus) after
// the production rules, network_probabilities, rule and rule_changed_result. A file or alert that
// cannot be classified is one line on stderr ("error: <source>: <reason>") and the run goes on.
// Exit code: 0 when everything was classified, 1 when something failed, 2 for a usage error.
import path from "node:path";
import { loadStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { stampModelDir } from "../lib/classifiers/stamp/model-manifest";
import { classifyAlertSource } from "../lib/classify-cli/classify-alerts";
import { parseClassifyCliArguments } from "../lib/classify-cli/cli-arguments";
import { openJsonlOutput, reportFailure } from "../lib/classify-cli/jsonl-output";

const USAGE = "usage: npm run classify -- <alert.avro | folder | archive.tar.gz> [more ...] [--out file.jsonl] [--dir model-folder]";
const args = parseClassifyCliArguments(process.argv.slice(2), USAGE, stampModelDir());

const classifier = await loadStampClassifier(path.resolve(args.modelDir));
const output = openJsonlOutput(args.out);
let alerts = 0;
let failures = 0;
for (const target of args.targets) {
  const summary = await classifyAlertSource(target, classifier, output.write, reportFailure);
  alerts += summary.alerts;
  failures += summary.failures;
}
await output.close();
await classifier.close();
console.error(`${alerts} alerts classified by ${classifier.manifest.classifierVersion}, ${failures} failed`);
process.exitCode = failures > 0 ? 1 : 0;
