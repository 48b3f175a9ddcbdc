// The inverse of stampCnnToOnnx: a released model.onnx back to trainable weights, so a new version
// can start from the weights the previous one served (fine-tuning) instead of from scratch.
import onnxProto from "onnx-proto";
import { STAMP_FEATURES } from "../../lib/classifiers/stamp/stamp-features";
import { DEFAULT_SHAPE, type StampCnnWeights, weightDims } from "./stamp-cnn";

// onnx-proto is CommonJS: Node's ESM loader (tsx) only exposes its default export at run time.
const { onnx } = onnxProto;

/** ONNX conv filter [out, in, kh, kw] → tfjs [kh, kw, in, out]. */
function convFilterFromOnnx(values: Float32Array, [kh, kw, ci, co]: number[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh!; y++)
    for (let x = 0; x < kw!; x++)
      for (let i = 0; i < ci!; i++)
        for (let o = 0; o < co!; o++) out[((y * kw! + x) * ci! + i) * co! + o] = values[((o * ci! + i) * kh! + y) * kw! + x]!;
  return out;
}

export function stampCnnFromOnnx(bytes: Uint8Array): StampCnnWeights {
  const model = onnx.ModelProto.decode(bytes);
  const byName = new Map<string, Float32Array>();
  for (const t of model.graph?.initializer ?? []) {
    if (t.dataType !== onnx.TensorProto.DataType.FLOAT || !t.rawData || !t.name) continue;
    const raw = t.rawData;
    byName.set(t.name, new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)));
  }
  const get = (name: string) => {
    const v = byName.get(name);
    if (!v) throw new Error(`model.onnx has no float initializer ${name}`);
    return v;
  };
  const conv1 = get("conv1_b").length;
  const conv2 = get("conv2_b").length;
  const shape = {
    ...DEFAULT_SHAPE,
    conv1Filters: conv1,
    conv2Filters: conv2,
    denseUnits: get("dense_b").length,
    headUnits: get("head_b").length,
    metaFeatures: STAMP_FEATURES.length,
  };
  const dims = weightDims(shape);
  return {
    shape,
    conv1W: convFilterFromOnnx(get("conv1_w"), dims.conv1W),
    conv1B: get("conv1_b"),
    conv2W: convFilterFromOnnx(get("conv2_w"), dims.conv2W),
    conv2B: get("conv2_b"),
    denseW: get("dense_w"),
    denseB: get("dense_b"),
    headW: get("head_w"),
    headB: get("head_b"),
    outW: get("out_w"),
    outB: get("out_b"),
  };
}
