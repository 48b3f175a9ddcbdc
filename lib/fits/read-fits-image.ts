// Minimal reader for the primary image of a FITS file (FITS Standard 4.0, sections 3-5), enough for
// ZTF alert cutouts: gzipped, BITPIX -32, 63x63 pixels (smaller at CCD edges), NaN outside the CCD.
import zlib from "node:zlib";

export type FitsErrorReason =
  "jpeg" | "corrupt_gzip" | "not_fits" | "invalid_header" | "unsupported_bitpix" | "unsupported_naxis" | "truncated";

/** Bytes that cannot be read as a FITS image (the message says why, in words a user can act on). */
export class FitsError extends Error {
  override readonly name = "FitsError";
  readonly reason: FitsErrorReason;

  constructor(reason: FitsErrorReason, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
  }
}

export type FitsHeaderValue = string | number | boolean;

export type FitsHeader = {
  bitpix: 8 | 16 | 32 | 64 | -32 | -64;
  naxis: number;
  /** NAXIS1, NAXIS2, ... (NAXIS1 varies fastest in the data). */
  axes: number[];
  /** 1 and 0 when absent. */
  bscale: number;
  bzero: number;
  /** Integer images only; null when absent. */
  blank: number | null;
  /**
   * Every `KEYWORD = value` card of the primary header, in order of first appearance (a repeated
   * keyword keeps its last value). Strings are unquoted with trailing blanks removed, logicals are
   * booleans, integers and reals (also with a D exponent) are numbers; a card without a value is "".
   */
  cards: Record<string, FitsHeaderValue>;
  /** Text of COMMENT and HISTORY cards, in order. */
  comments: string[];
  /** Bytes occupied by the header (a multiple of 2880); the data starts here. */
  headerBytes: number;
};

/**
 * A decoded 2-D image. `data[y * width + x]` is pixel (x, y) with x along NAXIS1 and y along NAXIS2,
 * both 0-based: y = 0 is the FIRST row stored in the file (FITS pixel j = 1), which standard
 * viewers (ds9, astropy imshow(origin="lower")) draw at the BOTTOM. This is the same memory order as
 * astropy's `hdul[0].data[y, x]` (numpy shape (NAXIS2, NAXIS1)), the array ALeRCE's classifier uses.
 */
export type FitsImage = {
  width: number;
  height: number;
  /** Physical values BZERO + BSCALE * stored, as float32; NaN for BLANK / IEEE NaN pixels. */
  data: Float32Array<ArrayBuffer>;
  header: FitsHeader;
};

const BLOCK = 2880;
const CARD = 80;
/** A 63x63 ZTF stamp is 20 160 bytes unzipped; refuse anything absurdly large (gzip bombs). */
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
const MAX_HEADER_BLOCKS = 100;
const SUPPORTED_BITPIX = new Set([8, 16, 32, 64, -32, -64]);

const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
const isJpeg = (bytes: Uint8Array): boolean => bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

/**
 * The plain FITS bytes of a cutout: gunzipped when gzipped, unchanged otherwise (for a FITS
 * download). Throws FitsError for JPEG stamps, corrupt gzip and anything not starting with SIMPLE.
 */
