// Rubin cutouts: uncompressed multi-extension FITS (primary image in nJy, UNCERT, PSFIMAGE), drawn
// rotated on the sky. The pixel → sky transform is the header's linear WCS (CD, or PC × CDELT);
// northUp() resamples the image onto a grid with north up and east left, the astronomers'
// convention, so the three stamps of an alert and other surveys' images line up.
import { FitsError, type FitsImage, parseFitsHeader, readFitsImage } from "../fits/read-fits-image";

const BLOCK = 2880;

/** The image HDUs of a FITS file: the primary image and each IMAGE extension, by EXTNAME ("PRIMARY" for the first). */
export function readFitsImageHdus(bytes: Uint8Array): Map<string, FitsImage> {
  const hdus = new Map<string, FitsImage>();
  let offset = 0;
  let index = 0;
  while (offset + BLOCK <= bytes.length) {
    // lib/fits reads primary HDUs: an extension is read from a copy whose XTENSION card says SIMPLE.
    const raw = index === 0 ? bytes.subarray(offset) : Buffer.from(bytes.subarray(offset));
    if (index > 0) (raw as Buffer).write("SIMPLE  =                    T".padEnd(80, " "), 0, "latin1");
    const header = parseFitsHeader(raw);
    const dataBytes = header.axes.length === 0 ? 0 : header.axes.reduce((a, b) => a * b, 1) * (Math.abs(header.bitpix) / 8);
    const name = index === 0 ? "PRIMARY" : String(header.cards.EXTNAME ?? `HDU${index}`);
    if (header.naxis >= 2 && dataBytes > 0) hdus.set(name, readFitsImage(raw.subarray(0, header.headerBytes + dataBytes)));
    offset += header.headerBytes + Math.ceil(dataBytes / BLOCK) * BLOCK;
    index++;
  }
  if (hdus.size === 0) throw new FitsError("unsupported_naxis", "FITS file has no 2-D image HDU");
  return hdus;
}

/** The linear part of the WCS: degrees on the sky (ξ east, η north) per pixel step in x and y. */
export interface LinearWcs {
  cd11: number;
  cd12: number;
  cd21: number;
  cd22: number;
  /** Reference pixel, 0-based (CRPIX − 1): the source; null when absent. */
  refX: number | null;
  refY: number | null;
}

/**
 * CD from CDi_j, or PCi_j × CDELTi; null when the header has no celestial WCS. Rubin's cutouts carry
 * a local linear WCS (CRVAL = the source's RA/Dec in degrees, PC in degrees per pixel) without CTYPE
 * cards, so a missing CTYPE1 is read as RA; one that names another axis is not.
 */
export function linearWcs(image: FitsImage): LinearWcs | null {
  const c = image.header.cards;
  const num = (key: string, fallback: number | null): number | null => (typeof c[key] === "number" ? (c[key] as number) : fallback);
  const crpix1 = num("CRPIX1", null);
  const crpix2 = num("CRPIX2", null);
  const ref = { refX: crpix1 === null ? null : crpix1 - 1, refY: crpix2 === null ? null : crpix2 - 1 };
  if (typeof c.CD1_1 === "number") {
    return { cd11: num("CD1_1", 0)!, cd12: num("CD1_2", 0)!, cd21: num("CD2_1", 0)!, cd22: num("CD2_2", 0)!, ...ref };
  }
  const cdelt1 = num("CDELT1", null);
  const cdelt2 = num("CDELT2", null);
  if (cdelt1 === null || cdelt2 === null) return null;
  if (typeof c.CTYPE1 === "string" && !c.CTYPE1.startsWith("RA")) return null;
  return {
    cd11: cdelt1 * num("PC1_1", 1)!,
    cd12: cdelt1 * num("PC1_2", 0)!,
    cd21: cdelt2 * num("PC2_1", 0)!,
    cd22: cdelt2 * num("PC2_2", 1)!,
    ...ref,
  };
}

/** Position angle of the image's +y axis, degrees east of north (0 = already north-up). */
export function rotationDeg(wcs: LinearWcs): number {
  return (Math.atan2(wcs.cd12, wcs.cd22) * 180) / Math.PI;
}

/**
 * The image resampled (bilinear) onto a grid of the same size and pixel scale with north along +y
 * and east along −x; the reference pixel (the source) lands at the centre of the output. Row y = 0 is the south edge (renderStampPng draws it at
 * the bottom). Pixels that fall outside the input are NaN.
 */
export function northUp(image: FitsImage, wcs: LinearWcs): FitsImage {
  const { width, height, data } = image;
  const det = wcs.cd11 * wcs.cd22 - wcs.cd12 * wcs.cd21;
  if (det === 0 || !Number.isFinite(det)) throw new FitsError("invalid_header", "FITS WCS matrix is singular");
  const scale = Math.sqrt(Math.abs(det));
  // Inverse of CD: (ξ, η) → (dx, dy).
  const i11 = wcs.cd22 / det;
  const i12 = -wcs.cd12 / det;
  const i21 = -wcs.cd21 / det;
  const i22 = wcs.cd11 / det;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const out = new Float32Array(width * height);
  const at = (x: number, y: number) => data[y * width + x]!;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const xi = -(u - cx) * scale; // east is left
      const eta = (v - cy) * scale; // north is up
      const x = (wcs.refX ?? cx) + i11 * xi + i12 * eta;
      const y = (wcs.refY ?? cy) + i21 * xi + i22 * eta;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[v * width + u] = Number.NaN;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      out[v * width + u] =
        at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy) + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy;
    }
  }
  return { width, height, data: out, header: image.header };
}

export interface LsstCutoutImages {
  /** The primary image (nJy), north up when the header has a WCS. */
  image: FitsImage;
  /** The PSF model image (PSFIMAGE extension), as stored (it is centred, so its orientation does not matter for display). */
  psf: FitsImage | null;
  /** Rotation of the stored image that northUp removed, degrees east of north; null without a WCS. */
  rotationDeg: number | null;
}

/** A Rubin cutout's science (or template, difference) image turned north-up, and its PSF. */
export function readLsstCutout(fits: Uint8Array): LsstCutoutImages {
  const hdus = readFitsImageHdus(fits);
  const primary = hdus.get("PRIMARY") ?? [...hdus.values()][0]!;
  const wcs = linearWcs(primary);
  return {
    image: wcs ? northUp(primary, wcs) : primary,
    psf: hdus.get("PSFIMAGE") ?? null,
    rotationDeg: wcs ? rotationDeg(wcs) : null,
  };
}
