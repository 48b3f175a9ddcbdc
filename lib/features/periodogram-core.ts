/**
 * Multiband multi-harmonic periodogram, the numerical core (no feature logic).
 *
 * Model per band b at frequency f: m(t) = a_0b + Σ_{k=1..K} [a_kb cos(2πkft) + b_kb sin(2πkft)], weights
 * 1/σ², each band with its own mean and harmonics but one shared frequency (the multiband
 * generalisation of the generalised Lomb–Scargle of Zechmeister & Kürster 2009, as P4J's multiband
 * MHAOV sums per-band statistics). Power = 1 − Σ_b χ²_b / Σ_b χ²_{0,b} ∈ [0, 1], where χ²_{0,b} is the
 * band's χ² about its weighted mean.
 *
 * Speed: cos/sin of every point are advanced from one frequency to the next by a rotation (a complex
 * multiplication, no trigonometric call; re-anchored with Math.cos/sin every block of frequencies
 * against drift), and the (2K+1)² normal matrix is built from the sums Σw·cos(kθ), Σw·sin(kθ) for k ≤ 2K via
 * product-to-sum identities, so one frequency costs O(n·K) multiplications plus one tiny solve.
 */

export interface PeriodogramData {
  /** Number of bands. */
  nBands: number;
  /** Points of band b are [start[b], start[b + 1]). */
  start: Int32Array;
  /** Times relative to `tRef` (days). */
  t: Float64Array;
  /** Weight 1/σ². */
  w: Float64Array;
  /** Magnitude minus the band's weighted mean. */
  y: Float64Array;
  /** Σ w y² per band (χ² of the constant model). */
  chi2Zero: Float64Array;
  /** Σ w per band. */
  wSum: Float64Array;
  tRef: number;
  /** Time span of all points (days). */
  spanDays: number;
}

export interface PeriodogramBandInput {
  mjd: ArrayLike<number>;
  mag: ArrayLike<number>;
  err: ArrayLike<number>;
}

/** Packs bands (each with ≥ 1 point) into the flat layout above; times relative to the mid time. */
export function packPeriodogramData(bands: readonly PeriodogramBandInput[]): PeriodogramData {
  const nBands = bands.length;
  const start = new Int32Array(nBands + 1);
  let n = 0;
  let tMin = Infinity;
  let tMax = -Infinity;
  bands.forEach((b, i) => {
    start[i] = n;
    n += b.mjd.length;
    for (let k = 0; k < b.mjd.length; k++) {
      tMin = Math.min(tMin, b.mjd[k]!);
      tMax = Math.max(tMax, b.mjd[k]!);
    }
  });
  start[nBands] = n;
  const tRef = (tMin + tMax) / 2;
  const t = new Float64Array(n);
  const w = new Float64Array(n);
  const y = new Float64Array(n);
  const chi2Zero = new Float64Array(nBands);
  const wSum = new Float64Array(nBands);
  bands.forEach((b, bi) => {
    const o = start[bi]!;
    let sw = 0;
    let swy = 0;
    for (let k = 0; k < b.mjd.length; k++) {
      const wk = 1 / (b.err[k]! * b.err[k]!);
      t[o + k] = b.mjd[k]! - tRef;
      w[o + k] = wk;
      sw += wk;
      swy += wk * b.mag[k]!;
    }
    const ym = swy / sw;
    let c0 = 0;
    for (let k = 0; k < b.mjd.length; k++) {
      const v = b.mag[k]! - ym;
      y[o + k] = v;
      c0 += w[o + k]! * v * v;
    }
    chi2Zero[bi] = c0;
    wSum[bi] = sw;
  });
  return { nBands, start, t, w, y, chi2Zero, wSum, tRef, spanDays: n > 0 ? tMax - tMin : 0 };
}

const REANCHOR = 256;
const TWO_PI = 2 * Math.PI;

/**
 * Per-data scratch shared by the scans of one search (all synchronous, never nested): the rotation
 * cos/sin(2π·step·t) of every point for the few steps a search uses (the coarse Δf, Δf/2 when scoring
 * candidates, Δf/10 when refining), computed once instead of at every call, and work arrays.
 * A step within STEP_MATCH (relative) of a cached one reuses it: (fc + Δf) − (fc − Δf) differs from
 * 2Δf by an ulp or so, a phase difference of ~1e-16 rad over the light curve's span.
 */
interface ScanScratch {
  steps: { step: number; cos: Float64Array; sin: Float64Array }[];
  cosT: Float64Array;
  sinT: Float64Array;
}

