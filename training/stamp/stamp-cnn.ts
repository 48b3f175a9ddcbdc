import type * as tfType from "@tensorflow/tfjs";
import { STAMP_CHANNELS, STAMP_CLASSES } from "../../lib/classifiers/stamp/stamp-classes";

/**
 * The stamp classifier's network, modelled on ALeRCE's (Carrasco-Davis et al. 2021), scaled to
 * 21×21 stamps: a rotation-invariant CNN (the four 90° rotations share the weights and their
 * features are averaged: "cyclic pooling") followed by dense layers that also see the alert's
 * metadata. Written with tfjs core ops and explicit variables so that the ONNX exporter
 * (stamp-cnn-onnx.ts) knows every weight's layout.
 */

export interface StampCnnShape {
  metaFeatures: number;
  conv1Filters: number;
  conv2Filters: number;
  denseUnits: number;
  headUnits: number;
}

export const DEFAULT_SHAPE: Omit<StampCnnShape, "metaFeatures"> = { conv1Filters: 16, conv2Filters: 32, denseUnits: 64, headUnits: 64 };

/** Plain weights (tfjs layouts: conv [kh, kw, in, out], dense [in, out]); what is saved and exported. */
export interface StampCnnWeights {
  shape: StampCnnShape;
  conv1W: Float32Array;
  conv1B: Float32Array;
  conv2W: Float32Array;
  conv2B: Float32Array;
  denseW: Float32Array;
  denseB: Float32Array;
  headW: Float32Array;
  headB: Float32Array;
  outW: Float32Array;
  outB: Float32Array;
}

/** 21 → conv(same) → pool 2 → 10 → conv(same) → pool 2 → 5. */
export function flattenedSize(shape: StampCnnShape): number {
  return 5 * 5 * shape.conv2Filters;
}

export function weightDims(shape: StampCnnShape): Record<Exclude<keyof StampCnnWeights, "shape">, number[]> {
  return {
    conv1W: [3, 3, STAMP_CHANNELS, shape.conv1Filters],
    conv1B: [shape.conv1Filters],
    conv2W: [3, 3, shape.conv1Filters, shape.conv2Filters],
    conv2B: [shape.conv2Filters],
    denseW: [flattenedSize(shape), shape.denseUnits],
    denseB: [shape.denseUnits],
    headW: [shape.denseUnits + shape.metaFeatures, shape.headUnits],
    headB: [shape.headUnits],
    outW: [shape.headUnits, STAMP_CLASSES.length],
    outB: [STAMP_CLASSES.length],
  };
}

