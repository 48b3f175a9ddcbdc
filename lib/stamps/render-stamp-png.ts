// Renders a stamp (a decoded FITS cutout) as an 8-bit grayscale PNG for the Explorer, with a small
// PNG encoder of our own (PNG spec, W3C 2nd ed.: signature, IHDR, IDAT = zlib stream of filter-0
// scanlines, IEND, each chunk with a CRC-32) and IRAF's zscale algorithm for the display limits.
import zlib from "node:zlib";
import type { StampImage } from "./preprocess-stamps";

export type StampStretch = "zscale" | "asinh" | "linear";

export type RenderStampOptions = {
  /**
   * zscale: linear between IRAF zscale limits (the usual look of ZTF cutouts).
   * asinh: asinh curve (a = 0.1) between the zscale lower limit and the 99.5th percentile, to show
   *   faint background and bright cores together.
   * linear: linear between the minimum and maximum finite values.
   */
  stretch: StampStretch;
  /** Dark sources on a light background. */
  invert?: boolean;
  /** Integer upscaling factor (nearest neighbour), 1..32; default 1. */
  scale?: number;
  /** Gray level (0..255) used for NaN pixels, unaffected by invert; default 128. */
  nanGray?: number;
};

export type DisplayLimits = { low: number; high: number };

export type ZscaleOptions = {
  /** Pixels sampled (evenly spaced through the finite pixels); default 1000. */
  nSamples?: number;
  /** Slope divisor; default 0.25 (IRAF's default). */
  contrast?: number;
  /** Give up fitting (use min/max) when fewer than this fraction of the sample survive; default 0.5. */
  maxReject?: number;
  /** Minimum surviving pixels; default 5. */
  minPixels?: number;
  /** Rejection threshold in standard deviations; default 2.5. */
  kRej?: number;
  /** Default 5. */
  maxIterations?: number;
};

/** Finite values, sorted ascending, as float64. */
function finiteSorted(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out.push(v);
  }
  return Float64Array.from(out).sort();
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (p / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const a = sorted[below] as number;
  const b = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return a + (b - a) * (position - below);
}

/**
 * IRAF zscale (as described in the IRAF `display` help and implemented in astropy's
 * ZScaleInterval): take an evenly spaced sample of at most nSamples pixels, spread over the whole
 * image, keep the finite ones and sort them; fit a straight line
 * value = intercept + slope * rank by least squares, iteratively rejecting points more than kRej
 * standard deviations from the line (growing each rejection to neighbouring ranks by 1% of the
 * sample); if too few points survive, return the sample's min and max; else divide the slope by the
 * contrast and return median -/+ slope * (ranks from the median to the ends), clipped to the
 * sample's min/max. NaN limits for an image without finite pixels.
 */
export function zscaleLimits(values: ArrayLike<number>, options: ZscaleOptions = {}): DisplayLimits {
  const { nSamples = 1000, contrast = 0.25, maxReject = 0.5, minPixels = 5, kRej = 2.5, maxIterations = 5 } = options;
  // Sample every stride-th pixel by position, spread over the whole image (astropy's
  // floor(n / nSamples) stride with a cut at nSamples would only sample the first ~3/4 of a 63x63
  // stamp), then drop the non-finite ones, so NaN pixels do not shift the sampled positions.
  const stride = Math.max(1, Math.ceil(values.length / nSamples));
  let sampleList: number[] = [];
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i] as number;
    if (Number.isFinite(v)) sampleList.push(v);
  }
  if (sampleList.length === 0) {
    sampleList = [];
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) sampleList.push(values[i] as number);
  }
  if (sampleList.length === 0) return { low: Number.NaN, high: Number.NaN };
  const sample = Float64Array.from(sampleList).sort();
  const npix = sample.length;
  const zmin = sample[0] as number;
  const zmax = sample[npix - 1] as number;
  const centre = Math.floor((npix - 1) / 2);
  const median = npix % 2 === 1 ? (sample[centre] as number) : ((sample[centre] as number) + (sample[centre + 1] as number)) / 2;

  const minGood = Math.max(minPixels, Math.floor(npix * maxReject));
  const grow = Math.max(1, Math.floor(npix * 0.01));
  const bad = new Uint8Array(npix);
  let nGood = npix;
  let lastGood = npix + 1;
  let slope = 0;
  let intercept = median;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (nGood >= lastGood || nGood < minGood) break;
    // Least-squares line through the surviving (rank, value) points.
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < npix; i++) {
      if (bad[i]) continue;
      const y = sample[i] as number;
      n += 1;
      sx += i;
      sy += y;
      sxx += i * i;
      sxy += i * y;
    }
    const denominator = n * sxx - sx * sx;
    slope = denominator === 0 ? 0 : (n * sxy - sx * sy) / denominator;
    intercept = (sy - slope * sx) / n;
    // Residual standard deviation of the surviving points.
    const residual = new Float64Array(npix);
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < npix; i++) {
      const r = (sample[i] as number) - (intercept + slope * i);
      residual[i] = r;
      if (!bad[i]) {
        sum += r;
        sumSquares += r * r;
      }
    }
    const mean = sum / n;
    const threshold = kRej * Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
    const rejected = new Uint8Array(npix);
    for (let i = 0; i < npix; i++) if (Math.abs(residual[i] as number) > threshold) rejected[i] = 1;
    // Grow each rejection over a window of `grow` ranks (as a same-size convolution would).
    const before = Math.floor((grow - 1) / 2);
    const after = grow - 1 - before;
    for (let i = 0; i < npix; i++) {
      if (!rejected[i]) continue;
      for (let j = Math.max(0, i - after); j <= Math.min(npix - 1, i + before); j++) bad[j] = 1;
    }
    lastGood = nGood;
    nGood = 0;
    for (let i = 0; i < npix; i++) if (!bad[i]) nGood += 1;
  }
  if (nGood < minGood) return { low: zmin, high: zmax };
  const zslope = contrast > 0 ? slope / contrast : slope;
  return {
    low: Math.max(zmin, median - centre * zslope),
    high: Math.min(zmax, median + (npix - 1 - centre) * zslope),
  };
}

