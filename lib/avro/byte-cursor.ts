import { AvroContainerError, type AvroContainerErrorReason } from "./avro-container-error";

const MAX_VARINT_BYTES = 10;

/** Sequential reader over an Avro container's bytes; every read is bounds-checked. */
export class ByteCursor {
  position = 0;

  constructor(readonly bytes: Buffer) {}

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  get atEnd(): boolean {
    return this.position >= this.bytes.length;
  }

  /** Zigzag varint (Avro `long`) as a JS number; container framing never needs more than 2^53. */
  readLong(what: string, invalidReason: AvroContainerErrorReason): number {
    const start = this.position;
    let unsigned = 0;
    let multiplier = 1;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (this.atEnd) throw this.truncated(what, start, 1);
      const byte = this.bytes.readUInt8(this.position++);
      unsigned += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) {
        if (!Number.isSafeInteger(unsigned)) {
          throw new AvroContainerError(invalidReason, `${what} at byte ${start} is too large (${unsigned})`, { byteOffset: start });
        }
        return unsigned % 2 === 0 ? unsigned / 2 : -(unsigned + 1) / 2;
      }
      multiplier *= 128;
    }
    throw new AvroContainerError(invalidReason, `${what} at byte ${start} is not a valid varint (more than ${MAX_VARINT_BYTES} bytes)`, {
      byteOffset: start,
    });
  }

  readFixed(length: number, what: string): Buffer {
    if (length > this.remaining) throw this.truncated(what, this.position, length);
    const out = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return out;
  }

  /** Avro `bytes` / `string`: long length then the bytes. */
  readLengthPrefixed(what: string, invalidReason: AvroContainerErrorReason): Buffer {
    const start = this.position;
    const length = this.readLong(`${what} length`, invalidReason);
    if (length < 0) {
      throw new AvroContainerError(invalidReason, `${what} at byte ${start} has a negative length (${length})`, { byteOffset: start });
    }
    return this.readFixed(length, what);
  }

  private truncated(what: string, start: number, neededBytes: number): AvroContainerError {
    const available = Math.max(this.bytes.length - start, 0);
    return new AvroContainerError(
      "truncated",
      `Avro container truncated: ${what} at byte ${start} needs ${neededBytes} byte${neededBytes === 1 ? "" : "s"} ` +
        `but only ${available} remain (file is ${this.bytes.length} bytes)`,
      { byteOffset: start },
    );
  }
}

export function encodeLong(value: number): Buffer {
  if (!Number.isSafeInteger(value)) throw new RangeError(`cannot encode ${value} as an Avro long here`);
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  const out: number[] = [];
  while (zigzag >= 0x80) {
    out.push((zigzag % 0x80) | 0x80);
    zigzag = Math.floor(zigzag / 0x80);
  }
  out.push(zigzag);
  return Buffer.from(out);
}

export function encodeLengthPrefixed(bytes: Buffer): Buffer {
  return Buffer.concat([encodeLong(bytes.length), bytes]);
}
