// The two framings LSST alerts arrive in: an Avro Object Container File (writer schema in the header)
// and the Confluent wire format used on Kafka (0x00, a 4-byte big-endian schema id, one Avro datum).
import { compileAvroSchema } from "../avro/avro-schema";
import { AVRO_MAGIC, readAvroContainer } from "../avro/read-avro-container";
import { bundledLsstSchemaJson, describeBundledLsstSchemas, lsstSchemaVersionOfId, lsstVersionOfSchemaName } from "./lsst-schema-registry";

export type LsstFraming = "container" | "wire";

export type LsstAlertErrorCode = "unknown_schema_id" | "wire_truncated" | "record_decode_failed" | "invalid_alert" | "not_lsst";

/** Bytes that are not a readable LSST alert; `code` is what the quarantine records. */
export class LsstAlertError extends Error {
  override readonly name = "LsstAlertError";

  constructor(
    readonly code: LsstAlertErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface RawLsstAlerts {
  framing: LsstFraming;
  /** "9.0", from the writer schema's name (container) or the message's schema id (wire). */
  schemaVersion: string;
  schemaJson: string;
  schemaFingerprint: string;
  /** Decoded with the writer schema: longs as bigint, bytes as Buffer. */
  records: unknown[];
  /** Each record's own encoding (records[i] decoded from recordBytes[i]). */
  recordBytes: Buffer[];
}

const WIRE_MAGIC = 0x00;
const WIRE_HEADER_BYTES = 5;

/** Confluent wire format: byte 0 is 0x00 (an Avro container starts with "Obj\x01"). */
export function isConfluentWireMessage(bytes: Buffer): boolean {
  return bytes.length > 0 && bytes[0] === WIRE_MAGIC;
}

/** Whether these bytes are an LSST alert (wire format, or a container whose writer schema is lsst.vX_Y.alert), without decoding records. */
export function isLsstAlertBytes(bytes: Buffer): boolean {
  if (isConfluentWireMessage(bytes)) return true;
  if (bytes.length < AVRO_MAGIC.length || !bytes.subarray(0, AVRO_MAGIC.length).equals(AVRO_MAGIC)) return false;
  // The schema JSON sits in the header's metadata map, within the first few tens of kilobytes.
  const head = bytes.subarray(0, Math.min(bytes.length, 512)).toString("latin1");
  return /"name"\s*:\s*"lsst\.v\d+_\d+\.alert"|"namespace"\s*:\s*"lsst\.v\d+_\d+"/.test(head);
}

/** Reads an LSST container file or wire-format message into raw records (decoded by the writer schema). */
export function readLsstAlertBytes(bytes: Buffer): RawLsstAlerts {
  return isConfluentWireMessage(bytes) ? readWireMessage(bytes) : readContainer(bytes);
}

function readContainer(bytes: Buffer): RawLsstAlerts {
  const container = readAvroContainer(bytes);
  const schemaVersion = lsstVersionOfSchemaName(container.schemaName);
  if (schemaVersion === null) {
    throw new LsstAlertError(
      "not_lsst",
      `Avro container writer schema is ${container.schemaName ?? "unnamed"}, not an LSST alert schema (lsst.vX_Y.alert)`,
    );
  }
  return {
    framing: "container",
    schemaVersion,
    schemaJson: container.schemaJson,
    schemaFingerprint: container.schemaFingerprint,
    records: container.records,
    recordBytes: container.recordBytes,
  };
}

function readWireMessage(bytes: Buffer): RawLsstAlerts {
  if (bytes.length <= WIRE_HEADER_BYTES) {
    throw new LsstAlertError(
      "wire_truncated",
      `Kafka wire-format message of ${bytes.length} bytes: the header alone needs ${WIRE_HEADER_BYTES} and no Avro datum follows`,
    );
  }
  const schemaId = bytes.readUInt32BE(1);
  const schemaJson = bundledLsstSchemaJson(schemaId);
  if (schemaJson === null) {
    throw new LsstAlertError(
      "unknown_schema_id",
      `Kafka wire-format message names schema id ${schemaId} (LSST schema ${lsstSchemaVersionOfId(schemaId)}), which is not bundled ` +
        `(bundled: ${describeBundledLsstSchemas()}); add lib/lsst/schemas/lsst.v${Math.floor(schemaId / 100)}_${schemaId % 100}.alert.json`,
    );
  }
  const compiled = compileAvroSchema(schemaJson);
  let decoded: { value: unknown; offset: number };
  try {
    decoded = compiled.type.decode(bytes, WIRE_HEADER_BYTES);
  } catch (error) {
    throw new LsstAlertError(
      "record_decode_failed",
      `Kafka message datum cannot be decoded with schema ${lsstSchemaVersionOfId(schemaId)}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (decoded.offset < 0) {
    throw new LsstAlertError(
      "wire_truncated",
      `Kafka message datum runs past the end of its ${bytes.length} bytes (schema ${lsstSchemaVersionOfId(schemaId)}: truncated or another schema)`,
    );
  }
  if (decoded.offset !== bytes.length) {
    throw new LsstAlertError(
      "record_decode_failed",
      `Kafka message has ${bytes.length - decoded.offset} bytes left over after one datum of schema ${lsstSchemaVersionOfId(schemaId)} (wrong schema id?)`,
    );
  }
  return {
    framing: "wire",
    schemaVersion: lsstSchemaVersionOfId(schemaId),
    schemaJson,
    schemaFingerprint: compiled.fingerprint,
    records: [decoded.value],
    recordBytes: [bytes.subarray(WIRE_HEADER_BYTES)],
  };
}