export function unzipFitsBytes(bytes: Uint8Array): Buffer {
  if (isJpeg(bytes)) {
    throw new FitsError(
      "jpeg",
      "cutout is a JPEG image, not FITS (the 2016 IPAC test alerts carry JPEG stamps; only gzipped FITS cutouts can be decoded)",
    );
  }
  let raw: Buffer;
  if (isGzip(bytes)) {
    try {
      raw = zlib.gunzipSync(bytes, { maxOutputLength: MAX_UNZIPPED_BYTES });
    } catch (error) {
      throw new FitsError("corrupt_gzip", `cutout is gzipped but cannot be decompressed: ${(error as Error).message}`, { cause: error });
    }
  } else {
    raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if (raw.length < CARD || raw.subarray(0, 8).toString("latin1") !== "SIMPLE  ") {
    const start = raw.subarray(0, 8).toString("hex");
    throw new FitsError("not_fits", `not a FITS file: it does not start with the SIMPLE keyword (first bytes ${start || "none"})`);
  }
  return raw;
}

/** The value of one header card (the text after "= "): string, logical, integer, real or verbatim. */
export function parseFitsCardValue(keyword: string, field: string): FitsHeaderValue {
  const text = field.trimStart();
  if (text.startsWith("'")) {
    // Fixed or free format string: '' is an escaped quote; trailing blanks are not significant.
    let value = "";
    let i = 1;
    for (;;) {
      if (i >= text.length) throw new FitsError("invalid_header", `FITS header card ${keyword}: unterminated string value`);
      const char = text[i];
      if (char === "'") {
        if (text[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        break;
      }
      value += char;
      i += 1;
    }
    return value.trimEnd();
  }
  const slash = text.indexOf("/");
  const token = (slash >= 0 ? text.slice(0, slash) : text).trim();
  if (token === "") return "";
  if (token === "T") return true;
  if (token === "F") return false;
  if (/^[+-]?\d+$/.test(token)) return Number.parseInt(token, 10);
  const real = token.replace(/[dD]/, "E");
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(real)) return Number(real);
  // Complex values "(re, im)" and anything else are kept verbatim.
  return token;
}

/** Parses the primary header (starting at byte 0 of unzipped FITS). */
export function parseFitsHeader(raw: Uint8Array): FitsHeader {
  const cards: Record<string, FitsHeaderValue> = {};
  const comments: string[] = [];
  const keywords: string[] = [];
  let end = -1;
  for (let offset = 0; end < 0; offset += CARD) {
    if (offset + CARD > raw.length) {
      throw new FitsError("truncated", `FITS header is truncated: no END card in the ${raw.length} bytes given`);
    }
    if (offset >= MAX_HEADER_BLOCKS * BLOCK)
      throw new FitsError("invalid_header", `FITS header has no END card in its first ${MAX_HEADER_BLOCKS} blocks`);
    const card = Buffer.from(raw.buffer, raw.byteOffset + offset, CARD).toString("latin1");
    const keyword = card.slice(0, 8).trimEnd();
    keywords.push(keyword);
    if (keyword === "END") {
      end = offset + CARD;
      break;
    }
    if (keyword === "COMMENT" || keyword === "HISTORY") {
      comments.push(card.slice(8).trimEnd());
      continue;
    }
    if (keyword === "" || card.slice(8, 10) !== "= ") continue;
    cards[keyword] = parseFitsCardValue(keyword, card.slice(10));
  }
  const headerBytes = Math.ceil(end / BLOCK) * BLOCK;

  const integer = (keyword: string, position?: number): number => {
    const value = cards[keyword];
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new FitsError(
        "invalid_header",
        `FITS header: ${keyword} is ${value === undefined ? "missing" : `not an integer (${String(value)})`}`,
      );
    }
    if (position !== undefined && keywords[position] !== keyword) {
      throw new FitsError(
        "invalid_header",
        `FITS header: ${keyword} must be card ${position + 1} (found ${keywords[position] ?? "nothing"})`,
      );
    }
    return value;
  };
  if (cards.SIMPLE !== true) throw new FitsError("not_fits", "FITS header: SIMPLE is not T (file does not conform to the FITS standard)");
  const bitpix = integer("BITPIX", 1);
  const naxis = integer("NAXIS", 2);
  if (!SUPPORTED_BITPIX.has(bitpix)) {
    throw new FitsError("unsupported_bitpix", `FITS BITPIX = ${bitpix} is not supported (expected 8, 16, 32, 64, -32 or -64)`);
  }
  if (naxis < 0 || naxis > 999) throw new FitsError("invalid_header", `FITS header: NAXIS = ${naxis} is out of range`);
  const axes: number[] = [];
  for (let i = 1; i <= naxis; i++) {
    const length = integer(`NAXIS${i}`, 2 + i);
    if (length < 0) throw new FitsError("invalid_header", `FITS header: NAXIS${i} = ${length} is negative`);
    axes.push(length);
  }
  const real = (keyword: string, fallback: number): number => {
    const value = cards[keyword];
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value))
      throw new FitsError("invalid_header", `FITS header: ${keyword} is not a number (${String(value)})`);
    return value;
  };
  const blankValue = cards.BLANK;
  const blank = bitpix > 0 && typeof blankValue === "number" && Number.isInteger(blankValue) ? blankValue : null;
  return {
    bitpix: bitpix as FitsHeader["bitpix"],
    naxis,
    axes,
    bscale: real("BSCALE", 1),
    bzero: real("BZERO", 0),
    blank,
    cards,
    comments,
    headerBytes,
  };
}

/**
 * Decodes the primary-HDU image of a (possibly gzipped) FITS file. Accepts NAXIS = 2, or more axes
 * when every axis beyond the second has length 1. See FitsImage for the pixel order.
 */
export function readFitsImage(bytes: Uint8Array): FitsImage {
  const image = openFitsImage(bytes);
  const { width, height, header } = image;
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = image.pixel(i);
  return { width, height, data, header };
}

/**
 * The size x size window of a FITS image's pixels starting at (x0, y0) (FitsImage order), NaN
 * outside the image: readFitsImage followed by a crop, converting only the window's pixels (a
 * stamp classifier reads 441 of a cutout's 3,969). Same values and errors as readFitsImage, with
 * one difference: a gzipped file is inflated only as far as the window needs when its gzip
 * trailer's size shows the image complete (~40 % less inflating for ZTF's 21x21 of 63x63), so
 * damage to the compressed bytes after the window (a gzip CRC error) goes unnoticed here.
 */
