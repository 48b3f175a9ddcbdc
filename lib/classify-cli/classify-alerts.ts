// `npm run classify`: the stamp classifier on alert files, without a database. Each alert becomes one
// JSON line with the probabilities after the production rules and the rule that changed the result.
import { readAlertFile } from "../alerts/read-alert-file";
import { readAlertSource } from "../ingest/alert-sources";
import { alertRows } from "../ingest/alert-rows";
import { stampInputOf, stampTensorsOf } from "../pipeline/steps/classify-new-objects";
import { STAMP_CLASSES, type StampClass } from "../classifiers/stamp/stamp-classes";
import type { StampClassifier, StampClassifierInput, StampRule } from "../classifiers/stamp/stamp-classifier";

/** One output line of `npm run classify`. */
export interface AlertClassificationLine {
  objectId: string;
  candid: string;
  classifier: string;
  /** The model's version, e.g. "2.0.0". */
  version: string;
  /** After the production rules; they sum to 1. */
  probabilities: Record<StampClass, number>;
  /** The network's output before the rules. */
  network_probabilities: Record<StampClass, number>;
  /** The production rule that changed the top class, or null. */
  rule: StampRule | null;
  /** Whether a production rule changed the probabilities at all. */
  rule_changed_result: boolean;
}

/** A file (or one alert in it) that could not be classified, as one line for stderr. */
export interface ClassifyFailure {
  source: string;
  message: string;
}

export interface ClassifyAlertsSummary {
  alerts: number;
  failures: number;
}

/** "stamp_classifier_2.0.0" → "2.0.0". */
export function modelVersionOf(classifierName: string, classifierVersion: string): string {
  return classifierVersion.startsWith(`${classifierName}_`) ? classifierVersion.slice(classifierName.length + 1) : classifierVersion;
}

const byClass = (values: readonly number[]) =>
  Object.fromEntries(STAMP_CLASSES.map((c, i) => [c, values[i]!])) as Record<StampClass, number>;

/**
 * Classifies every alert of every file under `target` (an .avro file, a folder, a .tar.gz) in
 * batches of `batchSize`; `emit` gets each line in input order, `fail` each file or alert that
 * could not be classified (unreadable container, invalid alert, no three FITS cutouts). A target
 * that does not exist or is not a readable archive is one failure.
 */
export async function classifyAlertSource(
  target: string,
  classifier: StampClassifier,
  emit: (line: AlertClassificationLine) => void,
  fail: (failure: ClassifyFailure) => void,
  batchSize = 512,
): Promise<ClassifyAlertsSummary> {
  const { classifierName, classifierVersion } = classifier.manifest;
  const version = modelVersionOf(classifierName, classifierVersion);
  const summary: ClassifyAlertsSummary = { alerts: 0, failures: 0 };
  let pending: { objectId: string; candid: string; input: StampClassifierInput }[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const results = await classifier.classify(pending.map((p) => p.input));
    results.forEach((r, k) => {
      const { objectId, candid } = pending[k]!;
      emit({
        objectId,
        candid,
        classifier: classifierName,
        version,
        probabilities: byClass(r.probabilities),
        network_probabilities: byClass(r.raw),
        rule: r.rule,
        rule_changed_result: r.probabilities.some((p, i) => p !== r.raw[i]),
      });
    });
    summary.alerts += results.length;
    pending = [];
  };
  const failed = (source: string, message: string) => {
    summary.failures += 1;
    fail({ source, message });
  };
  try {
    for await (const file of readAlertSource(target)) {
      const { alerts, rejected } = readAlertFile(file.bytes, file.name);
      for (const r of rejected) failed(file.name, r.index === null ? r.reason : `record ${r.index}: ${r.reason}`);
      const rows = alerts.map((decoded) => alertRows(decoded, file.name));
      const tensors = stampTensorsOf(rows);
      rows.forEach((row, k) => {
        const tensor = tensors[k]!;
        if (tensor instanceof Error) failed(file.name, `alert ${row.candid} (${row.oid}): ${tensor.message}`);
        else pending.push({ objectId: row.oid, candid: row.candid.toString(), input: stampInputOf(row, tensor) });
      });
      if (pending.length >= batchSize) await flush();
    }
  } catch (error) {
    const message = (error as Error).message;
    failed(target, message.startsWith(`${target}: `) ? message.slice(target.length + 2) : message);
  }
  await flush();
  return summary;
}
