// How lsst_cutout.fits keeps Rubin's cutouts (docs/ingest.md, LSST section): the FITS file as received,
// gzipped (level 1, run-length strategy: ~0.7 ms CPU an alert) in the decode thread, where the rows
// are built (lsst-alert-rows.ts). zlib's async API on the writer thread was tried and cost that
// thread more than it saved (a zlib stream per cutout). Rubin's cutouts are uncompressed FITS
// whose headers are mostly padding blanks: gzip halves them (~150 KB → ~75 KB an alert), which halves
// what PostgreSQL writes to TOAST and WAL, the largest cost of an LSST alert. Gunzipping gives back the
// received bytes exactly (a .fits.gz that astropy reads as is). Rows written before this are plain FITS:
// the reader tells the two apart by the gzip magic number.
import zlib from "node:zlib";

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

const GZIP_OPTIONS: zlib.ZlibOptions = { level: 1, strategy: zlib.constants.Z_RLE };

/** The bytes to store for a cutout received as `fits`. */
export function packLsstCutout(fits: Buffer): Buffer {
  return zlib.gzipSync(fits, GZIP_OPTIONS);
}

/** The FITS file of a stored cutout (gzipped or, from before, plain). */
export function unpackLsstCutout(stored: Buffer): Buffer {
  return stored.length >= 2 && stored[0] === GZIP_MAGIC_0 && stored[1] === GZIP_MAGIC_1 ? zlib.gunzipSync(stored) : stored;
}