export function readFitsWindow(
  bytes: Uint8Array,
  window: (width: number, height: number) => { x0: number; y0: number; size: number },
): { width: number; height: number; data: Float32Array<ArrayBuffer> } {
  const image = openPartialFitsImage(bytes, window) ?? openFitsImage(bytes);
  const { x0, y0, size } = window(image.width, image.height);
  const data = new Float32Array(size * size).fill(Number.NaN);
  for (let y = 0; y < size; y++) {
    const sy = y + y0;
    if (sy < 0 || sy >= image.height) continue;
    for (let x = 0; x < size; x++) {
      const sx = x + x0;
      if (sx >= 0 && sx < image.width) data[y * size + x] = image.pixel(sy * image.width + sx);
    }
  }
  return { width: size, height: size, data };
}

/** Share of a gzipped stamp inflated first for a window; ZTF's central 21 rows of 63 need ≤ ~0.7. */
const PARTIAL_INFLATE_SHARE = 0.75;

/**
 * openFitsImage from the first part of a gzipped file only, or null (then inflate it all): when
 * that part inflates, holds the header and the rows up to the window's last, and the gzip trailer's
 * ISIZE says the whole file holds all the data (so it is not truncated).
 */
function openPartialFitsImage(
  bytes: Uint8Array,
  window: (width: number, height: number) => { x0: number; y0: number; size: number },
): OpenFitsImage | null {
  if (!isGzip(bytes) || bytes.length < 4 * BLOCK) return null;
  let raw: Buffer;
  try {
    raw = zlib.gunzipSync(bytes.subarray(0, Math.ceil(bytes.length * PARTIAL_INFLATE_SHARE)), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: MAX_UNZIPPED_BYTES,
    });
    if (raw.length < CARD || raw.subarray(0, 8).toString("latin1") !== "SIMPLE  ") return null;
    const header = parseFitsHeader(raw);
    const [width = 0, height = 0] = header.axes;
    const { y0, size } = window(width, height);
    const rowBytes = width * (Math.abs(header.bitpix) / 8);
    const needed = header.headerBytes + Math.max(0, Math.min(height, y0 + size)) * rowBytes;
    const inflatedSize = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(bytes.length - 4); // ISIZE
    if (raw.length < needed || inflatedSize < header.headerBytes + height * rowBytes) return null;
    return checkedImage(raw, header, inflatedSize);
  } catch {
    return null; // let the full path report the error
  }
}

type OpenFitsImage = { width: number; height: number; header: FitsHeader; pixel: (i: number) => number };

/** A checked 2-D primary image: its size, header, and the physical value of pixel i (as readFitsImage stores it). */
function openFitsImage(bytes: Uint8Array): OpenFitsImage {
  const raw = unzipFitsBytes(bytes);
  return checkedImage(raw, parseFitsHeader(raw), raw.length);
}

/** `fileLength`: the whole file's (raw may be its first part only: pixels past raw are not read). */
function checkedImage(raw: Buffer, header: FitsHeader, fileLength: number): OpenFitsImage {
  const { bitpix, axes } = header;
  if (header.naxis < 2 || axes.slice(2).some((length) => length !== 1)) {
    throw new FitsError(
      "unsupported_naxis",
      `FITS primary HDU has NAXIS = ${header.naxis} (${axes.join("x") || "no data"}); only 2-D images are supported`,
    );
  }
  const width = axes[0] ?? 0;
  const height = axes[1] ?? 0;
  const count = width * height;
  const bytesPerPixel = Math.abs(bitpix) / 8;
  const dataBytes = count * bytesPerPixel;
  // The final block's padding to 2880 bytes is not required: some writers omit it.
  if (fileLength < header.headerBytes + dataBytes) {
    throw new FitsError(
      "truncated",
      `FITS data is truncated: ${width}x${height} pixels of BITPIX ${bitpix} need ${dataBytes} bytes after the ${header.headerBytes}-byte header, but only ${Math.max(0, fileLength - header.headerBytes)} are present`,
    );
  }

  const view = new DataView(raw.buffer, raw.byteOffset + header.headerBytes, Math.min(dataBytes, raw.length - header.headerBytes));
  const { bscale, bzero, blank } = header;
  const scaled = bscale !== 1 || bzero !== 0;
  let pixel: (i: number) => number;
  if (bitpix === -32) pixel = scaled ? (i) => bzero + bscale * view.getFloat32(i * 4) : (i) => view.getFloat32(i * 4);
  else if (bitpix === -64) pixel = scaled ? (i) => bzero + bscale * view.getFloat64(i * 8) : (i) => view.getFloat64(i * 8);
  else {
    const stored: (i: number) => number =
      bitpix === 8
        ? (i) => view.getUint8(i)
        : bitpix === 16
          ? (i) => view.getInt16(i * 2)
          : bitpix === 32
            ? (i) => view.getInt32(i * 4)
            : (i) => Number(view.getBigInt64(i * 8));
    pixel = (i) => {
      const value = stored(i);
      return blank !== null && value === blank ? Number.NaN : bzero + bscale * value;
    };
  }
  return { width, height, header, pixel };
}
