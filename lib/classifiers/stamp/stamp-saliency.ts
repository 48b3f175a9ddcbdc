/**
 * "Why this class" for the stamp classifier: an occlusion saliency map (Zeiler & Fergus 2014) over
 * the three 21×21 classifier stamps. A square patch of one channel is replaced by that channel's
 * mean, all positions and channels in one batched ONNX run; a pixel's saliency is the mean drop of
 * the network's probability for its top class over the patches that cover it. The ALeRCE rules that
 * follow the network (stamp-rules.ts) do not read pixels, so the map explains the network's output.
 */
import { STAMP_CROP_SIZE, STAMP_CHANNELS } from "../../stamps/preprocess-stamps";
import { encodeGrayPng } from "../../stamps/render-stamp-png";
import { STAMP_CLASSES } from "./stamp-classes";
import type { StampClassifier, StampClassifierInput } from "./stamp-classifier";

export type StampChannel = (typeof STAMP_CHANNELS)[number];

export const OCCLUSION_PATCH = 5;
export const OCCLUSION_STRIDE = 2;

export interface StampSaliency {
  /** The network's top class (before the rules) and its probability on the intact stamps. */
  className: (typeof STAMP_CLASSES)[number];
  classIndex: number;
  probability: number;
  /** Per channel, 21×21 (index y * 21 + x, y = first FITS row): mean probability drop when occluded. */
  maps: Record<StampChannel, Float32Array>;
}

const SIZE = STAMP_CROP_SIZE;
const NCH = STAMP_CHANNELS.length;

/** Patch origins along one axis: every OCCLUSION_STRIDE, plus the last one flush with the edge. */
function origins(patch: number): number[] {
  const out: number[] = [];
  for (let o = 0; o + patch <= SIZE; o += OCCLUSION_STRIDE) out.push(o);
  if (out.at(-1) !== SIZE - patch) out.push(SIZE - patch);
  return out;
}

/** The stamps with a patch × patch square of one channel at (x0, y0) set to the channel's mean. */
export function occludeStamps(stamps: Float32Array, channel: number, x0: number, y0: number, patch = OCCLUSION_PATCH): Float32Array {
  let mean = 0;
  for (let i = 0; i < SIZE * SIZE; i++) mean += stamps[i * NCH + channel]!;
  mean /= SIZE * SIZE;
  const out = Float32Array.from(stamps);
  for (let y = y0; y < y0 + patch; y++) for (let x = x0; x < x0 + patch; x++) out[(y * SIZE + x) * NCH + channel] = mean;
  return out;
}

export async function stampSaliency(
  classifier: StampClassifier,
  input: StampClassifierInput,
  patch = OCCLUSION_PATCH,
): Promise<StampSaliency> {
  const [base] = await classifier.classify([input]);
  const classIndex = base!.raw.reduce((best, p, i, raw) => (p > raw[best]! ? i : best), 0);
  const probability = base!.raw[classIndex]!;
  const positions = origins(patch).flatMap((y0) => origins(patch).map((x0) => ({ x0, y0 })));
  const variants = STAMP_CHANNELS.flatMap((_, c) => positions.map(({ x0, y0 }) => ({ c, x0, y0 })));
  const results = await classifier.classify(
    variants.map((v) => ({ ...input, stamps: occludeStamps(input.stamps, v.c, v.x0, v.y0, patch) })),
  );
  const sums = STAMP_CHANNELS.map(() => new Float64Array(SIZE * SIZE));
  const counts = STAMP_CHANNELS.map(() => new Float64Array(SIZE * SIZE));
  variants.forEach((v, k) => {
    const drop = probability - results[k]!.raw[classIndex]!;
    for (let y = v.y0; y < v.y0 + patch; y++) {
      for (let x = v.x0; x < v.x0 + patch; x++) {
        const i = y * SIZE + x;
        sums[v.c]![i] = sums[v.c]![i]! + drop;
        counts[v.c]![i] = counts[v.c]![i]! + 1;
      }
    }
  });
  const maps = Object.fromEntries(
    STAMP_CHANNELS.map((channel, c) => [channel, Float32Array.from(sums[c]!, (s, i) => s / counts[c]![i]!)]),
  ) as Record<StampChannel, Float32Array>;
  return { className: STAMP_CLASSES[classIndex]!, classIndex, probability, maps };
}

/**
 * One channel's map as a grayscale PNG, oriented as renderStampPng draws the stamps (first FITS row
 * at the bottom): white where occlusion lowers the top class's probability most, black where it does
 * not lower it. The gray scale runs from 0 to the largest drop over the three channels, so the three
 * images compare.
 */
export function renderSaliencyPng(saliency: StampSaliency, channel: StampChannel, scale = 1): Buffer {
  if (!Number.isInteger(scale) || scale < 1 || scale > 32)
    throw new Error(`renderSaliencyPng: scale must be an integer from 1 to 32 (got ${scale})`);
  const peak = Math.max(1e-9, ...STAMP_CHANNELS.flatMap((c) => Array.from(saliency.maps[c])));
  const map = saliency.maps[channel];
  const width = SIZE * scale;
  const pixels = new Uint8Array(width * width);
  for (let row = 0; row < SIZE; row++) {
    const y = SIZE - 1 - row;
    for (let x = 0; x < SIZE; x++) {
      const level = Math.round((255 * Math.max(0, map[y * SIZE + x]!)) / peak);
      for (let k = 0; k < scale; k++)
        pixels.fill(level, (row * scale + k) * width + x * scale, (row * scale + k) * width + (x + 1) * scale);
    }
  }
  return encodeGrayPng(width, width, pixels);
}
