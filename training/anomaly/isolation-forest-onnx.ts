/**
 * ONNX export of an isolation forest: Imputer (−999 → training median) → TreeEnsembleRegressor
 * (leaf value = the leaf's path length depth + c(size), AVERAGE over trees = E[h]) → Mul by −1/c(ψ)
 * → Pow(2, ·) = the anomaly score. Outputs `path_length` and `score`, both [N, 1].
 */
import { averagePathLength, type IsolationForest } from "./isolation-forest";
import { encodeModel, floatTensor, floatValueInfo, node } from "../onnx/onnx-builder";
import { ONNX_ML_OPSETS } from "../onnx/tree-ensemble";
import { ANOMALY_ONNX_OUTPUTS } from "../../lib/classifiers/anomaly/anomaly-detector";

export function isolationForestToOnnx(
  forest: IsolationForest,
  medians: readonly number[],
  missingValue: number,
  metadata: Record<string, string> = {},
): Uint8Array {
  const nodes = { tree: [] as number[], id: [] as number[], feature: [] as number[], value: [] as number[], mode: [] as string[] };
  const links = { true: [] as number[], false: [] as number[] };
  const targets = { tree: [] as number[], node: [] as number[], weight: [] as number[] };
  forest.trees.forEach((tree, t) => {
    for (let k = 0; k < tree.feature.length; k++) {
      const leaf = tree.feature[k]! < 0;
      nodes.tree.push(t);
      nodes.id.push(k);
      nodes.feature.push(leaf ? 0 : tree.feature[k]!);
      nodes.value.push(leaf ? 0 : tree.threshold[k]!);
      nodes.mode.push(leaf ? "LEAF" : "BRANCH_LEQ");
      links.true.push(leaf ? 0 : tree.left[k]!);
      links.false.push(leaf ? 0 : tree.right[k]!);
      if (leaf) {
        targets.tree.push(t);
        targets.node.push(k);
        targets.weight.push(tree.pathLength[k]!);
      }
    }
  });
  const c = averagePathLength(forest.sampleSize);
  return encodeModel({
    name: "isolation_forest",
    nodes: [
      node(
        "Imputer",
        ["features"],
        ["imputed"],
        { imputed_value_floats: { floats: [...medians] }, replaced_value_float: { float: missingValue } },
        "ai.onnx.ml",
      ),
      node(
        "TreeEnsembleRegressor",
        ["imputed"],
        [ANOMALY_ONNX_OUTPUTS.pathLength],
        {
          nodes_treeids: nodes.tree,
          nodes_nodeids: nodes.id,
          nodes_featureids: nodes.feature,
          nodes_values: { floats: nodes.value },
          nodes_modes: nodes.mode,
          nodes_truenodeids: links.true,
          nodes_falsenodeids: links.false,
          target_treeids: targets.tree,
          target_nodeids: targets.node,
          target_ids: targets.tree.map(() => 0),
          target_weights: { floats: targets.weight },
          n_targets: 1,
          aggregate_function: "AVERAGE",
          post_transform: "NONE",
        },
        "ai.onnx.ml",
      ),
      node("Mul", [ANOMALY_ONNX_OUTPUTS.pathLength, "minus_inverse_c"], ["exponent"]),
      node("Pow", ["two", "exponent"], [ANOMALY_ONNX_OUTPUTS.score]),
    ],
    initializers: [floatTensor("minus_inverse_c", [1], Float32Array.of(-1 / c)), floatTensor("two", [1], Float32Array.of(2))],
    inputs: [floatValueInfo("features", ["N", forest.nFeatures])],
    outputs: [floatValueInfo(ANOMALY_ONNX_OUTPUTS.pathLength, ["N", 1]), floatValueInfo(ANOMALY_ONNX_OUTPUTS.score, ["N", 1])],
    opsets: ONNX_ML_OPSETS,
    metadata,
  });
}
