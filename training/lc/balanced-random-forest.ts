/**
 * A balanced random forest (Chen, Liaw & Breiman 2004; imbalanced-learn's
 * BalancedRandomForestClassifier, which ALeRCE's light-curve classifier uses):
 *  - each tree sees a class-balanced bootstrap: every class is sampled with replacement down (or up)
 *    to the size of the smallest class;
 *  - each node draws `mtry` candidate features (√F by default) and takes the best Gini split;
 *  - leaves keep their class distribution, and predictProba is the mean over trees.
 * Splits are searched on up to 64 quantile bins per feature. A threshold is a float32 bin edge and a
 * sample goes to the left (true) child when float32(x) <= edge, which is exactly ONNX's
 * TreeEnsembleClassifier BRANCH_LEQ, so the exported model gives the same probabilities.
 * Missing values follow ALeRCE's FeaturePreprocessor: NaN and ±Inf become −999 (sanitizeFeatures).
 */
import { createRng, type Rng } from "../../lib/math/random";

export const MISSING_FEATURE_VALUE = -999;

export interface ForestOptions {
  nTrees: number;
  /** Features tried per node: a count, or a fraction of F (0.2 for ALeRCE's stochastic child). Default √F. */
  mtry?: number;
  /** Unlimited by default (ALeRCE: max_depth None). */
  maxDepth?: number;
  /** Minimum samples in a leaf (default 1, ALeRCE's). */
  minLeaf?: number;
  /** Quantile bins per feature for the split search (≤ 256; default 64). */
  bins?: number;
  seed: number;
}

export interface DecisionTree {
  /** Per node: the feature index, or −1 for a leaf. */
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  /** Per node: the offset of its class distribution in `values` (leaves only, else −1). */
  valueOffset: Int32Array;
  /** Leaf class distributions, nClasses each, summing to 1. */
  values: Float32Array;
}

export interface RandomForest {
  nClasses: number;
  nFeatures: number;
  trees: DecisionTree[];
  /** Mean decrease in Gini impurity per feature (weighted by node size), normalised to sum 1. */
  importances: number[];
}

/** NaN / ±Inf → −999, as float32 (in place when given a Float32Array). */
export function sanitizeFeatures(values: ArrayLike<number | null>): Float32Array {
  const out = values instanceof Float32Array ? values : new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined || !Number.isFinite(v) ? MISSING_FEATURE_VALUE : v;
  }
  return out;
}

interface Binned {
  /** Column-major bin indices, n per feature. */
  codes: Uint8Array;
  /** Per feature, the bin upper edges (float32); bin b holds edges[b-1] < x <= edges[b]. */
  edges: Float32Array[];
}

function binFeatures(x: Float32Array, n: number, f: number, maxBins: number): Binned {
  const codes = new Uint8Array(n * f);
  const edges: Float32Array[] = [];
  const column = new Float32Array(n);
  for (let j = 0; j < f; j++) {
    for (let i = 0; i < n; i++) column[i] = x[i * f + j]!;
    const sorted = Float32Array.from(column).sort();
    const distinct: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
    let e: number[];
    if (distinct.length <= maxBins) e = distinct;
    else {
      const set = new Set<number>();
      for (let b = 1; b <= maxBins; b++) set.add(sorted[Math.min(n - 1, Math.ceil((b * n) / maxBins) - 1)]!);
      set.add(sorted[n - 1]!);
      e = [...set].sort((a, b) => a - b);
    }
    const edge = Float32Array.from(e);
    edges.push(edge);
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      let lo = 0;
      let hi = edge.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= edge[mid]!) hi = mid;
        else lo = mid + 1;
      }
      codes[j * n + i] = lo;
    }
  }
  return { codes, edges };
}

function resolveMtry(mtry: number | undefined, f: number): number {
  if (mtry === undefined) return Math.max(1, Math.round(Math.sqrt(f)));
  if (mtry > 0 && mtry < 1) return Math.max(1, Math.round(mtry * f));
  return Math.max(1, Math.min(f, Math.round(mtry)));
}

class TreeBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  left: number[] = [];
  right: number[] = [];
  valueOffset: number[] = [];
  values: number[] = [];

  constructor(
    private readonly binned: Binned,
    private readonly y: Int32Array,
    private readonly n: number,
    private readonly nFeatures: number,
    private readonly nClasses: number,
    private readonly mtry: number,
    private readonly maxDepth: number,
    private readonly minLeaf: number,
    private readonly rng: Rng,
    private readonly importance: Float64Array,
    private readonly hist: Float64Array,
    private readonly featureOrder: Int32Array,
  ) {}

  private addLeaf(counts: Float64Array, total: number): number {
    const id = this.feature.length;
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.valueOffset.push(this.values.length);
    for (let c = 0; c < this.nClasses; c++) this.values.push(counts[c]! / total);
    return id;
  }

  /** Grows the subtree over idx[start, end); returns its node id. Iterative over the right spine is not needed: depth is bounded by n. */
  build(idx: Int32Array, start: number, end: number, depth: number): number {
    const C = this.nClasses;
    const total = end - start;
    const counts = new Float64Array(C);
    for (let i = start; i < end; i++) counts[this.y[idx[i]!]!]! += 1;
    let distinctClasses = 0;
    for (let c = 0; c < C; c++) if (counts[c]! > 0) distinctClasses++;
    if (distinctClasses <= 1 || depth >= this.maxDepth || total < 2 * this.minLeaf) return this.addLeaf(counts, total);

    let parentSq = 0;
    for (let c = 0; c < C; c++) parentSq += counts[c]! * counts[c]!;
    const parentGini = 1 - parentSq / (total * total);

    // Per-node feature draw: a partial Fisher–Yates over the feature order.
    const order = this.featureOrder;
    const F = this.nFeatures;
    let bestGain = 1e-12;
    let bestFeature = -1;
    let bestBin = -1;
    const hist = this.hist;
    const { codes, edges } = this.binned;
    const n = this.n;
    let tried = 0;
    for (let k = 0; k < F && (tried < this.mtry || bestFeature < 0); k++) {
      const r = k + Math.floor(this.rng.next() * (F - k));
      const j = order[r]!;
      order[r] = order[k]!;
      order[k] = j;
      tried++;
      const nb = edges[j]!.length;
      if (nb < 2) continue;
      hist.fill(0, 0, nb * C);
      const base = j * n;
      for (let i = start; i < end; i++) {
        const s = idx[i]!;
        hist[codes[base + s]! * C + this.y[s]!]! += 1;
      }
      const leftCounts = new Float64Array(C);
      let leftN = 0;
      for (let b = 0; b < nb - 1; b++) {
        let binN = 0;
        for (let c = 0; c < C; c++) {
          const h = hist[b * C + c]!;
          leftCounts[c]! += h;
          binN += h;
        }
        if (binN === 0) continue;
        leftN += binN;
        const rightN = total - leftN;
        if (leftN < this.minLeaf) continue;
        if (rightN < this.minLeaf) break;
        let lsq = 0;
        let rsq = 0;
        for (let c = 0; c < C; c++) {
          const l = leftCounts[c]!;
          const rr = counts[c]! - l;
          lsq += l * l;
          rsq += rr * rr;
        }
        const childGini = (leftN - lsq / leftN + (rightN - rsq / rightN)) / total;
        const gain = parentGini - childGini;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = j;
          bestBin = b;
        }
      }
    }
    if (bestFeature < 0) return this.addLeaf(counts, total);

    // Partition idx[start, end) on bin <= bestBin.
    const base = bestFeature * n;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (codes[base + idx[i]!]! <= bestBin) i++;
      else {
        const t = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = t;
        j--;
      }
    }
    this.importance[bestFeature]! += bestGain * total;
    const id = this.feature.length;
    this.feature.push(bestFeature);
    this.threshold.push(edges[bestFeature]![bestBin]!);
    this.left.push(-1);
    this.right.push(-1);
    this.valueOffset.push(-1);
    const l = this.build(idx, start, i, depth + 1);
    const r = this.build(idx, i, end, depth + 1);
    this.left[id] = l;
    this.right[id] = r;
    return id;
  }

  finish(): DecisionTree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float32Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      valueOffset: Int32Array.from(this.valueOffset),
      values: Float32Array.from(this.values),
    };
  }
}

