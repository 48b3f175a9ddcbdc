// Decompressor for raw Snappy blocks (https://github.com/google/snappy/blob/main/format_description.txt),
// needed for Avro's "snappy" codec, which Spark writes by default (one Fink file here uses it).
// No npm dependency: the format is small and we only ever decompress.

export class SnappyFormatError extends Error {
  override readonly name = "SnappyFormatError";
}

const MAX_UNCOMPRESSED_BYTES = 1 << 30;

export function decompressSnappyRaw(input: Buffer): Buffer {
  let pos = 0;
  const need = (count: number, what: string) => {
    if (pos + count > input.length) throw new SnappyFormatError(`${what} at byte ${pos} runs past the end of the compressed data`);
  };

  let uncompressedLength = 0;
  for (let shift = 0; ; shift += 7) {
    need(1, "length preamble");
    if (shift > 28) throw new SnappyFormatError("length preamble is longer than 5 bytes");
    const byte = input.readUInt8(pos++);
    uncompressedLength += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  if (uncompressedLength > MAX_UNCOMPRESSED_BYTES)
    throw new SnappyFormatError(`declared length ${uncompressedLength} is implausibly large`);

  const out = Buffer.allocUnsafe(uncompressedLength);
  let outPos = 0;
  while (pos < input.length) {
    const tag = input.readUInt8(pos++);
    const elementType = tag & 0x03;
    if (elementType === 0) {
      let literalLength = tag >>> 2;
      if (literalLength >= 60) {
        const lengthBytes = literalLength - 59;
        need(lengthBytes, "literal length");
        literalLength = input.readUIntLE(pos, lengthBytes);
        pos += lengthBytes;
      }
      literalLength += 1;
      need(literalLength, "literal");
      if (outPos + literalLength > uncompressedLength) throw new SnappyFormatError("literal overflows the declared length");
      input.copy(out, outPos, pos, pos + literalLength);
      pos += literalLength;
      outPos += literalLength;
      continue;
    }

    let copyLength: number;
    let offset: number;
    if (elementType === 1) {
      need(1, "copy offset");
      copyLength = ((tag >>> 2) & 0x07) + 4;
      offset = ((tag >>> 5) << 8) | input.readUInt8(pos);
      pos += 1;
    } else if (elementType === 2) {
      need(2, "copy offset");
      copyLength = (tag >>> 2) + 1;
      offset = input.readUInt16LE(pos);
      pos += 2;
    } else {
      need(4, "copy offset");
      copyLength = (tag >>> 2) + 1;
      offset = input.readUInt32LE(pos);
      pos += 4;
    }
    if (offset === 0 || offset > outPos) throw new SnappyFormatError(`copy offset ${offset} is outside the ${outPos} bytes written so far`);
    if (outPos + copyLength > uncompressedLength) throw new SnappyFormatError("copy overflows the declared length");
    if (offset >= copyLength) {
      out.copy(out, outPos, outPos - offset, outPos - offset + copyLength);
      outPos += copyLength;
    } else {
      // Overlapping copy (run-length style): must go byte by byte.
      for (let i = 0; i < copyLength; i++, outPos++) out[outPos] = out[outPos - offset] ?? 0;
    }
  }
  if (outPos !== uncompressedLength) {
    throw new SnappyFormatError(`decompressed ${outPos} bytes but the preamble declared ${uncompressedLength}`);
  }
  return out;
}