const STEP_MATCH = 1e-12;
const MAX_CACHED_STEPS = 8;
const scratchOf = new WeakMap<PeriodogramData, ScanScratch>();

function scanScratch(data: PeriodogramData): ScanScratch {
  let s = scratchOf.get(data);
  if (!s) {
    const n = data.t.length;
    s = { steps: [], cosT: new Float64Array(n), sinT: new Float64Array(n) };
    scratchOf.set(data, s);
  }
  return s;
}

/** cos/sin(2π·step·t_i) of every point (cached per data and step). */
function stepRotation(data: PeriodogramData, step: number): { cos: Float64Array; sin: Float64Array } {
  const scratch = scanScratch(data);
  for (const e of scratch.steps) if (Math.abs(e.step - step) <= STEP_MATCH * Math.abs(step)) return e;
  const { t } = data;
  const cos = new Float64Array(t.length);
  const sin = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    cos[i] = Math.cos(TWO_PI * step * t[i]!);
    sin[i] = Math.sin(TWO_PI * step * t[i]!);
  }
  const entry = { step, cos, sin };
  if (scratch.steps.length >= MAX_CACHED_STEPS) scratch.steps.shift();
  scratch.steps.push(entry);
  return entry;
}

const SCAN_BLOCK = 1024;

function oneHarmonicSumArrays(block: number) {
  const a = () => new Float64Array(block);
  return { C1: a(), S1: a(), C2: a(), CS: a(), YC: a(), YS: a() };
}
/** The six per-frequency sums of scanOneHarmonicInto, reused across calls (grown on demand). */
let oneHarmonicSums = oneHarmonicSumArrays(16);

/**
 * One-harmonic (K = 1) multiband generalised Lomb–Scargle power on the grid f0 + j·df, j < nf: the
 * hot loop of the period search. Frequencies are processed in blocks of SCAN_BLOCK; within a block,
 * four points at a time are advanced by rotation in registers (four independent recurrences,
 * re-anchored with Math.cos/sin at each block start) and their contributions added to six per-frequency
 * sums (Σw cos, Σw sin, Σw cos 2θ, Σw sin θ cos θ, Σwy cos, Σwy sin): about 20 flops and 3 memory
 * operations per point and frequency. Optionally also each band's own power (bandPower[b][j]).
 */
export function scanOneHarmonic(data: PeriodogramData, f0: number, df: number, nf: number, bandPower?: Float64Array[]): Float64Array {
  const power = new Float64Array(nf);
  scanOneHarmonicInto(data, f0, df, nf, power, 0, bandPower);
  return power;
}

/**
 * scanOneHarmonic written into power[offset + j] (and bandPower[b][offset + j]) for j < nf, the rest
 * of the arrays untouched.
 */
