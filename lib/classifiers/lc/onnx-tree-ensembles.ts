// Reads the `ai.onnx.ml` TreeEnsembleClassifier nodes of an ONNX file into plain arrays, so the
// forests as served (not the training-time objects) can be walked in JS, e.g. for path
// contributions. The bytes are read by the small field reader of onnx-graph-nodes.ts.
import { type OnnxGraphNode, type OnnxNodeAttribute, readOnnxGraphNodes } from "./onnx-graph-nodes";

/** One tree: nodes in index order; leaves have feature −1 and their class weights in `leafWeights`. */
export interface OnnxTree {
  feature: Int32Array;
  threshold: Float32Array;
  trueChild: Int32Array;
  falseChild: Int32Array;
  /** [nodes × classes]: the class weights the leaf adds (0 for internal nodes). */
  leafWeights: Float64Array;
}

export interface OnnxTreeEnsemble {
  /** The node's probabilities output (its second output; the first is the label). */
  output: string;
  nClasses: number;
  trees: OnnxTree[];
}

type Attribute = OnnxNodeAttribute;

function ints(attrs: Map<string, Attribute>, name: string): number[] {
  return attrs.get(name)?.ints ?? [];
}
function floats(attrs: Map<string, Attribute>, name: string): number[] {
  return attrs.get(name)?.floats ?? [];
}
function strings(attrs: Map<string, Attribute>, name: string): string[] {
  return (attrs.get(name)?.strings ?? []).map((s) => Buffer.from(s).toString("utf8"));
}

function readEnsemble(n: OnnxGraphNode): OnnxTreeEnsemble {
  const attrs = new Map(n.attributes.map((a) => [a.name, a]));
  const postTransform = attrs.get("post_transform")?.s;
  if (postTransform && Buffer.from(postTransform).toString("utf8") !== "NONE") {
    throw new Error(`TreeEnsembleClassifier ${n.name}: post_transform other than NONE is not supported`);
  }
  const treeIds = ints(attrs, "nodes_treeids");
  const nodeIds = ints(attrs, "nodes_nodeids");
  const featureIds = ints(attrs, "nodes_featureids");
  const values = floats(attrs, "nodes_values");
  const modes = strings(attrs, "nodes_modes");
  const trueIds = ints(attrs, "nodes_truenodeids");
  const falseIds = ints(attrs, "nodes_falsenodeids");
  const nClasses = Math.max(ints(attrs, "classlabels_int64s").length, strings(attrs, "classlabels_strings").length);
  const nodeCount = new Map<number, number>();
  for (let i = 0; i < treeIds.length; i++) nodeCount.set(treeIds[i]!, Math.max(nodeCount.get(treeIds[i]!) ?? 0, nodeIds[i]! + 1));
  const treeIndex = new Map<number, number>();
  const trees: OnnxTree[] = [...nodeCount.entries()].map(([id, size], t) => {
    treeIndex.set(id, t);
    return {
      feature: new Int32Array(size).fill(-1),
      threshold: new Float32Array(size),
      trueChild: new Int32Array(size),
      falseChild: new Int32Array(size),
      leafWeights: new Float64Array(size * nClasses),
    };
  });
  for (let i = 0; i < treeIds.length; i++) {
    const tree = trees[treeIndex.get(treeIds[i]!)!]!;
    const k = nodeIds[i]!;
    if (modes[i] === "LEAF") continue;
    if (modes[i] !== "BRANCH_LEQ") throw new Error(`TreeEnsembleClassifier ${n.name}: node mode ${modes[i]} is not supported`);
    tree.feature[k] = featureIds[i]!;
    tree.threshold[k] = values[i]!;
    tree.trueChild[k] = trueIds[i]!;
    tree.falseChild[k] = falseIds[i]!;
  }
  const classTrees = ints(attrs, "class_treeids");
  const classNodes = ints(attrs, "class_nodeids");
  const classIds = ints(attrs, "class_ids");
  const classWeights = floats(attrs, "class_weights");
  for (let i = 0; i < classTrees.length; i++) {
    const tree = trees[treeIndex.get(classTrees[i]!)!]!;
    // float32 as stored, widened exactly: the sums below then differ from ORT's only by its rounding.
    const j = classNodes[i]! * nClasses + classIds[i]!;
    tree.leafWeights[j] = (tree.leafWeights[j] ?? 0) + classWeights[i]!;
  }
  return { output: n.outputs[1] ?? "", nClasses, trees };
}

/** Every TreeEnsembleClassifier node of the model, by its probabilities output name. */
export function readOnnxTreeEnsembles(bytes: Uint8Array): Map<string, OnnxTreeEnsemble> {
  const out = new Map<string, OnnxTreeEnsemble>();
  for (const n of readOnnxGraphNodes(bytes)) {
    if (n.opType === "TreeEnsembleClassifier" && n.domain === "ai.onnx.ml") {
      const ensemble = readEnsemble(n);
      out.set(ensemble.output, ensemble);
    }
  }
  return out;
}
