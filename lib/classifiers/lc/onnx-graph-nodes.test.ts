import fs from "node:fs";
import path from "node:path";
import onnxProto from "onnx-proto";
import { describe, expect, it } from "vitest";
import { lcModelDir } from "./model-manifest";
import { readOnnxGraphNodes } from "./onnx-graph-nodes";

const { onnx } = onnxProto;

describe("readOnnxGraphNodes", () => {
  it("reads the served light-curve model's nodes and attributes as onnx-proto's full decode does", () => {
    const bytes = fs.readFileSync(path.join(lcModelDir(), "model.onnx"));
    const reference = onnx.ModelProto.decode(bytes).graph!.node!;
    const nodes = readOnnxGraphNodes(bytes);
    expect(nodes.map((n) => [n.opType, n.domain, n.name, n.inputs, n.outputs])).toEqual(
      reference.map((n) => [n.opType, n.domain ?? "", n.name ?? "", n.input ?? [], n.output ?? []]),
    );
    expect(nodes.filter((n) => n.opType === "TreeEnsembleClassifier")).toHaveLength(4);
    nodes.forEach((node, i) => {
      const ref = reference[i]!.attribute ?? [];
      expect(node.attributes.map((a) => a.name)).toEqual(ref.map((a) => a.name));
      node.attributes.forEach((a, j) => {
        const r = ref[j]!;
        expect(a.ints).toEqual((r.ints ?? []).map((v) => Number(v)));
        expect(a.floats).toEqual(r.floats ?? []);
        expect(a.strings.map((s) => Buffer.from(s).toString("utf8"))).toEqual(
          (r.strings ?? []).map((s) => Buffer.from(s).toString("utf8")),
        );
        expect(a.s ? Buffer.from(a.s).toString("utf8") : "").toBe(r.s && r.s.length > 0 ? Buffer.from(r.s).toString("utf8") : "");
      });
    });
  }, 120_000);

  it("refuses truncated bytes with a clear error instead of reading garbage", () => {
    const bytes = fs.readFileSync(path.join(lcModelDir(), "model.onnx"));
    expect(() => readOnnxGraphNodes(bytes.subarray(0, Math.floor(bytes.length / 2)))).toThrow(/ONNX protobuf/);
  });
});
