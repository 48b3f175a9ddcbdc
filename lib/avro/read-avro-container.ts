import { AvroContainerError } from "./avro-container-error";
import type { AvroType } from "./avsc";
import { type AvroSchemaJson, compileAvroSchema } from "./avro-schema";
import { ByteCursor } from "./byte-cursor";
import { decompressAvroBlock, isSupportedAvroCodec, SUPPORTED_AVRO_CODECS } from "./codecs";

export const AVRO_MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]); // "Obj" 0x01
export const AVRO_SYNC_BYTES = 16;

export type AvroContainer = {
  writerSchema: AvroSchemaJson;
  /** The schema JSON text exactly as embedded in the file. */
  schemaJson: string;
  /** sha256 (hex) of schemaJson. */
  schemaFingerprint: string;
  /** Full name of the writer schema's top-level type, e.g. "ztf.alert" or Fink's "topLevelRecord". */
  schemaName: string | null;
  codec: string;
  /** Decoded with the writer schema: longs as bigint, bytes as Buffer views into the input. */
  records: unknown[];
  /** Each record's own encoding (a view into the input or its decompressed block), records[i] decoded from recordBytes[i]. */
  recordBytes: Buffer[];
};

export type ReadAvroContainerOptions = {
  /** A container with zero records is an error ("no_records") unless this is true. */
  allowEmpty?: boolean;
};

/**
 * Reads an Avro Object Container File (spec 1.x): magic, metadata map, 16-byte sync marker, then
 * blocks of [long count][long size][data][sync]. Stricter than avsc's file decoder, which silently
 * yields 0 records for a file whose last sync marker is cut short; here that is a "truncated" error.
 */
export function readAvroContainer(bytes: Buffer, opts: ReadAvroContainerOptions = {}): AvroContainer {
  checkMagic(bytes);
  const cursor = new ByteCursor(bytes);
  cursor.position = AVRO_MAGIC.length;

  const metadata = readMetadata(cursor);
  const schemaBytes = metadata.get("avro.schema");
  if (!schemaBytes) throw new AvroContainerError("invalid_header", "Avro container header has no avro.schema metadata entry");
  const schemaJson = schemaBytes.toString("utf8");
  const codec = metadata.get("avro.codec")?.toString("utf8") || "null";
  if (!isSupportedAvroCodec(codec)) {
    throw new AvroContainerError(
      "unsupported_codec",
      `Avro container uses codec "${codec}", which is not supported (supported: ${SUPPORTED_AVRO_CODECS.join(", ")})`,
    );
  }
  const syncMarker = cursor.readFixed(AVRO_SYNC_BYTES, "header sync marker");
  const compiled = compileAvroSchema(schemaJson);

  const records: unknown[] = [];
  const recordBytes: Buffer[] = [];
  for (let blockIndex = 0; !cursor.atEnd; blockIndex++) {
    const blockLabel = `block ${blockIndex + 1}`;
    const blockStart = cursor.position;
    const recordCount = cursor.readLong(`${blockLabel} record count`, "corrupt_block");
    const dataSize = cursor.readLong(`${blockLabel} byte size`, "corrupt_block");
    if (recordCount < 0 || dataSize < 0) {
      throw new AvroContainerError("corrupt_block", `${blockLabel} at byte ${blockStart} declares a negative record count or size`, {
        byteOffset: blockStart,
      });
    }
    const dataStart = cursor.position;
    const data = cursor.readFixed(dataSize, `${blockLabel} data (${dataSize} bytes declared)`);
    const syncStart = cursor.position;
    const blockSync = cursor.readFixed(AVRO_SYNC_BYTES, `${blockLabel} sync marker`);
    if (!blockSync.equals(syncMarker)) {
      throw new AvroContainerError(
        "sync_mismatch",
        `Avro container corrupt: sync marker after ${blockLabel} at byte ${syncStart} does not match the header's ` +
          `(wrong block size or damaged data)`,
        { byteOffset: syncStart },
      );
    }

    let decompressed: Buffer;
    try {
      decompressed = decompressAvroBlock(codec, data);
    } catch (error) {
      throw new AvroContainerError(
        "corrupt_block",
        `Avro container corrupt: ${blockLabel} at byte ${dataStart} cannot be decompressed with codec "${codec}": ${(error as Error).message}`,
        { byteOffset: dataStart, cause: error },
      );
    }
    decodeBlockRecords(compiled.type, decompressed, recordCount, blockLabel, dataStart, records, recordBytes);
  }

  if (records.length === 0 && !opts.allowEmpty) {
    throw new AvroContainerError(
      "no_records",
      `Avro container holds no records (${bytes.length} bytes, schema ${compiled.name ?? "unnamed"})`,
    );
  }
  return {
    writerSchema: compiled.schema,
    schemaJson,
    schemaFingerprint: compiled.fingerprint,
    schemaName: compiled.name,
    codec,
    records,
    recordBytes,
  };
}