/**
 * Trains a balanced random forest on x (n × nFeatures, row-major; sanitised first) and labels y in
 * [0, nClasses). Every class must have at least one sample.
 */
export function trainBalancedRandomForest(
  xIn: ArrayLike<number>,
  y: Int32Array,
  nFeatures: number,
  nClasses: number,
  options: ForestOptions,
): RandomForest {
  const n = y.length;
  if (xIn.length !== n * nFeatures) throw new RangeError(`x has ${xIn.length} values, expected ${n} × ${nFeatures}`);
  const x = sanitizeFeatures(Float32Array.from(xIn));
  const byClass: number[][] = Array.from({ length: nClasses }, () => []);
  for (let i = 0; i < n; i++) {
    const c = y[i]!;
    if (!(c >= 0 && c < nClasses)) throw new RangeError(`label ${c} outside [0, ${nClasses})`);
    byClass[c]!.push(i);
  }
  const empty = byClass.findIndex((list) => list.length === 0);
  if (empty >= 0) throw new RangeError(`class ${empty} has no training sample`);
  const minority = Math.min(...byClass.map((list) => list.length));
  const binned = binFeatures(x, n, nFeatures, Math.min(256, options.bins ?? 64));
  const rng = createRng(options.seed);
  const mtry = resolveMtry(options.mtry, nFeatures);
  const importance = new Float64Array(nFeatures);
  const hist = new Float64Array(256 * nClasses);
  const featureOrder = Int32Array.from({ length: nFeatures }, (_, i) => i);
  const trees: DecisionTree[] = [];
  const sampleSize = minority * nClasses;
  for (let t = 0; t < options.nTrees; t++) {
    const idx = new Int32Array(sampleSize);
    let k = 0;
    for (const list of byClass) for (let s = 0; s < minority; s++) idx[k++] = list[Math.floor(rng.next() * list.length)]!;
    const builder = new TreeBuilder(
      binned,
      y,
      n,
      nFeatures,
      nClasses,
      mtry,
      options.maxDepth ?? Infinity,
      Math.max(1, options.minLeaf ?? 1),
      rng,
      importance,
      hist,
      featureOrder,
    );
    builder.build(idx, 0, sampleSize, 0);
    trees.push(builder.finish());
  }
  const sum = importance.reduce((a, b) => a + b, 0);
  return { nClasses, nFeatures, trees, importances: [...importance].map((v) => (sum > 0 ? v / sum : 0)) };
}

/** Mean leaf distribution over the trees, [n × nClasses]; x is sanitised like training data. */
export function predictForestProba(forest: RandomForest, xIn: ArrayLike<number>): Float64Array {
  const F = forest.nFeatures;
  const C = forest.nClasses;
  const n = xIn.length / F;
  if (!Number.isInteger(n)) throw new RangeError(`x has ${xIn.length} values, not a multiple of ${F}`);
  const x = sanitizeFeatures(Float32Array.from(xIn));
  const out = new Float64Array(n * C);
  const scale = 1 / forest.trees.length;
  for (let i = 0; i < n; i++) {
    const row = i * F;
    for (const tree of forest.trees) {
      let node = 0;
      while (tree.feature[node]! >= 0) node = x[row + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
      const off = tree.valueOffset[node]!;
      for (let c = 0; c < C; c++) out[i * C + c]! += tree.values[off + c]! * scale;
    }
  }
  return out;
}

export function forestNodeCount(forest: RandomForest): number {
  return forest.trees.reduce((a, t) => a + t.feature.length, 0);
}
