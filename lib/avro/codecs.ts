import zlib from "node:zlib";
import { decompressSnappyRaw } from "./snappy";

export const SUPPORTED_AVRO_CODECS = ["null", "deflate", "snappy"] as const;
export type SupportedAvroCodec = (typeof SUPPORTED_AVRO_CODECS)[number];

export function isSupportedAvroCodec(codec: string): codec is SupportedAvroCodec {
  return (SUPPORTED_AVRO_CODECS as readonly string[]).includes(codec);
}

const SNAPPY_CRC_BYTES = 4;

/** Throws a plain Error describing what is wrong; the container reader adds the block context. */
export function decompressAvroBlock(codec: SupportedAvroCodec, data: Buffer): Buffer {
  switch (codec) {
    case "null":
      return data;
    case "deflate":
      return zlib.inflateRawSync(data);
    case "snappy": {
      // Avro's snappy framing: raw snappy data followed by the big-endian CRC-32 of the uncompressed bytes.
      if (data.length < SNAPPY_CRC_BYTES) throw new Error(`snappy block of ${data.length} bytes is shorter than its CRC`);
      const compressed = data.subarray(0, data.length - SNAPPY_CRC_BYTES);
      const expectedCrc = data.readUInt32BE(data.length - SNAPPY_CRC_BYTES);
      const uncompressed = decompressSnappyRaw(compressed);
      const actualCrc = zlib.crc32(uncompressed);
      if (actualCrc !== expectedCrc) {
        throw new Error(`snappy CRC mismatch (stored ${expectedCrc.toString(16)}, computed ${actualCrc.toString(16)})`);
      }
      return uncompressed;
    }
  }
}
