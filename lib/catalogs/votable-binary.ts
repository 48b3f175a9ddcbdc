// Rows of the VOTable BINARY and BINARY2 serialisations (VOTable 1.4, section 5.5): big-endian
// fields in FIELD order; BINARY2 rows start with a null bitmask (one bit per field, most significant
// bit first); variable-length arrays (arraysize "*" or "n*") carry a 4-byte element count first.
// Scalars and character strings are decoded; numeric arrays become null (not catalog columns).
import type { RawValue } from "./table-source";

export interface VotableField {
  name: string;
  datatype: string;
  /** VOTable arraysize attribute ("", "8", "*", "12*", "2x3"). */
  arraysize: string;
  /** The <VALUES null="..."> sentinel, if any. */
  nullValue: string | null;
}

const SIZES: Record<string, number> = {
  boolean: 1,
  bit: 0,
  unsignedByte: 1,
  short: 2,
  int: 4,
  long: 8,
  char: 1,
  unicodeChar: 2,
  float: 4,
  double: 8,
  floatComplex: 8,
  doubleComplex: 16,
};

export class VotableFieldError extends Error {
  override readonly name = "VotableFieldError";
}

interface Decoder {
  /** The field's value and the offset after it, or null when `bytes` ends first. */
  read(bytes: Buffer, at: number): { value: RawValue; next: number } | null;
}

function decoderOf(field: VotableField): Decoder {
  const size = SIZES[field.datatype];
  if (size === undefined) throw new VotableFieldError(`FIELD ${field.name}: unknown datatype '${field.datatype}'`);
  const arraysize = field.arraysize.trim();
  const variable = arraysize.endsWith("*");
  let count = 1;
  if (arraysize !== "" && !variable) {
    count = arraysize.split("x").reduce((product, n) => product * Number(n), 1);
    if (!Number.isInteger(count) || count < 0)
      throw new VotableFieldError(`FIELD ${field.name}: arraysize '${arraysize}' is not supported`);
  }
  if (variable && arraysize.includes("x"))
    throw new VotableFieldError(`FIELD ${field.name}: multidimensional variable arraysize '${arraysize}' is not supported`);
  const isText = field.datatype === "char" || field.datatype === "unicodeChar";
  const scalar = !variable && count === 1;
  const sentinel = field.nullValue;

  const element = (bytes: Buffer, at: number): RawValue => {
    switch (field.datatype) {
      case "boolean": {
        const c = String.fromCharCode(bytes[at]!);
        return "Tt1".includes(c) ? true : "Ff0".includes(c) ? false : null;
      }
      case "unsignedByte":
        return bytes.readUInt8(at);
      case "short":
        return bytes.readInt16BE(at);
      case "int":
        return bytes.readInt32BE(at);
      case "long":
        return bytes.readBigInt64BE(at);
      case "float":
        return bytes.readFloatBE(at);
      case "double":
        return bytes.readDoubleBE(at);
      default:
        return null;
    }
  };
  const withSentinel = (value: RawValue): RawValue => (sentinel !== null && value !== null && String(value) === sentinel ? null : value);

  return {
    read(bytes, at) {
      let n = count;
      let offset = at;
      if (variable) {
        if (offset + 4 > bytes.length) return null;
        n = bytes.readInt32BE(offset);
        offset += 4;
      }
      const width = field.datatype === "bit" ? Math.ceil(n / 8) : n * size;
      if (offset + width > bytes.length) return null;
      let value: RawValue = null;
      if (isText) {
        const text =
          field.datatype === "char"
            ? bytes.toString("latin1", offset, offset + width)
            : bytes
                .subarray(offset, offset + width)
                .swap16()
                .toString("utf16le");
        if (field.datatype === "unicodeChar") bytes.subarray(offset, offset + width).swap16(); // swap back: the buffer is shared
        value = text.replace(/[\0\s]+$/, "");
      } else if (scalar && field.datatype !== "bit") {
        value = withSentinel(element(bytes, offset));
      }
      return { value, next: offset + width };
    },
  };
}

/** A row decoder for the table's fields: `read` returns the row and the next offset, or null when the buffer ends first. */
export function binaryRowReader(
  fields: readonly VotableField[],
  binary2: boolean,
): (bytes: Buffer, at: number) => { values: RawValue[]; next: number } | null {
  const decoders = fields.map(decoderOf);
  const maskBytes = binary2 ? Math.ceil(fields.length / 8) : 0;
  return (bytes, at) => {
    if (at + maskBytes > bytes.length) return null;
    let offset = at + maskBytes;
    const values: RawValue[] = new Array<RawValue>(fields.length);
    for (let k = 0; k < decoders.length; k++) {
      const read = decoders[k]!.read(bytes, offset);
      if (!read) return null;
      const isNull = binary2 && (bytes[at + (k >> 3)]! & (0x80 >> (k & 7))) !== 0;
      values[k] = isNull ? null : read.value;
      offset = read.next;
    }
    return { values, next: offset };
  };
}