export function scanOneHarmonicInto(
  data: PeriodogramData,
  f0: number,
  df: number,
  nf: number,
  power: Float64Array,
  offset: number,
  bandPower?: Float64Array[],
): void {
  const { t, w, y, start, nBands, chi2Zero, wSum } = data;
  const block = Math.min(SCAN_BLOCK, nf);
  if (oneHarmonicSums.C1.length < block) oneHarmonicSums = oneHarmonicSumArrays(block);
  const { C1, S1, C2, CS, YC, YS } = oneHarmonicSums;
  power.fill(0, offset, offset + nf);
  let chi2ZeroTotal = 0;
  for (let b = 0; b < nBands; b++) chi2ZeroTotal += chi2Zero[b]!;
  for (let j0 = 0; j0 < nf; j0 += SCAN_BLOCK) {
    const m = Math.min(SCAN_BLOCK, nf - j0);
    const phaseStart = TWO_PI * (f0 + j0 * df);
    // The step rotation of the coarse grid's Δf is cached; for a single frequency it is not needed (the
    // rotated values are discarded) but costs nothing once cached.
    const { cos: rc, sin: rs } = stepRotation(data, df);
    for (let b = 0; b < nBands; b++) {
      C1.fill(0, 0, m);
      S1.fill(0, 0, m);
      C2.fill(0, 0, m);
      CS.fill(0, 0, m);
      YC.fill(0, 0, m);
      YS.fill(0, 0, m);
      const first = start[b]!;
      const end = start[b + 1]!;
      for (let i = first; i < end; i += 4) {
        // Up to four points; absent ones repeat point i with weight 0.
        const i1 = i + 1 < end ? i + 1 : i;
        const i2 = i + 2 < end ? i + 2 : i;
        const i3 = i + 3 < end ? i + 3 : i;
        const wa = w[i]!;
        const wb = i + 1 < end ? w[i1]! : 0;
        const wc = i + 2 < end ? w[i2]! : 0;
        const wd = i + 3 < end ? w[i3]! : 0;
        const ya = wa * y[i]!;
        const yb = wb * y[i1]!;
        const yc = wc * y[i2]!;
        const yd = wd * y[i3]!;
        const ta = t[i]!;
        const tb = t[i1]!;
        const tc = t[i2]!;
        const td = t[i3]!;
        let ca = Math.cos(phaseStart * ta);
        let sa = Math.sin(phaseStart * ta);
        let cb = Math.cos(phaseStart * tb);
        let sb = Math.sin(phaseStart * tb);
        let cc = Math.cos(phaseStart * tc);
        let sc = Math.sin(phaseStart * tc);
        let cd = Math.cos(phaseStart * td);
        let sd = Math.sin(phaseStart * td);
        const rca = rc[i]!;
        const rsa = rs[i]!;
        const rcb = rc[i1]!;
        const rsb = rs[i1]!;
        const rcc = rc[i2]!;
        const rsc = rs[i2]!;
        const rcd = rc[i3]!;
        const rsd = rs[i3]!;
        for (let j = 0; j < m; j++) {
          const xa = wa * ca;
          const za = wa * sa;
          const xb = wb * cb;
          const zb = wb * sb;
          const xc = wc * cc;
          const zc = wc * sc;
          const xd = wd * cd;
          const zd = wd * sd;
          C1[j]! += xa + xb + xc + xd;
          S1[j]! += za + zb + zc + zd;
          C2[j]! += xa * ca - za * sa + (xb * cb - zb * sb) + (xc * cc - zc * sc) + (xd * cd - zd * sd);
          CS[j]! += xa * sa + xb * sb + xc * sc + xd * sd;
          YC[j]! += ya * ca + yb * cb + yc * cc + yd * cd;
          YS[j]! += ya * sa + yb * sb + yc * sc + yd * sd;
          let u = ca * rca - sa * rsa;
          sa = sa * rca + ca * rsa;
          ca = u;
          u = cb * rcb - sb * rsb;
          sb = sb * rcb + cb * rsb;
          cb = u;
          u = cc * rcc - sc * rsc;
          sc = sc * rcc + cc * rsc;
          cc = u;
          u = cd * rcd - sd * rsd;
          sd = sd * rcd + cd * rsd;
          cd = u;
        }
      }
      const W = wSum[b]!;
      const c0 = chi2Zero[b]!;
      const bp = bandPower?.[b];
      for (let j = 0; j < m; j++) {
        const c1 = C1[j]!;
        const s1 = S1[j]!;
        const cc = 0.5 * (W + C2[j]!) - (c1 * c1) / W;
        const ss = 0.5 * (W - C2[j]!) - (s1 * s1) / W;
        const cs = CS[j]! - (c1 * s1) / W;
        const det = cc * ss - cs * cs;
        const yc = YC[j]!;
        const ys = YS[j]!;
        const red = det > 1e-12 * W * W ? (ss * yc * yc + cc * ys * ys - 2 * cs * yc * ys) / det : 0;
        power[offset + j0 + j]! += red;
        if (bp) bp[offset + j0 + j] = c0 > 0 ? red / c0 : 0;
      }
    }
    for (let j = 0; j < m; j++) power[offset + j0 + j] = chi2ZeroTotal > 0 ? power[offset + j0 + j]! / chi2ZeroTotal : 0;
  }
}

export interface MultiHarmonicScanOptions {
  /** Number of harmonics K (default 2). */
  harmonics?: number;
  /** Only these bands (indices); default all. */
  bands?: readonly number[];
}

/**
 * K-harmonic multiband power on f0 + j·df (j < nf), by rotation recurrences and product-to-sum sums.
 * Used for refinement around candidate peaks, power rates and the Explorer's plot.
 */
