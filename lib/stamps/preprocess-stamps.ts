// Stamp preprocessing for the ALeRCE stamp classifier (Carrasco-Davis et al. 2021), reproducing the
// preprocessing pipeline of the deployed model (alercebroker/pipeline, stamp_classifier_step/model:
// DeepHiTSWithFeaturesEntropyReg._data_loader_init + ZTFDataPreprocessor): select the three channels
// science/reference/difference -> crop the central 21x21 -> normalise each image of each channel on
// its own (nanmin subtracted, then divided by the nanmax of the result) -> NaN to 0.
// See lib/stamps/README.md for the sources and conventions.
import { readFitsWindow } from "../fits/read-fits-image";

/** A 2-D image in FitsImage order: `data[y * width + x]`, y = 0 the first FITS row (NAXIS2 index 1). */
export type StampImage = { width: number; height: number; data: Float32Array };

/** Side of the square crop fed to the classifier (param CROP_SIZE / INPUT_IMAGE_SIZE = 21). */
export const STAMP_CROP_SIZE = 21;
/** ZTF stamps are 63x63; ALeRCE drops alerts whose stacked stamps are not (63, 63, 3). */
export const ZTF_STAMP_SIZE = 63;
/** Channel order of the tensor: science, reference (cutoutTemplate), difference. */
export const STAMP_CHANNELS = ["science", "template", "difference"] as const;

export class StampPreprocessError extends Error {
  override readonly name = "StampPreprocessError";
}

/** True for a full-size 63x63 stamp: the only shape the ALeRCE step classifies. */
export const isFullSizeStamp = (image: StampImage): boolean => image.width === ZTF_STAMP_SIZE && image.height === ZTF_STAMP_SIZE;

/**
 * The size x size window centred on the stamp centre. Centre pixel index along an axis of length n
 * is floor(n / 2) (0-based; 31 for 63), and the window starts at centre - floor(size / 2): for a
 * 63x63 stamp and size 21 that is rows/columns 21..41, exactly ALeRCE's `image_crop_at_center`
 * (`samples[:, 21:42, 21:42, :]`). Output pixel (x, y) = input pixel (x + x0, y + y0), same order as
 * the input (y = 0 the first FITS row). Pixels of the window outside a smaller stamp (CCD-edge
 * cutouts narrower or shorter than `size`) are NaN, so the output is always size x size. Note that
 * for an edge stamp the stamp centre is not necessarily the candidate's position.
 */
export function cropCenter(image: StampImage, size: number = STAMP_CROP_SIZE): StampImage {
  if (!Number.isInteger(size) || size <= 0) throw new StampPreprocessError(`crop size must be a positive integer (got ${size})`);
  if (image.data.length !== image.width * image.height) {
    throw new StampPreprocessError(`image data has ${image.data.length} values for ${image.width}x${image.height} pixels`);
  }
  const half = Math.floor(size / 2);
  const x0 = Math.floor(image.width / 2) - half;
  const y0 = Math.floor(image.height / 2) - half;
  const out = new Float32Array(size * size).fill(Number.NaN);
  for (let y = 0; y < size; y++) {
    const sy = y + y0;
    if (sy < 0 || sy >= image.height) continue;
    for (let x = 0; x < size; x++) {
      const sx = x + x0;
      if (sx < 0 || sx >= image.width) continue;
      out[y * size + x] = image.data[sy * image.width + sx] ?? Number.NaN;
    }
  }
  return { width: size, height: size, data: out };
}

/**
 * Per-image min-max normalisation as in ALeRCE's `image_normalize_by_image` followed by
 * `image_nan_to_num` (NANS_TO = 0): v' = (v - nanmin) / nanmax(v - nanmin), so the finite values span
 * [0, 1]; then NaN -> 0. A constant image gives 0/0 = NaN in numpy, hence all zeros here too, and an
 * all-NaN image gives all zeros. ±Infinity (never seen in ZTF stamps) is treated like NaN. Returns a
 * new array; the arithmetic is done in float64 and rounded to float32 (numpy uses float32 throughout,
 * so results may differ by 1 ulp).
 */
export function normaliseStamp(values: ArrayLike<number>): Float32Array<ArrayBuffer> {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Float32Array(values.length);
  const range = max - min;
  if (!(range > 0)) return out;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isFinite(v) ? (v - min) / range : 0;
  }
  return out;
}

/** A channel given either decoded or as the alert's cutout (gzipped FITS bytes). */
export type StampInput = StampImage | { stampData: Uint8Array };
export type StampTriplet = { science: StampInput | null; template: StampInput | null; difference: StampInput | null };

/**
 * cropCenter of the channel's image; for cutout bytes, cropCenter(readFitsImage(bytes), size) with
 * only the window's pixels converted (readFitsWindow): the same values.
 */
function croppedChannel(input: StampInput, size: number): StampImage {
  if (!("stampData" in input)) return cropCenter(input, size);
  if (!Number.isInteger(size) || size <= 0) throw new StampPreprocessError(`crop size must be a positive integer (got ${size})`);
  const half = Math.floor(size / 2);
  return readFitsWindow(input.stampData, (width, height) => ({
    x0: Math.floor(width / 2) - half,
    y0: Math.floor(height / 2) - half,
    size,
  }));
}

/**
 * The classifier input for one alert: Float32Array of shape [21, 21, 3] (NHWC without N), index
 * `(y * 21 + x) * 3 + c`, with H = y along NAXIS2 (y = 0 the first FITS row, as astropy's
 * `data[y, x]`), W = x along NAXIS1, and c = 0 science, 1 reference (template), 2 difference. Each
 * channel is cropCenter(...) then normaliseStamp(...). Throws FitsError for undecodable cutouts and
 * StampPreprocessError for a missing one. Smaller CCD-edge stamps are padded (see cropCenter) rather
 * than dropped as ALeRCE does; callers wanting ALeRCE's behaviour check isFullSizeStamp first.
 */
export function stampTensor(cutouts: StampTriplet, size: number = STAMP_CROP_SIZE): Float32Array<ArrayBuffer> {
  const out = new Float32Array(size * size * STAMP_CHANNELS.length);
  STAMP_CHANNELS.forEach((channel, c) => {
    const input = cutouts[channel];
    if (!input) throw new StampPreprocessError(`the ${channel} cutout is missing; the stamp classifier needs all three`);
    const normalised = normaliseStamp(croppedChannel(input, size).data);
    for (let i = 0; i < normalised.length; i++) out[i * STAMP_CHANNELS.length + c] = normalised[i] as number;
  });
  return out;
}

/** Several alerts stacked as [count, 21, 21, 3] (NHWC, row-major), in the order given. */
export function stampTensorBatch(
  list: readonly StampTriplet[],
  size: number = STAMP_CROP_SIZE,
): {
  data: Float32Array<ArrayBuffer>;
  count: number;
  shape: [number, number, number, number];
} {
  const per = size * size * STAMP_CHANNELS.length;
  const data = new Float32Array(per * list.length);
  list.forEach((cutouts, n) => data.set(stampTensor(cutouts, size), n * per));
  return { data, count: list.length, shape: [list.length, size, size, STAMP_CHANNELS.length] };
}
