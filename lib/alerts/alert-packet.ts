import { avsc, type AvroType } from "../avro/avsc";
import { compileAvroSchema } from "../avro/avro-schema";
import { writeAvroContainer } from "../avro/write-avro-container";
import type { ZtfCutouts } from "./ztf-alert-schema";
import { ZTF_CUTOUT_FIELDS, ZTF_CUTOUT_KINDS } from "./ztf-cutouts";

export type SplitAlertPacket = {
  /**
   * The record's Avro binary encoding under its writer schema, cutout fields set to null where
   * allowed. The schema itself (~20 KB of JSON, shared by every alert of a stream) is stored once.
   */
  recordWithoutCutouts: Buffer<ArrayBuffer>;
  /** False when the writer schema does not allow null for a cutout field (that cutout is kept inline). */
  cutoutsStripped: boolean;
};

/**
 * Re-encodes one decoded alert record under its own writer schema without its cutouts, so the
 * packet can be stored small (the stamps are ~40 KB of a ~60 KB alert) and rebuilt on demand.
 */
export function splitAlertPacket(record: unknown, writerSchemaJson: string): SplitAlertPacket {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new TypeError("splitAlertPacket: the alert record must be an object");
  }
  const { type } = compileAvroSchema(writerSchemaJson);
  const withoutCutouts: Record<string, unknown> = { ...record };
  let cutoutsStripped = true;
  for (const kind of ZTF_CUTOUT_KINDS) {
    const field = ZTF_CUTOUT_FIELDS[kind];
    const fieldType = recordFieldType(type, field);
    if (!fieldType) continue;
    if (acceptsNull(fieldType)) withoutCutouts[field] = null;
    else cutoutsStripped = false;
  }
  // avsc returns a fresh Buffer over a plain ArrayBuffer: no copy needed.
  return { recordWithoutCutouts: type.toBuffer(withoutCutouts) as Buffer<ArrayBuffer>, cutoutsStripped };
}

/**
 * Puts cutouts back into a record made by splitAlertPacket and wraps it in a single-record Avro
 * container under the writer schema: the alert as it was distributed. A null cutout leaves
 * whatever the record holds for that field.
 */
export function rebuildAlertAvro(recordWithoutCutouts: Buffer, writerSchemaJson: string, cutouts: ZtfCutouts): Buffer<ArrayBuffer> {
  const { type } = compileAvroSchema(writerSchemaJson);
  let record: unknown;
  try {
    record = type.fromBuffer(recordWithoutCutouts);
  } catch (error) {
    throw new TypeError(`rebuildAlertAvro: the stored record does not decode under its writer schema (${(error as Error).message})`);
  }
  if (record === null || typeof record !== "object") throw new TypeError("rebuildAlertAvro: the stored record is not an Avro record");
  const rebuilt: Record<string, unknown> = { ...record };
  for (const kind of ZTF_CUTOUT_KINDS) {
    const field = ZTF_CUTOUT_FIELDS[kind];
    const cutout = cutouts[kind];
    if (cutout && recordFieldType(type, field)) rebuilt[field] = { fileName: cutout.fileName, stampData: cutout.stampData };
  }
  return writeAvroContainer(writerSchemaJson, [rebuilt]);
}

function recordFieldType(type: AvroType, fieldName: string): AvroType | null {
  if (!(type instanceof avsc.types.RecordType)) return null;
  return type.fields.find((f) => f.name === fieldName)?.type ?? null;
}

function acceptsNull(type: AvroType): boolean {
  if (type.typeName === "null") return true;
  if (type instanceof avsc.types.UnwrappedUnionType || type instanceof avsc.types.WrappedUnionType) {
    return type.types.some((branch) => branch.typeName === "null");
  }
  return false;
}
