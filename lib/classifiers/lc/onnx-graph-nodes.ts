// A reader for the few ONNX protobuf fields the forest walkers need (graph nodes and their
// attributes), straight from the bytes. onnx-proto's full decode of a 8 MB forest takes 1–2 s of
// synchronous CPU (an object per int64), which would stall the Next server on the first "why this
// class" view; this reads the same fields in a small fraction of that (the test compares both).

/** One attribute of a graph node: the fields of AttributeProto that forests use. */
export interface OnnxNodeAttribute {
  name: string;
  s?: Uint8Array;
  i?: number;
  f?: number;
  ints: number[];
  floats: number[];
  strings: Uint8Array[];
}

export interface OnnxGraphNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxNodeAttribute[];
}

const WIRE_VARINT = 0;
const WIRE_64 = 1;
const WIRE_LENGTH = 2;
const WIRE_32 = 5;
const utf8 = new TextDecoder();

class ProtoReader {
  pos: number;
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** A varint as a number; int64 values beyond 2^53 (and negative ones, 10 bytes) through BigInt. */
  varint(): number {
    let value = 0;
    let scale = 1;
    const start = this.pos;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new Error("ONNX protobuf: truncated varint");
      const byte = this.bytes[this.pos++]!;
      if (i < 7) {
        value += (byte & 0x7f) * scale;
        scale *= 128;
        if ((byte & 0x80) === 0) return value;
      } else if ((byte & 0x80) === 0) {
        return this.bigVarint(start);
      }
    }
    throw new Error("ONNX protobuf: varint longer than 10 bytes");
  }

  private bigVarint(start: number): number {
    let value = 0n;
    let shift = 0n;
    for (let p = start; p < this.pos; p++) {
      value |= BigInt(this.bytes[p]! & 0x7f) << shift;
      shift += 7n;
    }
    return Number(BigInt.asIntN(64, value));
  }

  float32(): number {
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** The [start, end) of a length-delimited field's payload; the reader moves past it. */
  span(): [number, number] {
    const length = this.varint();
    const start = this.pos;
    this.pos += length;
    if (this.pos > this.end) throw new Error("ONNX protobuf: field runs past its message");
    return [start, this.pos];
  }

  skip(wire: number): void {
    if (wire === WIRE_VARINT) this.varint();
    else if (wire === WIRE_64) this.pos += 8;
    else if (wire === WIRE_LENGTH) this.span();
    else if (wire === WIRE_32) this.pos += 4;
    else throw new Error(`ONNX protobuf: unsupported wire type ${wire}`);
  }

  /** Calls `field` for each (number, wire type) of the message until its end. */
  fields(field: (number: number, wire: number) => void): void {
    while (this.pos < this.end) {
      const tag = this.varint();
      field(Math.floor(tag / 8), tag & 7);
    }
  }
}

function readAttribute(r: ProtoReader): OnnxNodeAttribute {
  const a: OnnxNodeAttribute = { name: "", ints: [], floats: [], strings: [] };
  r.fields((field, wire) => {
    if (field === 1 && wire === WIRE_LENGTH) a.name = utf8.decode(r.bytes.subarray(...r.span()));
    else if (field === 2 && wire === WIRE_32) a.f = r.float32();
    else if (field === 3 && wire === WIRE_VARINT) a.i = r.varint();
    else if (field === 4 && wire === WIRE_LENGTH) a.s = r.bytes.subarray(...r.span());
    else if (field === 7 && wire === WIRE_LENGTH) {
      const [start, end] = r.span();
      const packed = new ProtoReader(r.bytes, start, end);
      while (packed.pos < end) a.floats.push(packed.float32());
    } else if (field === 7 && wire === WIRE_32) a.floats.push(r.float32());
    else if (field === 8 && wire === WIRE_LENGTH) {
      const [start, end] = r.span();
      const packed = new ProtoReader(r.bytes, start, end);
      while (packed.pos < end) a.ints.push(packed.varint());
    } else if (field === 8 && wire === WIRE_VARINT) a.ints.push(r.varint());
    else if (field === 9 && wire === WIRE_LENGTH) a.strings.push(r.bytes.subarray(...r.span()));
    else r.skip(wire);
  });
  return a;
}

function readNode(r: ProtoReader): OnnxGraphNode {
  const n: OnnxGraphNode = { name: "", opType: "", domain: "", inputs: [], outputs: [], attributes: [] };
  const text = () => utf8.decode(r.bytes.subarray(...r.span()));
  r.fields((field, wire) => {
    if (wire !== WIRE_LENGTH) return r.skip(wire);
    if (field === 1) n.inputs.push(text());
    else if (field === 2) n.outputs.push(text());
    else if (field === 3) n.name = text();
    else if (field === 4) n.opType = text();
    else if (field === 7) n.domain = text();
    else if (field === 5) {
      const [start, end] = r.span();
      n.attributes.push(readAttribute(new ProtoReader(r.bytes, start, end)));
    } else r.skip(wire);
  });
  return n;
}

/** The nodes of a ModelProto's main graph (ModelProto.graph = 7, GraphProto.node = 1), in order. */
export function readOnnxGraphNodes(bytes: Uint8Array): OnnxGraphNode[] {
  const nodes: OnnxGraphNode[] = [];
  const model = new ProtoReader(bytes, 0, bytes.length);
  model.fields((field, wire) => {
    if (field !== 7 || wire !== WIRE_LENGTH) return model.skip(wire);
    const [start, end] = model.span();
    const graph = new ProtoReader(bytes, start, end);
    graph.fields((graphField, graphWire) => {
      if (graphField !== 1 || graphWire !== WIRE_LENGTH) return graph.skip(graphWire);
      const [nodeStart, nodeEnd] = graph.span();
      nodes.push(readNode(new ProtoReader(bytes, nodeStart, nodeEnd)));
    });
  });
  return nodes;
}
