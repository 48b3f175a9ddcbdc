import { splitAlertPacket, splitAlertRecordBytes } from "../alerts/alert-packet";
import { compileAvroSchema } from "../avro/avro-schema";
import { AvroContainerError } from "../avro/avro-container-error";
import { type LsstAlert, parseLsstAlert } from "./lsst-alert";
import { type LsstFraming, LsstAlertError, readLsstAlertBytes } from "./read-lsst-alert-bytes";

export interface DecodedLsstAlert {
  alert: LsstAlert;
  framing: LsstFraming;
  schemaFingerprint: string;
  schemaJson: string;
  /** The record encoded with its writer schema, cutouts set to null (what lsst_alert.avro keeps). */
  recordWithoutCutouts: Buffer;
}

export interface LsstRejection {
  /** 0-based record index; null when the whole file or message was rejected. */
  index: number | null;
  /** An AvroContainerError reason or an LsstAlertError code (unknown_schema_id, invalid_alert, ...). */
  code: string;
  reason: string;
}

export interface LsstAlertFileResult {
  alerts: DecodedLsstAlert[];
  rejected: LsstRejection[];
}

/**
 * Decodes LSST alerts from a container file or a Kafka wire-format message. A framing error (unknown
 * schema id, truncated, corrupt) rejects the whole input; a record that fails validation rejects only
 * itself. Other errors are bugs and are rethrown with the source name.
 */
export function readLsstAlerts(bytes: Buffer, sourceName: string): LsstAlertFileResult {
  let raw;
  try {
    raw = readLsstAlertBytes(bytes);
  } catch (error) {
    if (error instanceof LsstAlertError) return { alerts: [], rejected: [{ index: null, code: error.code, reason: error.message }] };
    if (error instanceof AvroContainerError) return { alerts: [], rejected: [{ index: null, code: error.reason, reason: error.message }] };
    throw new Error(`${sourceName}: unexpected error reading an LSST alert: ${(error as Error).message}`, { cause: error });
  }
  const alerts: DecodedLsstAlert[] = [];
  const rejected: LsstRejection[] = [];
  const { type } = compileAvroSchema(raw.schemaJson);
  raw.records.forEach((record, index) => {
    try {
      // Before parsing: the cutouts become views into the record's bytes (see splitAlertRecordBytes).
      const sliced =
        record !== null && typeof record === "object" && !Array.isArray(record)
          ? splitAlertRecordBytes(raw.recordBytes[index]!, record as Record<string, unknown>, type)
          : null;
      alerts.push({
        alert: parseLsstAlert(record, raw.schemaVersion),
        framing: raw.framing,
        schemaFingerprint: raw.schemaFingerprint,
        schemaJson: raw.schemaJson,
        recordWithoutCutouts: (sliced ?? splitAlertPacket(record, raw.schemaJson)).recordWithoutCutouts,
      });
    } catch (error) {
      if (error instanceof LsstAlertError) rejected.push({ index, code: error.code, reason: error.message });
      else throw new Error(`${sourceName} record ${index}: unexpected error: ${(error as Error).message}`, { cause: error });
    }
  });
  return { alerts, rejected };
}
