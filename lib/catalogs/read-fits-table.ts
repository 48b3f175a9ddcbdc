// Streaming reader of the first BINTABLE extension of a FITS file (FITS Standard 4.0, section 7.3):
// headers are read card by card, then the table one row (NAXIS1 bytes) at a time. Scalar columns of
// types L, B, I, J, K, A, E, D (with TSCALn/TZEROn/TNULLn); a numeric column with a repeat count r
// becomes r columns NAME_1..NAME_r; variable-length (P, Q), bit (X) and complex columns are skipped.
import { type FitsHeaderValue, parseFitsCardValue } from "../fits/read-fits-image";
import { CatalogFileError, openFileStream, type RawValue, type TableRecord, type TableSource } from "./table-source";

const BLOCK = 2880;
const CARD = 80;
const MAX_HEADER_BLOCKS = 1000;

/** Pulls exact byte counts from a stream. */
class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(stream: NodeJS.ReadableStream) {
    this.iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** Exactly n bytes, or fewer only at the end of the file. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered < n) {
      const next = await this.iterator.next();
      if (next.done) break;
      this.chunks.push(next.value);
      this.buffered += next.value.length;
    }
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const take = Math.min(n, all.length);
    const out = all.subarray(0, take);
    const rest = all.subarray(take);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      const step = Math.min(left, 1 << 22);
      const got = await this.read(step);
      if (got.length < step) throw new CatalogFileError("the FITS file is truncated (it ends inside an HDU)");
      left -= step;
    }
  }
}

type Cards = Record<string, FitsHeaderValue>;

async function readHeader(reader: ByteReader, first: boolean): Promise<Cards | null> {
  const cards: Cards = {};
  for (let block = 0; block < MAX_HEADER_BLOCKS; block++) {
    const bytes = await reader.read(BLOCK);
    if (bytes.length === 0 && block === 0 && !first) return null;
    if (bytes.length < BLOCK) throw new CatalogFileError("the FITS file is truncated (it ends inside a header)");
    if (block === 0 && first && bytes.subarray(0, 8).toString("latin1") !== "SIMPLE  ") {
      throw new CatalogFileError("not a FITS file: it does not start with the SIMPLE keyword");
    }
    for (let offset = 0; offset < BLOCK; offset += CARD) {
      const card = bytes.subarray(offset, offset + CARD).toString("latin1");
      const keyword = card.slice(0, 8).trimEnd();
      if (keyword === "END") return cards;
      if (keyword === "" || card.slice(8, 10) !== "= ") continue;
      try {
        cards[keyword] = parseFitsCardValue(keyword, card.slice(10));
      } catch (error) {
        throw new CatalogFileError(`FITS header: ${(error as Error).message}`);
      }
    }
  }
  throw new CatalogFileError(`FITS header has no END card in its first ${MAX_HEADER_BLOCKS} blocks`);
}

const integerCard = (cards: Cards, keyword: string, fallback?: number): number => {
  const value = cards[keyword] ?? fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < -64) {
    throw new CatalogFileError(`FITS header: ${keyword} is ${value === undefined ? "missing" : `not a valid integer (${String(value)})`}`);
  }
  return value;
};

/** Bytes of an HDU's data, padded to whole blocks. */
function dataBytes(cards: Cards): number {
  const naxis = integerCard(cards, "NAXIS");
  if (naxis === 0) return 0;
  let size = 1;
  for (let i = 1; i <= naxis; i++) size *= integerCard(cards, `NAXIS${i}`);
  const bytes = (Math.abs(integerCard(cards, "BITPIX")) / 8) * integerCard(cards, "GCOUNT", 1) * (integerCard(cards, "PCOUNT", 0) + size);
  return Math.ceil(bytes / BLOCK) * BLOCK;
}

interface FieldReader {
  name: string;
  unit: string;
  read(row: Buffer): RawValue;
}

const TYPE_BYTES: Record<string, number> = { L: 1, X: 0, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8, C: 8, M: 16, P: 8, Q: 16 };

