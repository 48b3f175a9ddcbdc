// How lsst_cutout.fits keeps Rubin's cutouts (docs/ingest.md, LSST section; ADRs 0041, 0051): the
// FITS file as received, as one gzip member, made in the decode thread where the rows are built
// (lsst-alert-rows.ts). Rubin's cutouts are uncompressed FITS: three HDUs (image, UNCERT, PSFIMAGE),
// each a header of mostly padding blanks and pixels. Deflate (level 1, run-length strategy) squeezes
// the headers and the blocks' padding to ~5 % and the float64 PSF to ~60 %, but the float32 pixels
// only to ~88 %, and deflating is ~1 ms of CPU an alert, the decode thread's largest cost. So the
// float32 pixel arrays go into the stream as stored (uncompressed) deflate blocks and only the rest is
// deflated: the same gzip format, which gunzip (and astropy) read as before and which gives back the
// received bytes exactly; any segmentation is lossless, so a file that is not the FITS expected is
// simply deflated whole. Rows written before are gzip too (whole-file deflate) or, older still, plain
// FITS: the reader tells plain from gzip by the magic number.
import zlib from "node:zlib";

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
const BLOCK = 2880;
const CARD = 80;

const DEFLATE_OPTIONS: zlib.ZlibOptions = { level: 1, strategy: zlib.constants.Z_RLE };
/** A deflated segment followed by more data: byte-aligned and not final (ends with an empty stored block). */
const DEFLATE_NOT_LAST: zlib.ZlibOptions = { ...DEFLATE_OPTIONS, finishFlush: zlib.constants.Z_SYNC_FLUSH };
/** ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=4 (fastest) OS=3 (Unix): what zlib's gzip writes at level 1. */
const GZIP_HEADER = [GZIP_MAGIC_0, GZIP_MAGIC_1, 8, 0, 0, 0, 0, 0, 4, 3];
const STORED_BLOCK_MAX = 0xffff;

/** A run of the file: deflated, or kept as stored blocks. */
interface Segment {
  start: number;
  end: number;
  deflate: boolean;
}

/** An integer card value (`KEYWORD = 123 / comment`), or null. */
function intCard(fits: Buffer, at: number): number | null {
  const text = fits.toString("latin1", at + 10, at + CARD);
  const slash = text.indexOf("/");
  const value = Number((slash >= 0 ? text.slice(0, slash) : text).trim());
  return Number.isInteger(value) ? value : null;
}

/**
 * The file's runs: the float32 pixel arrays of its HDUs stored, everything else (headers, padding,
 * other data) deflated. Reading stops at the first thing that is not a plain FITS HDU; the rest of
 * the file is then one deflated run.
 */
export function cutoutSegments(fits: Buffer): Segment[] {
  const segments: Segment[] = [];
  let deflateFrom = 0;
  let offset = 0;
  while (offset + BLOCK <= fits.length) {
    let bitpix: number | null = null;
    let naxis: number | null = null;
    const axes: (number | null)[] = [];
    let pcount = 0;
    let gcount = 1;
    let headerEnd = -1;
    for (let at = offset; at + CARD <= fits.length; at += CARD) {
      const first = fits[at];
      // Only END and the cards read below (B, N, P, G) are decoded as text.
      if (first === 0x45 && fits.toString("latin1", at, at + 8) === "END     ") {
        headerEnd = offset + Math.ceil((at + CARD - offset) / BLOCK) * BLOCK;
        break;
      }
      if (fits[at + 8] !== 0x3d /* = */ || (first !== 0x42 && first !== 0x4e && first !== 0x50 && first !== 0x47)) continue;
      const keyword = fits.toString("latin1", at, at + 8);
      if (keyword === "BITPIX  ") bitpix = intCard(fits, at);
      else if (keyword === "NAXIS   ") naxis = intCard(fits, at);
      else if (keyword.startsWith("NAXIS")) axes[Number(keyword.slice(5)) - 1] = intCard(fits, at);
      else if (keyword === "PCOUNT  ") pcount = intCard(fits, at) ?? Number.NaN;
      else if (keyword === "GCOUNT  ") gcount = intCard(fits, at) ?? Number.NaN;
    }
    if (headerEnd < 0 || bitpix === null || naxis === null || naxis < 0 || naxis > 999) break;
    let pixels = naxis > 0 ? 1 : 0;
    for (let i = 0; i < naxis; i++) pixels *= axes[i] ?? Number.NaN;
    const dataBytes = (Math.abs(bitpix) / 8) * gcount * (pcount + pixels);
    if (!Number.isSafeInteger(dataBytes) || dataBytes < 0 || headerEnd + dataBytes > fits.length) break;
    if (bitpix === -32 && dataBytes > 0) {
      segments.push({ start: deflateFrom, end: headerEnd, deflate: true });
      segments.push({ start: headerEnd, end: headerEnd + dataBytes, deflate: false });
      deflateFrom = headerEnd + dataBytes;
    }
    offset = headerEnd + Math.ceil(dataBytes / BLOCK) * BLOCK;
  }
  segments.push({ start: deflateFrom, end: fits.length, deflate: true });
  return segments.filter((s) => s.end > s.start || s === segments.at(-1));
}

/** The bytes to store for a cutout received as `fits`: a gzip member (see the top of this file). */
export function packLsstCutout(fits: Buffer): Buffer {
  const segments = cutoutSegments(fits);
  const parts: Uint8Array[] = [Uint8Array.from(GZIP_HEADER)];
  let total = GZIP_HEADER.length + 8;
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    const bytes = fits.subarray(segment.start, segment.end);
    if (segment.deflate) {
      // The last run always deflates (with Z_FINISH: it ends the stream with a final block).
      const deflated = zlib.deflateRawSync(bytes, last ? DEFLATE_OPTIONS : DEFLATE_NOT_LAST);
      parts.push(deflated);
      total += deflated.length;
      continue;
    }
    for (let from = 0; from < bytes.length; from += STORED_BLOCK_MAX) {
      const block = bytes.subarray(from, from + STORED_BLOCK_MAX);
      const n = block.length;
      // BFINAL=0, BTYPE=00 (stored), aligned; LEN and its one's complement, little-endian.
      parts.push(Uint8Array.of(0, n & 0xff, n >>> 8, ~n & 0xff, (~n >>> 8) & 0xff), block);
      total += 5 + n;
    }
  }
  // An owned ArrayBuffer (not the pool's): the decode thread transfers it rather than cloning.
  const packed = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const part of parts) {
    packed.set(part, at);
    at += part.length;
  }
  packed.writeUInt32LE(zlib.crc32(fits), at);
  packed.writeUInt32LE(fits.length % 2 ** 32, at + 4);
  return packed;
}

/** The FITS file of a stored cutout (gzipped or, from before, plain). */
export function unpackLsstCutout(stored: Buffer): Buffer {
  return stored.length >= 2 && stored[0] === GZIP_MAGIC_0 && stored[1] === GZIP_MAGIC_1 ? zlib.gunzipSync(stored) : stored;
}