/** Glorot-uniform weights, zero biases, from a seeded generator. */
export function initialWeights(shape: StampCnnShape, random: () => number): StampCnnWeights {
  const dims = weightDims(shape);
  const glorot = (d: number[]) => {
    const fanIn = d.length === 4 ? d[0]! * d[1]! * d[2]! : d[0]!;
    const fanOut = d.length === 4 ? d[0]! * d[1]! * d[3]! : d[1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return Float32Array.from({ length: d.reduce((a, b) => a * b, 1) }, () => (random() * 2 - 1) * limit);
  };
  const zeros = (d: number[]) => new Float32Array(d[0]!);
  return {
    shape,
    conv1W: glorot(dims.conv1W),
    conv1B: zeros(dims.conv1B),
    conv2W: glorot(dims.conv2W),
    conv2B: zeros(dims.conv2B),
    denseW: glorot(dims.denseW),
    denseB: zeros(dims.denseB),
    headW: glorot(dims.headW),
    headB: zeros(dims.headB),
    outW: glorot(dims.outW),
    outB: zeros(dims.outB),
  };
}

type Tf = typeof tfType;
export type StampCnnVariables = Record<Exclude<keyof StampCnnWeights, "shape">, tfType.Variable>;

export function toVariables(tf: Tf, weights: StampCnnWeights): StampCnnVariables {
  const dims = weightDims(weights.shape);
  const v = (key: Exclude<keyof StampCnnWeights, "shape">) => tf.variable(tf.tensor(weights[key], dims[key]), true);
  return {
    conv1W: v("conv1W"),
    conv1B: v("conv1B"),
    conv2W: v("conv2W"),
    conv2B: v("conv2B"),
    denseW: v("denseW"),
    denseB: v("denseB"),
    headW: v("headW"),
    headB: v("headB"),
    outW: v("outW"),
    outB: v("outB"),
  };
}

export async function fromVariables(shape: StampCnnShape, variables: StampCnnVariables): Promise<StampCnnWeights> {
  const read = async (key: keyof StampCnnVariables) => Float32Array.from(await variables[key].data());
  return {
    shape,
    conv1W: await read("conv1W"),
    conv1B: await read("conv1B"),
    conv2W: await read("conv2W"),
    conv2B: await read("conv2B"),
    denseW: await read("denseW"),
    denseB: await read("denseB"),
    headW: await read("headW"),
    headB: await read("headB"),
    outW: await read("outW"),
    outB: await read("outB"),
  };
}

/**
 * conv2d 3×3, stride 1, 'same', with an explicit gradient: tfjs's wasm backend has no
 * Conv2DBackpropFilter kernel. dW is the 'valid' convolution of the padded input (channels moved
 * to the batch axis) with dy (batch moved to the channel axis); dx is the transposed convolution.
 */
export function conv3x3(tf: Tf): (x: tfType.Tensor4D, w: tfType.Tensor4D) => tfType.Tensor4D {
  return tf.customGrad((x, w, save) => {
    const input = x as tfType.Tensor4D;
    const filter = w as tfType.Tensor4D;
    (save as unknown as (tensors: tfType.Tensor[]) => void)([input, filter]);
    return {
      value: tf.conv2d(input, filter, 1, "same"),
      gradFunc: (dy, saved) => {
        const [sx, sw] = saved as [tfType.Tensor4D, tfType.Tensor4D];
        const grad = dy as tfType.Tensor4D;
        const dx = tf.conv2dTranspose(grad, sw, sx.shape, 1, "same");
        const xPadded = tf.pad(sx, [
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ]);
        const xT = tf.transpose(xPadded, [3, 1, 2, 0]) as tfType.Tensor4D; // [Ci, H+2, W+2, N]
        const dyT = tf.transpose(grad, [1, 2, 0, 3]) as tfType.Tensor4D; // [H, W, N, Co]
        const dw = tf.transpose(tf.conv2d(xT, dyT, 1, "valid"), [1, 2, 0, 3]); // [Ci,3,3,Co] → [3,3,Ci,Co]
        return [dx, dw];
      },
    };
  }) as (x: tfType.Tensor4D, w: tfType.Tensor4D) => tfType.Tensor4D;
}

/** The four 90° rotations of NHWC stamps, stacked on the batch axis: [4N, H, W, C]. */
export function rotations(tf: Tf, x: tfType.Tensor4D): tfType.Tensor4D {
  const xt = tf.transpose(x, [0, 2, 1, 3]) as tfType.Tensor4D;
  return tf.concat([x, tf.reverse(xt, 2), tf.reverse(x, [1, 2]), tf.reverse(xt, 1)], 0);
}

/** Logits [N, classes] for stamps [N,21,21,3] and metadata [N, metaFeatures]. */
export function stampCnnLogits(tf: Tf, v: StampCnnVariables, stamps: tfType.Tensor4D, meta: tfType.Tensor2D): tfType.Tensor2D {
  const conv = conv3x3(tf);
  const n = stamps.shape[0];
  const x = rotations(tf, stamps);
  let h = tf.relu(tf.add(conv(x, v.conv1W as tfType.Tensor4D), v.conv1B)) as tfType.Tensor4D;
  h = tf.maxPool(h, 2, 2, "valid");
  h = tf.relu(tf.add(conv(h, v.conv2W as tfType.Tensor4D), v.conv2B)) as tfType.Tensor4D;
  h = tf.maxPool(h, 2, 2, "valid");
  const flat = tf.reshape(h, [4 * n, -1]) as tfType.Tensor2D;
  const dense = tf.relu(tf.add(tf.matMul(flat, v.denseW as tfType.Tensor2D), v.denseB)) as tfType.Tensor2D;
  const pooled = tf.mean(tf.reshape(dense, [4, n, -1]), 0) as tfType.Tensor2D; // cyclic pooling over rotations
  const head = tf.relu(tf.add(tf.matMul(tf.concat([pooled, meta], 1), v.headW as tfType.Tensor2D), v.headB)) as tfType.Tensor2D;
  return tf.add(tf.matMul(head, v.outW as tfType.Tensor2D), v.outB) as tfType.Tensor2D;
}
