/**
 * The coarse one-harmonic periodogram of the period search (total and per band, on f0 + j·df), exact
 * wherever the search reads it, at a fraction of the cost of scanOneHarmonic over the whole grid.
 *
 * 1. approximateOneHarmonicScan (float32 SIMD) gives every value to about 1e-5 of the power scale.
 * 2. The search reads only the `topPeaks` highest local maxima of each periodogram (its candidates)
 *    and the `topValues` highest values of the multiband one (PPE). Every frequency whose approximate
 *    value reaches the lower of those two thresholds, less a margin far above the float32 error
 *    (RELATIVE_MARGIN of it plus ABSOLUTE_MARGIN), with its two neighbours (which decide whether it
 *    is a local maximum), and every frequency the float32 kernel does not trust, is recomputed with
 *    the exact float64 scanOneHarmonic, in runs.
 * So the candidates and the PPE values are those of the exact periodogram over the whole grid (to
 * rounding: the runs re-anchor cos/sin at other frequencies than a whole-grid scan); a frequency left
 * approximate is below every value read. The Explorer's plot shows the merged curve.
 */
import { approximateOneHarmonicScan } from "./approximate-one-harmonic-scan";
import { scanOneHarmonicInto, type PeriodogramData } from "./periodogram-core";

const RELATIVE_MARGIN = 0.02;
const ABSOLUTE_MARGIN = 1e-3;
/** Marked frequencies closer than this are recomputed in one run (a run's start costs 4 trigonometric calls per point). */
const RUN_GAP = 16;

export interface CoarsePeriodogram {
  power: Float64Array;
  bandPower: Float64Array[];
  /**
   * The recomputed (exact) frequency indices, ascending: a superset of every index the search reads
   * (the top local maxima of each periodogram with their neighbours, PPE's top values), so
   * topLocalMaxima / largestValues over these indices equal those over the whole arrays.
   */
  exact: Int32Array;
}

/** The `k` largest values of `values`, in no particular order (fewer when there are fewer values). */
export function largestValues(values: Float64Array, k: number): Float64Array {
  const m = Math.min(k, values.length);
  const heap = new Float64Array(m).fill(-Infinity);
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    if (!(v > heap[0]!)) continue;
    heap[0] = v;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let s = i;
      if (l < m && heap[l]! < heap[s]!) s = l;
      if (r < m && heap[r]! < heap[s]!) s = r;
      if (s === i) break;
      const tmp = heap[i]!;
      heap[i] = heap[s]!;
      heap[s] = tmp;
      i = s;
    }
  }
  return heap;
}

/**
 * Inserts index `j` with power `p` into the top list (`idx`, `val`: `count` entries by decreasing
 * power, capacity `idx.length`) after the entries of equal power; the lowest entry falls off when full.
 * Returns the new count. The caller has checked that `p` beats the last entry of a full list.
 */
function insertRanked(idx: Int32Array, val: Float64Array, count: number, j: number, p: number): number {
  const k = idx.length;
  let pos = count;
  while (pos > 0 && val[pos - 1]! < p) pos--;
  for (let q = Math.min(count, k - 1); q > pos; q--) {
    idx[q] = idx[q - 1]!;
    val[q] = val[q - 1]!;
  }
  idx[pos] = j;
  val[pos] = p;
  return count < k ? count + 1 : count;
}

/**
 * The `k` highest local maxima of `power` (indices), by decreasing power. A local maximum is not
 * lower than its left neighbour and higher than its right one; ties keep the lower frequency first.
 */
export function topLocalMaxima(power: Float64Array, k: number): number[] {
  const idx = new Int32Array(k);
  const val = new Float64Array(k);
  let count = 0;
  const n = power.length;
  for (let j = 0; j < n; j++) {
    const p = power[j]!;
    if (count === k && p <= val[k - 1]!) continue;
    if ((j > 0 && power[j - 1]! > p) || (j + 1 < n && power[j + 1]! >= p)) continue;
    count = insertRanked(idx, val, count, j, p);
  }
  return Array.from(idx.subarray(0, count));
}

/** topLocalMaxima restricted to the indices `at` (ascending), with the same neighbours and ties. */
export function topLocalMaximaAt(power: Float64Array, at: Int32Array, k: number): number[] {
  const idx = new Int32Array(k);
  const val = new Float64Array(k);
  let count = 0;
  const n = power.length;
  for (let a = 0; a < at.length; a++) {
    const j = at[a]!;
    const p = power[j]!;
    if (count === k && p <= val[k - 1]!) continue;
    if ((j > 0 && power[j - 1]! > p) || (j + 1 < n && power[j + 1]! >= p)) continue;
    count = insertRanked(idx, val, count, j, p);
  }
  return Array.from(idx.subarray(0, count));
}

/** largestValues of the values at the indices `at`. */
export function largestValuesAt(values: Float64Array, at: Int32Array, k: number): Float64Array {
  const picked = new Float64Array(at.length);
  for (let a = 0; a < at.length; a++) picked[a] = values[at[a]!]!;
  return largestValues(picked, k);
}

/** The k-th highest local maximum of `power` (−∞ when there are fewer). */
function kthLocalMaximum(power: Float64Array, k: number): number {
  const top = topLocalMaxima(power, k);
  return top.length < k ? -Infinity : power[top[k - 1]!]!;
}

function markAbove(power: Float64Array, threshold: number, marks: Uint8Array): void {
  const n = power.length;
  for (let j = 0; j < n; j++) {
    if (power[j]! < threshold) continue;
    marks[j] = 1;
    if (j > 0) marks[j - 1] = 1;
    if (j + 1 < n) marks[j + 1] = 1;
  }
}

const lowered = (threshold: number) => threshold - RELATIVE_MARGIN * Math.abs(threshold) - ABSOLUTE_MARGIN;

export interface CoarsePeriodogramReads {
  /** Highest local maxima read from each periodogram (the search's candidates). */
  topPeaks: number;
  /** Highest values read from the multiband periodogram (PPE). */
  topValues: number;
}

export function coarseOneHarmonicPeriodogram(
  data: PeriodogramData,
  f0: number,
  df: number,
  nf: number,
  reads: CoarsePeriodogramReads,
): CoarsePeriodogram {
  const { power, bandPower, untrusted } = approximateOneHarmonicScan(data, f0, df, nf);
  const marks = untrusted;
  const ppeThreshold = Math.min(...largestValues(power, reads.topValues));
  markAbove(power, lowered(Math.min(ppeThreshold, kthLocalMaximum(power, reads.topPeaks))), marks);
  if (data.nBands > 1) for (const bp of bandPower) markAbove(bp, lowered(kthLocalMaximum(bp, reads.topPeaks)), marks);

  const exact: number[] = [];
  let j = 0;
  while (j < nf) {
    if (!marks[j]) {
      j++;
      continue;
    }
    let end = j;
    for (let k = j + 1; k < nf && k <= end + RUN_GAP; k++) if (marks[k]) end = k;
    scanOneHarmonicInto(data, f0 + j * df, df, end - j + 1, power, j, bandPower);
    for (let k = j; k <= end; k++) exact.push(k);
    j = end + 1;
  }
  return { power, bandPower, exact: Int32Array.from(exact) };
}
