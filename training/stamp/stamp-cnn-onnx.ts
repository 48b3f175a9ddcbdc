import { encodeModel, floatTensor, floatValueInfo, int64Tensor, node } from "../onnx/onnx-builder";
import { STAMP_CHANNELS, STAMP_CLASSES, STAMP_SIZE } from "../../lib/classifiers/stamp/stamp-classes";
import { type StampCnnWeights, weightDims } from "./stamp-cnn";

/** tfjs conv filter [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
function convFilterToOnnx(values: Float32Array, [kh, kw, ci, co]: number[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh!; y++)
    for (let x = 0; x < kw!; x++)
      for (let i = 0; i < ci!; i++)
        for (let o = 0; o < co!; o++) out[((o * ci! + i) * kh! + y) * kw! + x] = values[((y * kw! + x) * ci! + i) * co! + o]!;
  return out;
}

/**
 * The same network as stampCnnLogits, as an ONNX graph (opset 13, IR 8) ending in a softmax:
 * inputs `stamps` [N,21,21,3] (NHWC, as in training) and `meta` [N,M], output `probs` [N,5].
 */
export function stampCnnToOnnx(weights: StampCnnWeights, metadata: Record<string, string> = {}): Uint8Array {
  const dims = weightDims(weights.shape);
  const flip = (input: string, axis: number, output: string) =>
    node("Slice", [input, "flip_start", "flip_end", `axis_${axis}`, "flip_step"], [output]);
  const nodes = [
    node("Transpose", ["stamps"], ["x"], { perm: [0, 3, 1, 2] }),
    node("Transpose", ["x"], ["xt"], { perm: [0, 1, 3, 2] }),
    flip("xt", 3, "r90"),
    flip("x", 3, "x_flip_w"),
    flip("x_flip_w", 2, "r180"),
    flip("xt", 2, "r270"),
    node("Concat", ["x", "r90", "r180", "r270"], ["rotated"], { axis: 0 }),
    node("Conv", ["rotated", "conv1_w", "conv1_b"], ["c1"], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
    node("Relu", ["c1"], ["r1"]),
    node("MaxPool", ["r1"], ["p1"], { kernel_shape: [2, 2], strides: [2, 2] }),
    node("Conv", ["p1", "conv2_w", "conv2_b"], ["c2"], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
    node("Relu", ["c2"], ["r2"]),
    node("MaxPool", ["r2"], ["p2"], { kernel_shape: [2, 2], strides: [2, 2] }),
    node("Transpose", ["p2"], ["p2_nhwc"], { perm: [0, 2, 3, 1] }), // flatten in tfjs's NHWC order
    node("Flatten", ["p2_nhwc"], ["flat"], { axis: 1 }),
    node("Gemm", ["flat", "dense_w", "dense_b"], ["d1"]),
    node("Relu", ["d1"], ["d1r"]),
    node("Reshape", ["d1r", "rotation_shape"], ["d1_by_rotation"]),
    node("ReduceMean", ["d1_by_rotation"], ["pooled"], { axes: [0], keepdims: 0 }),
    node("Concat", ["pooled", "meta"], ["features"], { axis: 1 }),
    node("Gemm", ["features", "head_w", "head_b"], ["h1"]),
    node("Relu", ["h1"], ["h1r"]),
    node("Gemm", ["h1r", "out_w", "out_b"], ["logits"]),
    node("Softmax", ["logits"], ["probs"], { axis: -1 }),
  ];
  const initializers = [
    int64Tensor("flip_start", [-1]),
    int64Tensor("flip_end", [-(2n ** 62n)]),
    int64Tensor("flip_step", [-1]),
    int64Tensor("axis_2", [2]),
    int64Tensor("axis_3", [3]),
    int64Tensor("rotation_shape", [4, -1, weights.shape.denseUnits]),
    floatTensor("conv1_w", [dims.conv1W[3]!, dims.conv1W[2]!, 3, 3], convFilterToOnnx(weights.conv1W, dims.conv1W)),
    floatTensor("conv1_b", dims.conv1B, weights.conv1B),
    floatTensor("conv2_w", [dims.conv2W[3]!, dims.conv2W[2]!, 3, 3], convFilterToOnnx(weights.conv2W, dims.conv2W)),
    floatTensor("conv2_b", dims.conv2B, weights.conv2B),
    floatTensor("dense_w", dims.denseW, weights.denseW),
    floatTensor("dense_b", dims.denseB, weights.denseB),
    floatTensor("head_w", dims.headW, weights.headW),
    floatTensor("head_b", dims.headB, weights.headB),
    floatTensor("out_w", dims.outW, weights.outW),
    floatTensor("out_b", dims.outB, weights.outB),
  ];
  return encodeModel({
    name: "cielo_stamp_classifier",
    nodes,
    initializers,
    inputs: [
      floatValueInfo("stamps", ["N", STAMP_SIZE, STAMP_SIZE, STAMP_CHANNELS]),
      floatValueInfo("meta", ["N", weights.shape.metaFeatures]),
    ],
    outputs: [floatValueInfo("probs", ["N", STAMP_CLASSES.length])],
    metadata: { classes: STAMP_CLASSES.join(","), ...metadata },
  });
}
