/**
 * Isolation forest (Liu, Ting & Zhou 2008) on float32 feature rows: each tree isolates a random
 * subsample of ψ rows by random splits (a random feature, a threshold uniform between that
 * feature's min and max in the node) up to depth ⌈log2 ψ⌉. A row's path length h is the depth of
 * the leaf it reaches plus c(size) for the rows the leaf still holds; the anomaly score is
 * 2^(−E[h] / c(ψ)) (≈ 1: isolated at once, ≤ 0.5: ordinary). Splits compare float32(x) <= threshold
 * (float32 thresholds), as ONNX's BRANCH_LEQ does, so the exported graph walks the same paths.
 */
import { createRng } from "../../lib/math/random";

export interface IsolationTree {
  /** Per node: split feature, −1 for a leaf. */
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  /** Per node: for a leaf, its depth + c(rows in the leaf); 0 for a split. */
  pathLength: Float64Array;
}

export interface IsolationForest {
  trees: IsolationTree[];
  nFeatures: number;
  /** Subsample size ψ per tree. */
  sampleSize: number;
}

export interface IsolationForestSettings {
  nTrees: number;
  sampleSize: number;
  seed: number;
  /** Columns the splits may use (a subspace forest); all when absent. */
  columns?: readonly number[];
}

const EULER_GAMMA = 0.5772156649015329;

/** Average path length of an unsuccessful BST search among n points: c(n) = 2H(n−1) − 2(n−1)/n. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Trains on x, [n × width] row-major, with no missing values (impute first). */
export function trainIsolationForest(x: Float32Array, width: number, settings: IsolationForestSettings): IsolationForest {
  const n = x.length / width;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`isolation forest: ${x.length} values is not n ≥ 2 rows of ${width}`);
  const rng = createRng(settings.seed);
  const psi = Math.min(settings.sampleSize, n);
  const maxDepth = Math.ceil(Math.log2(psi));
  const allowed = settings.columns ?? Array.from({ length: width }, (_, j) => j);
  const trees: IsolationTree[] = [];
  for (let t = 0; t < settings.nTrees; t++) {
    // Subsample without replacement (partial Fisher–Yates).
    const pool = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < psi; i++) {
      const j = i + Math.floor(rng.next() * (n - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const pathLength: number[] = [];
    const grow = (rows: number[], depth: number): number => {
      const id = feature.length;
      feature.push(-1);
      threshold.push(0);
      left.push(0);
      right.push(0);
      pathLength.push(0);
      const leaf = () => {
        pathLength[id] = depth + averagePathLength(rows.length);
        return id;
      };
      if (depth >= maxDepth || rows.length <= 1) return leaf();
      // Features that vary among the node's rows; a node where none varies is a leaf.
      const candidates: { j: number; min: number; max: number }[] = [];
      for (const j of allowed) {
        let min = Infinity;
        let max = -Infinity;
        for (const r of rows) {
          const v = x[r * width + j]!;
          if (v < min) min = v;
          if (v > max) max = v;
        }
        if (max > min) candidates.push({ j, min, max });
      }
      if (candidates.length === 0) return leaf();
      const { j, min, max } = candidates[Math.floor(rng.next() * candidates.length)]!;
      // A float32 threshold in [min, max): at least the min goes left and the max right.
      let cut = Math.fround(min + rng.next() * (max - min));
      if (cut >= max) cut = min;
      const goLeft = rows.filter((r) => x[r * width + j]! <= cut);
      const goRight = rows.filter((r) => x[r * width + j]! > cut);
      feature[id] = j;
      threshold[id] = cut;
      left[id] = grow(goLeft, depth + 1);
      right[id] = grow(goRight, depth + 1);
      return id;
    };
    grow(pool.slice(0, psi), 0);
    trees.push({
      feature: Int32Array.from(feature),
      threshold: Float32Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      pathLength: Float64Array.from(pathLength),
    });
  }
  return { trees, nFeatures: width, sampleSize: psi };
}

/** Mean path length E[h] of each row of x ([n × width], imputed). */
export function meanPathLengths(forest: IsolationForest, x: Float32Array): Float64Array {
  const width = forest.nFeatures;
  const n = x.length / width;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (const tree of forest.trees) {
      let k = 0;
      while (tree.feature[k]! >= 0) k = x[i * width + tree.feature[k]!]! <= tree.threshold[k]! ? tree.left[k]! : tree.right[k]!;
      sum += tree.pathLength[k]!;
    }
    out[i] = sum / forest.trees.length;
  }
  return out;
}

/** Anomaly score 2^(−E[h] / c(ψ)) of each row. */
export function anomalyScores(forest: IsolationForest, x: Float32Array): Float64Array {
  const c = averagePathLength(forest.sampleSize);
  return meanPathLengths(forest, x).map((h) => 2 ** (-h / c));
}
