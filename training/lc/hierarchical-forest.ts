/**
 * ALeRCE's hierarchical light-curve classifier (Sánchez-Sáez et al. 2021, §4.2): a top balanced
 * random forest over {Periodic, Stochastic, Transient} and one balanced forest per branch over its
 * classes; P(class) = P(branch) · P(class | branch). Training, prediction in JS, and export of the
 * four forests as ONE ONNX graph (4 TreeEnsembleClassifiers + Slice/Mul/Concat).
 */
import { type ForestOptions, predictForestProba, type RandomForest, trainBalancedRandomForest } from "./balanced-random-forest";
import { encodeModel, floatValueInfo, int64Tensor, node } from "../onnx/onnx-builder";
import { ONNX_ML_OPSETS, treeEnsembleClassifierNode } from "../onnx/tree-ensemble";
import { LC_ONNX_OUTPUTS } from "../../lib/classifiers/lc/lc-onnx-outputs";
import { branchOf, LC_BRANCH_CLASSES, LC_BRANCHES, LC_CLASSES, type LcBranch, type LcClass } from "../../lib/classifiers/lc/lc-taxonomy";

export interface HierarchicalForest {
  nFeatures: number;
  top: RandomForest;
  children: Record<LcBranch, RandomForest>;
}

export type ForestSettings = Omit<ForestOptions, "seed">;

export interface HierarchicalOptions {
  top: ForestSettings;
  children: Record<LcBranch, ForestSettings>;
  seed: number;
}

/** ALeRCE's settings: 500 trees each, √F features per node, 0.2·F for the stochastic child, fully grown. */
export const ALERCE_HIERARCHICAL_OPTIONS: HierarchicalOptions = {
  top: { nTrees: 500 },
  children: { Periodic: { nTrees: 500 }, Stochastic: { nTrees: 500, mtry: 0.2 }, Transient: { nTrees: 500 } },
  seed: 1,
};

export function trainHierarchicalForest(
  x: Float32Array,
  labels: readonly LcClass[],
  nFeatures: number,
  options: HierarchicalOptions,
): HierarchicalForest {
  const n = labels.length;
  const topLabels = Int32Array.from(labels, (c) => LC_BRANCHES.indexOf(branchOf(c)));
  const top = trainBalancedRandomForest(x, topLabels, nFeatures, LC_BRANCHES.length, { ...options.top, seed: options.seed });
  const children = {} as Record<LcBranch, RandomForest>;
  LC_BRANCHES.forEach((branch, b) => {
    const classes: readonly string[] = LC_BRANCH_CLASSES[branch];
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (topLabels[i] === b) rows.push(i);
    const xb = new Float32Array(rows.length * nFeatures);
    rows.forEach((i, k) => xb.set(x.subarray(i * nFeatures, (i + 1) * nFeatures), k * nFeatures));
    const yb = Int32Array.from(rows, (i) => classes.indexOf(labels[i]!));
    children[branch] = trainBalancedRandomForest(xb, yb, nFeatures, classes.length, {
      ...options.children[branch],
      seed: options.seed + 1 + b,
    });
  });
  return { nFeatures, top, children };
}

export interface HierarchicalPrediction {
  /** [n × 15], LC_CLASSES order. */
  final: Float64Array;
  /** [n × 3], LC_BRANCHES order. */
  top: Float64Array;
  children: Record<LcBranch, Float64Array>;
}

/** The same probabilities as the ONNX graph, computed in JS from the training-time forests. */
export function predictHierarchical(model: HierarchicalForest, x: Float32Array): HierarchicalPrediction {
  const n = x.length / model.nFeatures;
  const top = predictForestProba(model.top, x);
  const children = {} as Record<LcBranch, Float64Array>;
  for (const b of LC_BRANCHES) children[b] = predictForestProba(model.children[b], x);
  const final = new Float64Array(n * LC_CLASSES.length);
  for (let i = 0; i < n; i++) {
    let col = 0;
    LC_BRANCHES.forEach((b, bi) => {
      const width = LC_BRANCH_CLASSES[b].length;
      for (let c = 0; c < width; c++) final[i * LC_CLASSES.length + col++] = top[i * 3 + bi]! * children[b][i * width + c]!;
    });
  }
  return { final, top, children };
}

/**
 * One ONNX graph: input `features` [N, F] (float32, NaN/Inf already → −999); outputs
 * `probabilities` [N, 15] (LC_CLASSES order), `top` [N, 3], `periodic` [N, 7], `stochastic` [N, 3],
 * `transient` [N, 5].
 */
export function hierarchicalForestToOnnx(model: HierarchicalForest, metadata: Record<string, string> = {}): Uint8Array {
  const nodes = [treeEnsembleClassifierNode(model.top, "features", LC_ONNX_OUTPUTS.top, "top_label")];
  const initializers = [int64Tensor("axis1", [1])];
  const products: string[] = [];
  LC_BRANCHES.forEach((b, bi) => {
    const out = LC_ONNX_OUTPUTS[b];
    nodes.push(treeEnsembleClassifierNode(model.children[b], "features", out, `${out}_label`));
    initializers.push(int64Tensor(`start_${bi}`, [bi]), int64Tensor(`end_${bi}`, [bi + 1]));
    nodes.push(node("Slice", [LC_ONNX_OUTPUTS.top, `start_${bi}`, `end_${bi}`, "axis1"], [`p_${out}`]));
    nodes.push(node("Mul", [`p_${out}`, out], [`joint_${out}`]));
    products.push(`joint_${out}`);
  });
  nodes.push(node("Concat", products, [LC_ONNX_OUTPUTS.final], { axis: 1 }));
  return encodeModel({
    name: "lc_classifier_hierarchical_brf",
    nodes,
    initializers,
    inputs: [floatValueInfo("features", ["N", model.nFeatures])],
    outputs: [
      floatValueInfo(LC_ONNX_OUTPUTS.final, ["N", LC_CLASSES.length]),
      floatValueInfo(LC_ONNX_OUTPUTS.top, ["N", LC_BRANCHES.length]),
      ...LC_BRANCHES.map((b) => floatValueInfo(LC_ONNX_OUTPUTS[b], ["N", LC_BRANCH_CLASSES[b].length])),
    ],
    opsets: ONNX_ML_OPSETS,
    metadata,
  });
}
