import onnxProto, { type onnx as OnnxTypes } from "onnx-proto";

// onnx-proto is CommonJS: Node's ESM loader (tsx) only exposes its default export at run time.
const { onnx } = onnxProto;

/**
 * A small builder over onnx-proto's ModelProto (ONNX IR 8): enough to write the graphs Cielo
 * trains in TypeScript (CNN, tree ensembles) without Python. Initialisers use raw little-endian
 * bytes; int64 parameters are BigInt64Arrays (no protobufjs Long).
 */

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

export function floatTensor(name: string, dims: readonly number[], values: Float32Array): OnnxTypes.ITensorProto {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (values.length !== expected) throw new RangeError(`${name}: ${values.length} values for dims [${dims.join(", ")}]`);
  return {
    name,
    dims: [...dims],
    dataType: FLOAT,
    rawData: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)),
  };
}

export function int64Tensor(name: string, values: readonly (number | bigint)[]): OnnxTypes.ITensorProto {
  const array = BigInt64Array.from(values.map((v) => BigInt(v)));
  return { name, dims: [array.length], dataType: INT64, rawData: new Uint8Array(array.buffer) };
}

type AttributeValue = number | string | readonly number[] | readonly string[] | { float: number } | { floats: readonly number[] };

function attribute(name: string, value: AttributeValue): OnnxTypes.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === "number") return Number.isInteger(value) ? { name, type: T.INT, i: value } : { name, type: T.FLOAT, f: value };
  if (typeof value === "string") return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if ("float" in value) return { name, type: T.FLOAT, f: value.float };
  if ("floats" in value) return { name, type: T.FLOATS, floats: [...value.floats] };
  if (value.length > 0 && typeof value[0] === "string") {
    return { name, type: T.STRINGS, strings: (value as readonly string[]).map((s) => new TextEncoder().encode(s)) };
  }
  return { name, type: T.INTS, ints: [...(value as readonly number[])] };
}

export function node(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: Record<string, AttributeValue> = {},
  domain = "",
): OnnxTypes.INodeProto {
  return {
    opType,
    input: [...inputs],
    output: [...outputs],
    name: `${opType}_${outputs[0]}`,
    domain,
    attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
  };
}

/** A float tensor input/output; a string dimension is symbolic (e.g. the batch "N"). */
export function floatValueInfo(name: string, dims: readonly (number | string)[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export interface ModelSpec {
  name: string;
  nodes: OnnxTypes.INodeProto[];
  initializers: OnnxTypes.ITensorProto[];
  inputs: OnnxTypes.IValueInfoProto[];
  outputs: OnnxTypes.IValueInfoProto[];
  opsets?: { domain: string; version: number }[];
  docString?: string;
  metadata?: Record<string, string>;
}

export function encodeModel(spec: ModelSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "cielo",
    opsetImport: (spec.opsets ?? [{ domain: "", version: 13 }]).map((o) => ({ domain: o.domain, version: o.version })),
    docString: spec.docString ?? "",
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: spec.name,
      node: spec.nodes,
      initializer: spec.initializers,
      input: spec.inputs,
      output: spec.outputs,
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
