/**
 * "Why this class" for the light-curve classifier: tree path contributions (Saabas 2014) of every
 * feature to a class's probability, computed on the forests read from the served model.onnx.
 *
 * In one tree, the prediction is the root's value plus, along the decision path, the change of the
 * node value at each split, credited to the split's feature. Node values of internal nodes are the
 * unweighted mean of their children's (the ONNX file carries no training sample counts); the
 * telescoping sum is exact whatever the internal values are. The hierarchy multiplies two forests,
 * P(class) = P(branch) · P(class | branch); with P(branch) = B + Σφ and P(class | branch) = C + Σψ,
 * feature j gets φ_j (C + P(class | branch)) / 2 + ψ_j (B + P(branch)) / 2 and the bias is B·C,
 * which sums exactly to the product and treats both factors alike (the Shapley split of a product of two).
 */
import fs from "node:fs";
import path from "node:path";
import { LC_ONNX_OUTPUTS } from "./lc-onnx-outputs";
import { branchOf, LC_BRANCH_CLASSES, LC_BRANCHES, LC_CLASSES, type LcBranch, type LcClass } from "./lc-taxonomy";
import { readOnnxTreeEnsembles, type OnnxTree, type OnnxTreeEnsemble } from "./onnx-tree-ensembles";

/** A forest with each node's value vector (leaf weights at leaves, mean of the children inside). */
interface ValuedForest {
  nClasses: number;
  trees: { tree: OnnxTree; nodeValues: Float64Array }[];
}

export interface LcContributionModel {
  top: ValuedForest;
  children: Record<LcBranch, ValuedForest>;
}

export interface ForestContributions {
  /** Σ over trees of the root value: the forest's output with no feature known. */
  bias: number;
  /** One per input column. */
  contributions: Float64Array;
}

export interface LcClassContributions extends ForestContributions {
  className: LcClass;
  /** bias + Σ contributions: the model's P(class). */
  probability: number;
}

function nodeValues(tree: OnnxTree, nClasses: number): Float64Array {
  const values = Float64Array.from(tree.leafWeights);
  const visit = (k: number): void => {
    if (tree.feature[k]! < 0) return;
    const a = tree.trueChild[k]!;
    const b = tree.falseChild[k]!;
    visit(a);
    visit(b);
    for (let c = 0; c < nClasses; c++) values[k * nClasses + c] = (values[a * nClasses + c]! + values[b * nClasses + c]!) / 2;
  };
  visit(0);
  return values;
}

function valued(ensemble: OnnxTreeEnsemble | undefined, name: string): ValuedForest {
  if (!ensemble) throw new Error(`light-curve model: no TreeEnsembleClassifier writing ${name}`);
  return { nClasses: ensemble.nClasses, trees: ensemble.trees.map((tree) => ({ tree, nodeValues: nodeValues(tree, ensemble.nClasses) })) };
}

/** The four forests of models/lc_classifier/<version>/model.onnx with their node values. */
export function readLcContributionModel(modelDir: string): LcContributionModel {
  return lcContributionModelFromOnnx(fs.readFileSync(path.join(modelDir, "model.onnx")));
}

/** The same from the bytes of a model.onnx already read. */
export function lcContributionModelFromOnnx(bytes: Uint8Array): LcContributionModel {
  const ensembles = readOnnxTreeEnsembles(bytes);
  return {
    top: valued(ensembles.get(LC_ONNX_OUTPUTS.top), LC_ONNX_OUTPUTS.top),
    children: Object.fromEntries(LC_BRANCHES.map((b) => [b, valued(ensembles.get(LC_ONNX_OUTPUTS[b]), LC_ONNX_OUTPUTS[b])])) as Record<
      LcBranch,
      ValuedForest
    >,
  };
}

/** Path contributions of each column of x (one float32 row) to output `cls` of one forest. */
export function forestContributions(forest: ValuedForest, x: Float32Array, cls: number): ForestContributions {
  const contributions = new Float64Array(x.length);
  const n = forest.nClasses;
  let bias = 0;
  for (const { tree, nodeValues: v } of forest.trees) {
    let k = 0;
    bias += v[cls]!;
    while (tree.feature[k]! >= 0) {
      const f = tree.feature[k]!;
      // float32 comparison, as onnxruntime does (x and the threshold are both float32 values).
      const next = x[f]! <= tree.threshold[k]! ? tree.trueChild[k]! : tree.falseChild[k]!;
      contributions[f] = contributions[f]! + v[next * n + cls]! - v[k * n + cls]!;
      k = next;
    }
  }
  return { bias, contributions };
}

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

/** Contributions of each feature column to P(cls) of the hierarchical model, for one feature row. */
export function lcClassContributions(model: LcContributionModel, x: Float32Array, cls: LcClass): LcClassContributions {
  const branch = branchOf(cls);
  const top = forestContributions(model.top, x, LC_BRANCHES.indexOf(branch));
  const child = forestContributions(model.children[branch], x, (LC_BRANCH_CLASSES[branch] as readonly LcClass[]).indexOf(cls));
  const pBranch = top.bias + sum(top.contributions);
  const pChild = child.bias + sum(child.contributions);
  const contributions = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) {
    contributions[j] = (top.contributions[j]! * (child.bias + pChild)) / 2 + (child.contributions[j]! * (top.bias + pBranch)) / 2;
  }
  return { className: cls, bias: top.bias * child.bias, contributions, probability: pBranch * pChild };
}

/** The forest's output vector for one row: the sum of the leaves it reaches. */
function forestPredict(forest: ValuedForest, x: Float32Array): Float64Array {
  const out = new Float64Array(forest.nClasses);
  for (const { tree } of forest.trees) {
    let k = 0;
    while (tree.feature[k]! >= 0) k = x[tree.feature[k]!]! <= tree.threshold[k]! ? tree.trueChild[k]! : tree.falseChild[k]!;
    for (let c = 0; c < forest.nClasses; c++) out[c] = out[c]! + tree.leafWeights[k * forest.nClasses + c]!;
  }
  return out;
}

/** P(class) for the 15 classes (LC_CLASSES order), from the same forests. */
export function lcProbabilities(model: LcContributionModel, x: Float32Array): number[] {
  const top = forestPredict(model.top, x);
  return LC_BRANCHES.flatMap((b, bi) => Array.from(forestPredict(model.children[b], x), (p) => top[bi]! * p));
}

/** The four forests' outputs for one row: P(branch) and P(class | branch), as the ONNX graph's raw outputs. */
export function lcForestOutputs(
  model: LcContributionModel,
  x: Float32Array,
): { top: Float64Array; children: Record<LcBranch, Float64Array> } {
  return {
    top: forestPredict(model.top, x),
    children: Object.fromEntries(LC_BRANCHES.map((b) => [b, forestPredict(model.children[b], x)])) as Record<LcBranch, Float64Array>,
  };
}

/** The class with the highest P(class) and its contributions. */
export function lcPredictedClassContributions(model: LcContributionModel, x: Float32Array): LcClassContributions {
  const p = lcProbabilities(model, x);
  const best = p.reduce((bi, v, i) => (v > p[bi]! ? i : bi), 0);
  return lcClassContributions(model, x, LC_CLASSES[best]!);
}