function checkMagic(bytes: Buffer): void {
  if (bytes.length === 0)
    throw new AvroContainerError("not_avro", "Not an Avro container: the input is empty (0 bytes)", { byteOffset: 0 });
  const head = bytes.subarray(0, AVRO_MAGIC.length);
  if (!head.equals(AVRO_MAGIC.subarray(0, head.length))) {
    throw new AvroContainerError(
      "not_avro",
      `Not an Avro container: expected magic bytes 4f 62 6a 01 ("Obj\\x01"), found ${[...head].map((b) => b.toString(16).padStart(2, "0")).join(" ")}`,
      { byteOffset: 0 },
    );
  }
  if (head.length < AVRO_MAGIC.length) {
    throw new AvroContainerError("truncated", `Avro container truncated: only ${bytes.length} bytes, the magic alone needs 4`, {
      byteOffset: 0,
    });
  }
}

function readMetadata(cursor: ByteCursor): Map<string, Buffer> {
  const metadata = new Map<string, Buffer>();
  for (;;) {
    let entryCount = cursor.readLong("header metadata count", "invalid_header");
    if (entryCount === 0) return metadata;
    if (entryCount < 0) {
      // Negative count: the block's byte size follows (lets readers skip it); we read it anyway.
      entryCount = -entryCount;
      cursor.readLong("header metadata size", "invalid_header");
    }
    for (let i = 0; i < entryCount; i++) {
      const key = cursor.readLengthPrefixed("header metadata key", "invalid_header").toString("utf8");
      const value = cursor.readLengthPrefixed(`header metadata value "${key}"`, "invalid_header");
      metadata.set(key, value);
    }
  }
}

function decodeBlockRecords(
  type: AvroType,
  data: Buffer,
  recordCount: number,
  blockLabel: string,
  dataStart: number,
  into: unknown[],
  bytesInto: Buffer[],
): void {
  const failure = (recordIndex: number, detail: string, cause?: unknown) =>
    new AvroContainerError(
      "record_decode_failed",
      `Avro record ${recordIndex + 1} of ${recordCount} in ${blockLabel} (data at byte ${dataStart}) cannot be decoded with the writer schema: ${detail}`,
      { byteOffset: dataStart, cause },
    );
  let position = 0;
  for (let i = 0; i < recordCount; i++) {
    let decoded: { value: unknown; offset: number };
    try {
      decoded = type.decode(data, position);
    } catch (error) {
      throw failure(i, (error as Error).message, error);
    }
    if (decoded.offset < 0) throw failure(i, `runs past the end of the block's ${data.length} bytes`);
    into.push(decoded.value);
    bytesInto.push(data.subarray(position, decoded.offset));
    position = decoded.offset;
  }
  if (position !== data.length) {
    throw new AvroContainerError(
      "record_decode_failed",
      `Avro ${blockLabel} (data at byte ${dataStart}) has ${data.length - position} bytes left over after its ${recordCount} declared records`,
      { byteOffset: dataStart },
    );
  }
}
