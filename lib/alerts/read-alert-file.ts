import { AvroContainerError, type AvroContainerErrorReason } from "../avro/avro-container-error";
import { readAvroContainer, type AvroContainer } from "../avro/read-avro-container";
import { compileAvroSchema } from "../avro/avro-schema";
import { splitAlertPacket, splitAlertRecordBytes } from "./alert-packet";
import { parseZtfAlert, ZtfAlertError, type ZtfAlert } from "./ztf-alert";

export type DecodedAlert = {
  alert: ZtfAlert;
  recordWithoutCutouts: Buffer<ArrayBuffer>;
  cutoutsStripped: boolean;
  schemaFingerprint: string;
  schemaJson: string;
  /** Writer schema's top-level name, e.g. "ztf.alert" or Fink's "topLevelRecord". */
  schemaName: string | null;
};

export type AlertRejection = {
  /** 0-based record index in the file; null when the whole file was rejected. */
  index: number | null;
  /** Human-readable, without the source name (callers print it next to the source). */
  reason: string;
  code: AvroContainerErrorReason | "invalid_alert";
};

export type AlertFileResult = { alerts: DecodedAlert[]; rejected: AlertRejection[] };

/**
 * Decodes an alert file (Avro container of one or more ZTF alerts). A container error rejects the
 * whole file; an alert that fails validation rejects only that record. Other errors are bugs and
 * are rethrown with the source name.
 */
export function readAlertFile(bytes: Buffer, sourceName: string): AlertFileResult {
  let container: AvroContainer;
  try {
    container = readAvroContainer(bytes);
  } catch (error) {
    if (error instanceof AvroContainerError) return { alerts: [], rejected: [{ index: null, reason: error.message, code: error.reason }] };
    throw new Error(`${sourceName}: unexpected error reading the Avro container: ${(error as Error).message}`, { cause: error });
  }

  const alerts: DecodedAlert[] = [];
  const rejected: AlertRejection[] = [];
  const { type } = compileAvroSchema(container.schemaJson);
  container.records.forEach((record, index) => {
    try {
      // Before parsing: it also makes the cutouts views into the record's bytes (no copies).
      const sliced =
        record !== null && typeof record === "object"
          ? splitAlertRecordBytes(container.recordBytes[index]!, record as Record<string, unknown>, type)
          : null;
      const alert = parseZtfAlert(record);
      const { recordWithoutCutouts, cutoutsStripped } = sliced ?? splitAlertPacket(record, container.schemaJson);
      alerts.push({
        alert,
        recordWithoutCutouts,
        cutoutsStripped,
        schemaFingerprint: container.schemaFingerprint,
        schemaJson: container.schemaJson,
        schemaName: container.schemaName,
      });
    } catch (error) {
      if (error instanceof ZtfAlertError) rejected.push({ index, reason: error.message, code: "invalid_alert" });
      else if (error instanceof AvroContainerError) rejected.push({ index, reason: error.message, code: error.reason });
      else throw new Error(`${sourceName} record ${index}: unexpected error: ${(error as Error).message}`, { cause: error });
    }
  });
  return { alerts, rejected };
}
