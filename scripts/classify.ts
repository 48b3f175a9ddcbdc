// `npm run classify -- <alert.avro | folder | archive.tar.gz> [more ...] [--out file.jsonl] [--dir models/stamp_classifier/<version>]`:
// the stamp classifier on ZTF alert files, no database needed. One JSON line per alert (stdout or
// --out): objectId, candid, classifier, version, probabilities (AGN, SN, VS, asteroid, bogus) after
// the production rules, network_probabilities, rule and rule_changed_result. A file or alert that
// cannot be classified is one line on stderr ("error: <source>: <reason>") and the run goes on.
// Exit code: 0 when everything was classified, 1 when something failed, 2 for a usage error.
import path from "node:path";
import { parseArgs } from "node:util";
import { loadStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { stampModelDir } from "../lib/classifiers/stamp/model-manifest";
import { classifyAlertSource } from "../lib/classify-cli/classify-alerts";
import { openJsonlOutput, reportFailure } from "../lib/classify-cli/jsonl-output";

const USAGE = "usage: npm run classify -- <alert.avro | folder | archive.tar.gz> [more ...] [--out file.jsonl] [--dir model-folder]";
let args;
try {
  args = parseArgs({
    options: { out: { type: "string" }, dir: { type: "string", default: stampModelDir() }, help: { type: "boolean", short: "h" } },
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

const classifier = await loadStampClassifier(path.resolve(args.values.dir));
const output = openJsonlOutput(args.values.out);
let alerts = 0;
let failures = 0;
for (const target of targets) {
  const summary = await classifyAlertSource(target, classifier, output.write, reportFailure);
  alerts += summary.alerts;
  failures += summary.failures;
}
await output.close();
await classifier.close();
console.error(`${alerts} alerts classified by ${classifier.manifest.classifierVersion}, ${failures} failed`);
process.exitCode = failures > 0 ? 1 : 0;