/** Readers of the scalar (or split) columns of a BINTABLE with the given header. */
function fieldReaders(cards: Cards): FieldReader[] {
  const fields = integerCard(cards, "TFIELDS");
  const readers: FieldReader[] = [];
  let offset = 0;
  for (let n = 1; n <= fields; n++) {
    const tform = String(cards[`TFORM${n}`] ?? "")
      .trim()
      .toUpperCase();
    const match = /^(\d*)([LXBIJKAEDCMPQ])/.exec(tform);
    if (!match) throw new CatalogFileError(`FITS table: TFORM${n} = '${tform}' is not a valid binary table format`);
    const repeat = match[1] === "" ? 1 : Number(match[1]);
    const type = match[2]!;
    const width = type === "X" ? Math.ceil(repeat / 8) : (TYPE_BYTES[type] ?? 0) * repeat;
    const name = String(cards[`TTYPE${n}`] ?? `col${n}`).trim();
    const unit = String(cards[`TUNIT${n}`] ?? "").trim();
    const scale = typeof cards[`TSCAL${n}`] === "number" ? (cards[`TSCAL${n}`] as number) : 1;
    const zero = typeof cards[`TZERO${n}`] === "number" ? (cards[`TZERO${n}`] as number) : 0;
    const tnull = cards[`TNULL${n}`];
    const start = offset;
    offset += width;
    if (type === "A") {
      readers.push({ name, unit, read: (row) => row.toString("latin1", start, start + repeat).replace(/[\0 ]+$/, "") });
      continue;
    }
    if (type === "X" || type === "C" || type === "M" || type === "P" || type === "Q" || repeat === 0) continue;
    const size = TYPE_BYTES[type]!;
    const element = (row: Buffer, at: number): RawValue => {
      switch (type) {
        case "L": {
          const byte = row[at];
          return byte === 0x54 ? true : byte === 0x46 ? false : null;
        }
        case "E":
          return row.readFloatBE(at);
        case "D":
          return row.readDoubleBE(at);
        case "K": {
          const raw = row.readBigInt64BE(at);
          if (typeof tnull === "number" && raw === BigInt(tnull)) return null;
          // Unsigned 64-bit ids (TZERO = 2^63) and scaled values.
          if (zero === 9223372036854775808 && scale === 1) return raw + 9223372036854775808n;
          return scale === 1 && zero === 0 ? raw : Number(raw) * scale + zero;
        }
        default: {
          const raw = type === "B" ? row.readUInt8(at) : type === "I" ? row.readInt16BE(at) : row.readInt32BE(at);
          if (typeof tnull === "number" && raw === tnull) return null;
          return raw * scale + zero;
        }
      }
    };
    if (repeat === 1) readers.push({ name, unit, read: (row) => element(row, start) });
    else for (let k = 0; k < repeat; k++) readers.push({ name: `${name}_${k + 1}`, unit, read: (row) => element(row, start + k * size) });
  }
  const naxis1 = integerCard(cards, "NAXIS1");
  if (offset !== naxis1) throw new CatalogFileError(`FITS table: the columns take ${offset} bytes but NAXIS1 = ${naxis1}`);
  return readers;
}

/** Opens the first BINTABLE of a FITS file (optionally .gz) as a table. */
export async function readFitsTable(file: string): Promise<TableSource> {
  const { stream, bytesRead, bytesTotal, sha256, close } = openFileStream(file);
  const reader = new ByteReader(stream);
  try {
    let cards = await readHeader(reader, true);
    await reader.skip(dataBytes(cards!));
    for (;;) {
      cards = await readHeader(reader, false);
      if (cards === null) throw new CatalogFileError(`${file}: no BINTABLE extension (a FITS catalog is a binary table HDU)`);
      if (String(cards.XTENSION ?? "").trim() === "BINTABLE") break;
      await reader.skip(dataBytes(cards));
    }
    const header = cards;
    const readers = fieldReaders(header);
    const rowBytes = integerCard(header, "NAXIS1");
    const rowCount = integerCard(header, "NAXIS2");
    const units: Record<string, string> = {};
    for (const r of readers) if (r.unit) units[r.name] = r.unit;

    async function* records(): AsyncGenerator<TableRecord> {
      // Rows are read in slabs of ~1 MB and decoded one by one.
      const perSlab = Math.max(1, Math.floor((1 << 20) / Math.max(1, rowBytes)));
      for (let first = 0; first < rowCount; first += perSlab) {
        const count = Math.min(perSlab, rowCount - first);
        const slab = await reader.read(count * rowBytes);
        const whole = Math.floor(slab.length / rowBytes);
        for (let k = 0; k < whole; k++) {
          const row = slab.subarray(k * rowBytes, (k + 1) * rowBytes);
          yield { line: first + k + 1, values: readers.map((r) => r.read(row)) };
        }
        if (whole < count) {
          throw new CatalogFileError(
            `the FITS file is truncated: the table declares ${rowCount} rows, the file ends in row ${first + whole + 1}`,
          );
        }
      }
    }
    return {
      format: "fits",
      position: "row",
      columns: readers.map((r) => r.name),
      units,
      records: records(),
      bytesRead,
      bytesTotal,
      sha256,
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}
