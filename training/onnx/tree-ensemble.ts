/**
 * ONNX export of training/lc/balanced-random-forest forests as `ai.onnx.ml` TreeEnsembleClassifier
 * nodes (ml opset 3): thresholds are BRANCH_LEQ (float32(x) <= threshold goes to the true = left
 * child), each leaf adds p_leaf[c] / nTrees to class c (post_transform NONE), so the
 * `probabilities` output is the forest's mean leaf distribution.
 */
import type { onnx as OnnxTypes } from "onnx-proto";
import type { RandomForest } from "../lc/balanced-random-forest";
import { encodeModel, floatValueInfo, node } from "./onnx-builder";

export const ONNX_ML_OPSETS = [
  { domain: "", version: 13 },
  { domain: "ai.onnx.ml", version: 3 },
];

/**
 * One TreeEnsembleClassifier node reading `input` ([N, F] float) and writing `probabilities`
 * ([N, C] float) and `label` ([N] int64, the argmax; usually unused).
 */
export function treeEnsembleClassifierNode(
  forest: RandomForest,
  input: string,
  probabilities: string,
  label: string,
): OnnxTypes.INodeProto {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const values: number[] = [];
  const modes: string[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const classTreeIds: number[] = [];
  const classNodeIds: number[] = [];
  const classIds: number[] = [];
  const classWeights: number[] = [];
  const scale = 1 / forest.trees.length;
  forest.trees.forEach((tree, t) => {
    for (let k = 0; k < tree.feature.length; k++) {
      const leaf = tree.feature[k]! < 0;
      treeIds.push(t);
      nodeIds.push(k);
      featureIds.push(leaf ? 0 : tree.feature[k]!);
      values.push(leaf ? 0 : tree.threshold[k]!);
      modes.push(leaf ? "LEAF" : "BRANCH_LEQ");
      trueIds.push(leaf ? 0 : tree.left[k]!);
      falseIds.push(leaf ? 0 : tree.right[k]!);
      if (leaf) {
        const off = tree.valueOffset[k]!;
        for (let c = 0; c < forest.nClasses; c++) {
          const p = tree.values[off + c]!;
          if (p <= 0) continue;
          classTreeIds.push(t);
          classNodeIds.push(k);
          classIds.push(c);
          classWeights.push(p * scale);
        }
      }
    }
  });
  return node(
    "TreeEnsembleClassifier",
    [input],
    [label, probabilities],
    {
      nodes_treeids: treeIds,
      nodes_nodeids: nodeIds,
      nodes_featureids: featureIds,
      nodes_values: { floats: values },
      nodes_modes: modes,
      nodes_truenodeids: trueIds,
      nodes_falsenodeids: falseIds,
      class_treeids: classTreeIds,
      class_nodeids: classNodeIds,
      class_ids: classIds,
      class_weights: { floats: classWeights },
      classlabels_int64s: Array.from({ length: forest.nClasses }, (_, i) => i),
      post_transform: "NONE",
    },
    "ai.onnx.ml",
  );
}

/** A model with one forest: input `features` [N, F], output `probabilities` [N, C]. */
export function forestToOnnx(forest: RandomForest, metadata: Record<string, string> = {}): Uint8Array {
  return encodeModel({
    name: "random_forest",
    nodes: [treeEnsembleClassifierNode(forest, "features", "probabilities", "label")],
    initializers: [],
    inputs: [floatValueInfo("features", ["N", forest.nFeatures])],
    outputs: [floatValueInfo("probabilities", ["N", forest.nClasses])],
    opsets: ONNX_ML_OPSETS,
    metadata,
  });
}