/** The [low, high] values mapped to black and white by a stretch. */
export function stampDisplayLimits(values: ArrayLike<number>, stretch: StampStretch): DisplayLimits {
  if (stretch === "zscale") return zscaleLimits(values);
  const sorted = finiteSorted(values);
  if (sorted.length === 0) return { low: Number.NaN, high: Number.NaN };
  if (stretch === "linear") return { low: sorted[0] as number, high: sorted[sorted.length - 1] as number };
  const { low } = zscaleLimits(values);
  const high = percentile(sorted, 99.5);
  return { low, high: high > low ? high : (sorted[sorted.length - 1] as number) };
}

const ASINH_A = 0.1;

/** Maps finite values to gray levels 0..255 (NaN -> -1), before orientation and scaling. */
function toGray(values: ArrayLike<number>, stretch: StampStretch): Int16Array {
  const { low, high } = stampDisplayLimits(values, stretch);
  const range = high - low;
  const out = new Int16Array(values.length);
  const norm = Math.asinh(1 / ASINH_A);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      out[i] = -1;
      continue;
    }
    let t = range > 0 ? (v - low) / range : v > low ? 1 : 0;
    t = Math.min(1, Math.max(0, t));
    if (stretch === "asinh") t = Math.asinh(t / ASINH_A) / norm;
    out[i] = Math.round(t * 255);
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309 / ITU-T V.42, as PNG uses). */
export function crc32(bytes: Uint8Array, initial = 0): number {
  let c = (initial ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit grayscale PNG (colour type 0) from `width * height` gray levels, top row first. */
export function encodeGrayPng(width: number, height: number, pixels: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || pixels.length !== width * height) {
    throw new Error(`encodeGrayPng: ${pixels.length} pixels do not make a ${width}x${height} image`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: grayscale
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const scanlines = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    scanlines[y * (width + 1)] = 0; // filter type None
    scanlines.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(scanlines)), chunk("IEND", new Uint8Array(0))]);
}

/**
 * The stamp as a grayscale PNG of (width * scale) x (height * scale) pixels. Orientation: the
 * first FITS row (y = 0) is the LAST (bottom) PNG row and x increases to the right, i.e. the image
 * as ds9 / astropy imshow(origin="lower") show it and as ZTF cutouts are conventionally displayed
 * (the stamps carry no WCS, so the sky orientation is whatever that display convention gives).
 */
export function renderStampPng(image: StampImage, options: RenderStampOptions): Buffer {
  const { width, height, data } = image;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > 32)
    throw new Error(`renderStampPng: scale must be an integer from 1 to 32 (got ${scale})`);
  if (data.length !== width * height || width <= 0 || height <= 0) {
    throw new Error(`renderStampPng: image data has ${data.length} values for ${width}x${height} pixels`);
  }
  const nanGray = Math.min(255, Math.max(0, Math.round(options.nanGray ?? 128)));
  const gray = toGray(data, options.stretch);
  const outWidth = width * scale;
  const outHeight = height * scale;
  const pixels = new Uint8Array(outWidth * outHeight);
  for (let row = 0; row < height; row++) {
    const y = height - 1 - row; // FITS row shown on this PNG row
    const line = new Uint8Array(outWidth);
    for (let x = 0; x < width; x++) {
      const g = gray[y * width + x] as number;
      const level = g < 0 ? nanGray : options.invert ? 255 - g : g;
      line.fill(level, x * scale, (x + 1) * scale);
    }
    for (let k = 0; k < scale; k++) pixels.set(line, (row * scale + k) * outWidth);
  }
  return encodeGrayPng(outWidth, outHeight, pixels);
}
