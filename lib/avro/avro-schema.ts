import crypto from "node:crypto";
import { avsc, type AvroType } from "./avsc";
import { AvroContainerError } from "./avro-container-error";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type AvroSchemaJson = JsonValue;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Avro `long` as a JS bigint: ZTF ids (candid, pid, objectidps*) exceed 2^53. */
const BigIntLongType = avsc.types.LongType.__with({
  fromBuffer: (buf: Buffer): bigint => buf.readBigInt64LE(),
  toBuffer: (value: bigint): Buffer => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(value);
    return buf;
  },
  fromJSON: (json: unknown): bigint => {
    if (typeof json === "bigint") return json;
    if (typeof json === "string" || (typeof json === "number" && Number.isSafeInteger(json))) return BigInt(json);
    throw new TypeError(`not a long: ${String(json)}`);
  },
  // A string keeps all 64 bits through avsc's clone (fromJSON(toJSON(v))) and JSON output.
  toJSON: (value: bigint): string => value.toString(),
  isValid: (value: unknown): boolean => typeof value === "bigint" && value >= INT64_MIN && value <= INT64_MAX,
  compare: (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0),
});

/**
 * Drops every `default` key. ZTF schemas declare defaults avsc rejects (`["float","null"]` with
 * `"default": null`: a union default must match its first branch), and defaults are only used when
 * resolving a reader schema against a different writer schema, which we never do.
 */
export function stripAvroDefaults(schema: AvroSchemaJson): AvroSchemaJson {
  if (Array.isArray(schema)) return schema.map(stripAvroDefaults);
  if (schema !== null && typeof schema === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key !== "default") out[key] = stripAvroDefaults(value);
    }
    return out;
  }
  return schema;
}

function isLongObjectSchema(schema: unknown): boolean {
  return schema !== null && typeof schema === "object" && !Array.isArray(schema) && (schema as { type?: unknown }).type === "long";
}

export function avroSchemaFingerprint(schemaJson: string): string {
  return crypto.createHash("sha256").update(schemaJson, "utf8").digest("hex");
}

export type CompiledAvroSchema = {
  /** sha256 (hex) of the schema JSON text exactly as embedded in the container. */
  fingerprint: string;
  schemaJson: string;
  schema: AvroSchemaJson;
  /** Full name of the top-level named type (e.g. "ztf.alert", "topLevelRecord"), null if unnamed. */
  name: string | null;
  type: AvroType;
};

const MAX_CACHED_SCHEMAS = 256;
const compiledByFingerprint = new Map<string, CompiledAvroSchema>();
/** Same cache keyed by the schema text itself: a Map lookup is far cheaper than a SHA-256 per alert. */
const compiledByText = new Map<string, CompiledAvroSchema>();

/**
 * Parses an Avro schema JSON text into an avsc Type (longs as bigint, unions unwrapped where
 * unambiguous: every ZTF / Fink union is [T, "null"], so values come out as plain T or null).
 * Cached by fingerprint: all alerts of a night share one schema and building the Type costs ms.
 */
export function compileAvroSchema(schemaJson: string): CompiledAvroSchema {
  const byText = compiledByText.get(schemaJson);
  if (byText) return byText;
  const fingerprint = avroSchemaFingerprint(schemaJson);
  const cached = compiledByFingerprint.get(fingerprint);
  if (cached) {
    if (compiledByText.size >= MAX_CACHED_SCHEMAS) compiledByText.clear();
    compiledByText.set(schemaJson, cached);
    return cached;
  }

  let schema: AvroSchemaJson;
  try {
    schema = JSON.parse(schemaJson) as AvroSchemaJson;
  } catch (error) {
    throw new AvroContainerError("invalid_schema", `Avro writer schema is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  let type: AvroType;
  try {
    type = avsc.Type.forSchema(stripAvroDefaults(schema) as Parameters<typeof avsc.Type.forSchema>[0], {
      registry: { long: BigIntLongType },
      // The registry only catches the "long" string form; `{"type": "long", "logicalType": ...}`
      // (Fink's timestamp-micros) would otherwise decode as a JS number.
      typeHook: (fieldSchema) => (isLongObjectSchema(fieldSchema) ? BigIntLongType : undefined),
      wrapUnions: "auto",
      omitRecordMethods: true,
    });
  } catch (error) {
    throw new AvroContainerError("invalid_schema", `Avro writer schema is not a valid schema: ${(error as Error).message}`, {
      cause: error,
    });
  }

  const compiled: CompiledAvroSchema = { fingerprint, schemaJson, schema, name: type.name ?? null, type };
  if (compiledByFingerprint.size >= MAX_CACHED_SCHEMAS) {
    const oldest = compiledByFingerprint.keys().next();
    if (!oldest.done) compiledByFingerprint.delete(oldest.value);
  }
  compiledByFingerprint.set(fingerprint, compiled);
  if (compiledByText.size >= MAX_CACHED_SCHEMAS) compiledByText.clear();
  compiledByText.set(schemaJson, compiled);
  return compiled;
}
