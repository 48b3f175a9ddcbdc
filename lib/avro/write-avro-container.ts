import crypto from "node:crypto";
import { AvroContainerError } from "./avro-container-error";
import { compileAvroSchema } from "./avro-schema";
import { encodeLengthPrefixed, encodeLong } from "./byte-cursor";
import { AVRO_MAGIC, AVRO_SYNC_BYTES } from "./read-avro-container";

export type WriteAvroContainerOptions = {
  /** 16 bytes. Default: derived from the data (md5), so the same records give the same bytes. */
  syncMarker?: Buffer;
};

/**
 * Writes records as an Avro Object Container File: codec "null", one block, and the schema JSON
 * text embedded verbatim (so the schema fingerprint survives a read / write round trip).
 * Records must be shaped as readAvroContainer returns them (longs as bigint, bytes as Buffer).
 */
export function writeAvroContainer(
  schemaJson: string,
  records: readonly unknown[],
  opts: WriteAvroContainerOptions = {},
): Buffer<ArrayBuffer> {
  const { type } = compileAvroSchema(schemaJson);
  const encoded = records.map((record, index) => {
    try {
      return type.toBuffer(record);
    } catch (error) {
      throw new AvroContainerError(
        "record_encode_failed",
        `record ${index + 1} does not match the Avro schema: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  });
  const data = Buffer.concat(encoded);
  const syncMarker = opts.syncMarker ?? crypto.createHash("md5").update(data).digest();
  if (syncMarker.length !== AVRO_SYNC_BYTES) throw new RangeError(`sync marker must be ${AVRO_SYNC_BYTES} bytes, got ${syncMarker.length}`);

  const metadataEntries: [string, Buffer][] = [
    ["avro.schema", Buffer.from(schemaJson, "utf8")],
    ["avro.codec", Buffer.from("null", "utf8")],
  ];
  const parts: Buffer[] = [AVRO_MAGIC, encodeLong(metadataEntries.length)];
  for (const [key, value] of metadataEntries) parts.push(encodeLengthPrefixed(Buffer.from(key, "utf8")), encodeLengthPrefixed(value));
  parts.push(encodeLong(0), syncMarker);
  if (records.length > 0) parts.push(encodeLong(records.length), encodeLong(data.length), data, syncMarker);
  return Buffer.concat(parts);
}