export function scanMultiHarmonic(
  data: PeriodogramData,
  f0: number,
  df: number,
  nf: number,
  options: MultiHarmonicScanOptions = {},
): Float64Array {
  const K = options.harmonics ?? 2;
  const bands = options.bands ?? Array.from({ length: data.nBands }, (_, b) => b);
  const { t, w, y, start, chi2Zero, wSum } = data;
  const p = 2 * K + 1;
  const power = new Float64Array(nf);
  const { cosT, sinT } = scanScratch(data);
  // The step rotation only when there is a next frequency (a single frequency never advances).
  const rot = nf > 1 ? stepRotation(data, df) : null;
  const C = new Float64Array(2 * K + 1); // Σ w cos(kθ), k = 0..2K
  const S = new Float64Array(2 * K + 1);
  const YC = new Float64Array(K + 1); // Σ w y cos(kθ), k = 1..K
  const YS = new Float64Array(K + 1);
  const A = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  let chi2ZeroTotal = 0;
  for (const b of bands) chi2ZeroTotal += chi2Zero[b]!;

  for (let j = 0; j < nf; j++) {
    if (j % REANCHOR === 0) {
      const f = f0 + j * df;
      for (const b of bands) {
        for (let i = start[b]!; i < start[b + 1]!; i++) {
          const a = TWO_PI * f * t[i]!;
          cosT[i] = Math.cos(a);
          sinT[i] = Math.sin(a);
        }
      }
    }
    let chi2 = 0;
    for (const b of bands) {
      C.fill(0);
      S.fill(0);
      YC.fill(0);
      YS.fill(0);
      const end = start[b + 1]!;
      for (let i = start[b]!; i < end; i++) {
        const c1 = cosT[i]!;
        const s1 = sinT[i]!;
        const wi = w[i]!;
        const wyi = wi * y[i]!;
        let ck = c1;
        let sk = s1;
        for (let k = 1; k <= 2 * K; k++) {
          C[k]! += wi * ck;
          S[k]! += wi * sk;
          if (k <= K) {
            YC[k]! += wyi * ck;
            YS[k]! += wyi * sk;
          }
          const cn = ck * c1 - sk * s1;
          sk = sk * c1 + ck * s1;
          ck = cn;
        }
        if (rot) {
          const cd = rot.cos[i]!;
          const sd = rot.sin[i]!;
          cosT[i] = c1 * cd - s1 * sd;
          sinT[i] = s1 * cd + c1 * sd;
        }
      }
      C[0] = wSum[b]!;
      S[0] = 0;
      chi2 += chi2Zero[b]! - solveReduction(K, C, S, YC, YS, A, rhs);
    }
    power[j] = chi2ZeroTotal > 0 ? 1 - chi2 / chi2ZeroTotal : 0;
  }
  return power;
}

/**
 * χ² reduction rhsᵀ A⁻¹ rhs of the weighted (2K+1)-parameter fit, basis [1, cos θ, sin θ, …, cos Kθ,
 * sin Kθ], from the trigonometric sums. y is centred (Σ w y = 0). A tiny ridge keeps degenerate
 * frequencies (all points at the same phase) finite.
 */
function solveReduction(
  K: number,
  C: Float64Array,
  S: Float64Array,
  YC: Float64Array,
  YS: Float64Array,
  A: Float64Array,
  rhs: Float64Array,
): number {
  const p = 2 * K + 1;
  A[0] = C[0]!;
  rhs[0] = 0;
  for (let j = 1; j <= K; j++) {
    const cj = 2 * j - 1;
    const sj = 2 * j;
    A[cj] = A[cj * p] = C[j]!;
    A[sj] = A[sj * p] = S[j]!;
    rhs[cj] = YC[j]!;
    rhs[sj] = YS[j]!;
    for (let k = 1; k <= K; k++) {
      const ck = 2 * k - 1;
      const sk = 2 * k;
      // cos/sin of (j − k)θ from the sums at |j − k| (sin is odd).
      const cDiff = C[Math.abs(j - k)]!;
      const sDiff = j >= k ? S[j - k]! : -S[k - j]!;
      A[cj * p + ck] = 0.5 * (cDiff + C[j + k]!);
      A[sj * p + sk] = 0.5 * (cDiff - C[j + k]!);
      A[sj * p + ck] = 0.5 * (S[j + k]! + sDiff);
      A[ck * p + sj] = A[sj * p + ck]!;
    }
  }
  const ridge = 1e-10 * C[0]!;
  for (let i = 0; i < p; i++) A[i * p + i]! += ridge;
  // Cholesky in place (lower), then ‖L⁻¹ rhs‖².
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j]!;
      for (let k = 0; k < j; k++) s -= A[i * p + k]! * A[j * p + k]!;
      if (i === j) {
        if (!(s > 0)) return 0;
        A[i * p + i] = Math.sqrt(s);
      } else {
        A[i * p + j] = s / A[j * p + j]!;
      }
    }
  }
  let red = 0;
  for (let i = 0; i < p; i++) {
    let s = rhs[i]!;
    for (let k = 0; k < i; k++) s -= A[i * p + k]! * rhs[k]!;
    rhs[i] = s / A[i * p + i]!;
    red += rhs[i]! * rhs[i]!;
  }
  return red;
}
