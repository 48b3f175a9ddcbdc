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

/** How a writer schema ends with the three cutout fields, for splitAlertRecordBytes. */
type CutoutTail = { fields: { name: string; nullIndex: number; valueIndex: number; value: "record" | "bytes" }[] };
const cutoutTails = new WeakMap<AvroType, CutoutTail | null>();

/**
 * The cutout fields when they are the last three of the writer schema (in any order: ZTF's are
 * science, template, difference, Rubin's alphabetical), each a union of null and either bytes
 * (Rubin) or a {fileName: string, stampData: bytes} record (ZTF); null for any other layout.
 */
function cutoutTailOf(type: AvroType): CutoutTail | null {
  const cached = cutoutTails.get(type);
  if (cached !== undefined) return cached;
  let tail: CutoutTail | null = null;
  if (type instanceof avsc.types.RecordType && type.fields.length > ZTF_CUTOUT_KINDS.length) {
    const last = type.fields.slice(-ZTF_CUTOUT_KINDS.length);
    const fields: CutoutTail["fields"] = [];
    const names = new Set<string>(Object.values(ZTF_CUTOUT_FIELDS));
    last.forEach((field) => {
      if (!names.delete(field.name) || !(field.type instanceof avsc.types.UnwrappedUnionType)) return;
      const branches = field.type.types;
      if (branches.length !== 2) return;
      const nullIndex = branches.findIndex((b) => b.typeName === "null");
      const valueIndex = 1 - nullIndex;
      const value = branches[valueIndex];
      if (nullIndex < 0 || !value) return;
      if (value.typeName === "bytes") fields.push({ name: field.name, nullIndex, valueIndex, value: "bytes" });
      else if (
        value instanceof avsc.types.RecordType &&
        value.fields.length === 2 &&
        value.fields[0]!.name === "fileName" &&
        value.fields[0]!.type.typeName === "string" &&
        value.fields[1]!.name === "stampData" &&
        value.fields[1]!.type.typeName === "bytes"
      )
        fields.push({ name: field.name, nullIndex, valueIndex, value: "record" });
    });
    if (fields.length === ZTF_CUTOUT_KINDS.length) tail = { fields };
  }
  cutoutTails.set(type, tail);
  return tail;
}

/** Bytes of a zigzag varint (Avro int / long) of a non-negative safe integer. */
const varintLength = (n: number) => {
  let zigzag = n * 2;
  let length = 1;
  while (zigzag >= 0x80) {
    zigzag = Math.floor(zigzag / 0x80);
    length += 1;
  }
  return length;
};

/** Reads a zigzag varint at `at`: [value, next offset], or null past the end / when longer than 8 bytes. */
function readVarint(bytes: Uint8Array, at: number): [number, number] | null {
  let unsigned = 0;
  let multiplier = 1;
  for (let i = at; i < bytes.length && i < at + 8; i++) {
    const byte = bytes[i]!;
    unsigned += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return [unsigned % 2 === 0 ? unsigned / 2 : -(unsigned + 1) / 2, i + 1];
    multiplier *= 128;
  }
  return null;
}

/**
 * splitAlertPacket without re-encoding, when the writer schema ends with the cutouts (ZTF's and
 * Rubin's do; Fink's rewritten files make their sub-fields nullable and are re-encoded): the record's own bytes up to its cutouts, then the null branch of each cutout field.
 * `recordBytes` is the record's encoding as read (readAvroContainer's recordBytes), `record` its
 * decoded value. Also points the decoded cutouts' bytes at `recordBytes` (views, not avsc's copies).
 * Null when the schema's layout or the bytes do not fit this (then use splitAlertPacket).
 */
export function splitAlertRecordBytes(recordBytes: Buffer, record: Record<string, unknown>, type: AvroType): SplitAlertPacket | null {
  const tail = cutoutTailOf(type);
  if (!tail) return null;
  // The cutouts' encoded length, from the decoded values; then walk those bytes to check them.
  let tailLength = 0;
  for (const field of tail.fields) {
    const value = record[field.name];
    if (value === null || value === undefined) {
      tailLength += varintLength(field.nullIndex);
    } else if (field.value === "bytes") {
      if (!(value instanceof Uint8Array)) return null;
      tailLength += varintLength(field.valueIndex) + varintLength(value.length) + value.length;
    } else {
      const { fileName, stampData } = value as { fileName?: unknown; stampData?: unknown };
      if (typeof fileName !== "string" || !(stampData instanceof Uint8Array)) return null;
      const nameLength = Buffer.byteLength(fileName);
      tailLength +=
        varintLength(field.valueIndex) + varintLength(nameLength) + nameLength + varintLength(stampData.length) + stampData.length;
    }
  }
  const prefixLength = recordBytes.length - tailLength;
  if (prefixLength < 0) return null;
  const views: [Record<string, unknown>, string, Buffer][] = [];
  let at = prefixLength;
  for (const field of tail.fields) {
    const branch = readVarint(recordBytes, at);
    if (!branch) return null;
    at = branch[1];
    const value = record[field.name];
    if (value === null || value === undefined) {
      if (branch[0] !== field.nullIndex) return null;
      continue;
    }
    if (branch[0] !== field.valueIndex) return null;
    if (field.value === "record") {
      const name = readVarint(recordBytes, at);
      if (!name) return null;
      at = name[1] + name[0];
    }
    const length = readVarint(recordBytes, at);
    const expected = field.value === "bytes" ? (value as Uint8Array).length : (value as { stampData: Uint8Array }).stampData.length;
    if (!length || length[0] !== expected) return null;
    at = length[1];
    const view = recordBytes.subarray(at, at + expected);
    if (field.value === "bytes") views.push([record, field.name, view]);
    else views.push([value as Record<string, unknown>, "stampData", view]);
    at += expected;
  }
  if (at !== recordBytes.length) return null;
  const nulls = tail.fields.map((field) => field.nullIndex * 2); // one-byte zigzag varints (index 0 or 1)
  const packet = Buffer.allocUnsafeSlow(prefixLength + nulls.length);
  recordBytes.copy(packet, 0, 0, prefixLength);
  packet.set(nulls, prefixLength);
  for (const [holder, key, view] of views) holder[key] = view;
  return { recordWithoutCutouts: packet as Buffer<ArrayBuffer>, cutoutsStripped: true };
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
