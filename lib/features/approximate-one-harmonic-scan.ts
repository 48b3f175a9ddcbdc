/**
 * The one-harmonic multiband power of periodogram-core's scanOneHarmonic, approximately (float32),
 * about 8× faster: the WebAssembly SIMD kernel of one-harmonic-scan.wat computes four consecutive
 * frequencies per vector. The period search uses it only to find where the exact values matter
 * (coarse-periodogram.ts recomputes those exactly), never as a result.
 *
 * Accuracy: cos/sin are re-anchored from float64 every ANCHOR_GROUPS × 4 frequencies and rotated in
 * float32 in between; weights are normalised to Σw = 1 so every sum is O(1). The reduction is then
 * good to about 1e-5 of the band's χ²₀ except where the normalised determinant of the cos/sin normal
 * matrix is small (a near-degenerate fit: frequencies near 0, or where every point falls at nearly
 * the same phase, e.g. 1-day aliases of nightly data): those frequencies are flagged
 * (`untrusted`) and recomputed exactly, whatever their power.
 */
import type { PeriodogramData } from "./periodogram-core";
import { ONE_HARMONIC_SCAN_WASM_BASE64 } from "./one-harmonic-scan-wasm";

/** Frequencies per SIMD vector (the kernel's lanes). */
const LANES = 4;
/** Groups of LANES frequencies between two float64 re-anchorings of cos/sin. */
const ANCHOR_GROUPS = 128;
/** Below this normalised determinant the float32 reduction is not trusted. */
export const TRUSTED_DETERMINANT = 1e-3;
/** The exact scan's guard (det > 1e-12·W²): no reduction for a degenerate fit. */
const DEGENERATE_DETERMINANT = 1e-12;

interface ScanKernel {
  memory: WebAssembly.Memory;
  scan: (points: number, groups: number, state: number, params: number, out: number) => void;
}

let kernel: ScanKernel | null = null;

function loadKernel(): ScanKernel {
  if (kernel) return kernel;
  const bytes = Uint8Array.from(atob(ONE_HARMONIC_SCAN_WASM_BASE64), (c) => c.charCodeAt(0));
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const { memory, scan } = exports;
  if (!(memory instanceof WebAssembly.Memory) || typeof scan !== "function") throw new Error("one-harmonic-scan.wasm: unexpected exports");
  kernel = { memory, scan: scan as ScanKernel["scan"] };
  return kernel;
}

export interface ApproximateOneHarmonicScan {
  /** Approximate multiband power on f0 + j·df. */
  power: Float64Array;
  /** Approximate power of each band alone. */
  bandPower: Float64Array[];
  /** 1 where some band's float32 reduction is not trusted (recompute exactly). */
  untrusted: Uint8Array;
}

export function approximateOneHarmonicScan(data: PeriodogramData, f0: number, df: number, nf: number): ApproximateOneHarmonicScan {
  const { t, w, y, start, nBands, chi2Zero, wSum } = data;
  const power = new Float64Array(nf);
  const bandPower = Array.from({ length: nBands }, () => new Float64Array(nf));
  const untrusted = new Uint8Array(nf);
  const groups = Math.ceil(nf / LANES);
  const { memory, scan } = loadKernel();
  let maxPoints = 0;
  for (let b = 0; b < nBands; b++) maxPoints = Math.max(maxPoints, start[b + 1]! - start[b]!);
  // Layout: state (32 bytes per point), params (16 bytes per point), out (32 bytes per group).
  const paramsPtr = 32 * maxPoints;
  const outPtr = 48 * maxPoints;
  const bytesNeeded = outPtr + 32 * ANCHOR_GROUPS;
  if (memory.buffer.byteLength < bytesNeeded) memory.grow(Math.ceil((bytesNeeded - memory.buffer.byteLength) / 65536));
  const f32 = new Float32Array(memory.buffer);
  const anchorCos = new Float64Array(maxPoints);
  const anchorSin = new Float64Array(maxPoints);
  const laneCos = new Float64Array(maxPoints);
  const laneSin = new Float64Array(maxPoints);
  const blockCos = new Float64Array(maxPoints);
  const blockSin = new Float64Array(maxPoints);
  let chi2ZeroTotal = 0;
  for (let b = 0; b < nBands; b++) chi2ZeroTotal += chi2Zero[b]!;

  for (let b = 0; b < nBands; b++) {
    const first = start[b]!;
    const n = start[b + 1]! - first;
    const W = wSum[b]!;
    const c0 = chi2Zero[b]!;
    const bp = bandPower[b]!;
    for (let i = 0; i < n; i++) {
      const ti = t[first + i]!;
      const phi = 2 * Math.PI * df * ti;
      const p = (paramsPtr >> 2) + 4 * i;
      f32[p] = Math.cos(LANES * phi);
      f32[p + 1] = Math.sin(LANES * phi);
      f32[p + 2] = w[first + i]! / W;
      f32[p + 3] = (w[first + i]! * y[first + i]!) / W;
      anchorCos[i] = Math.cos(2 * Math.PI * f0 * ti);
      anchorSin[i] = Math.sin(2 * Math.PI * f0 * ti);
      laneCos[i] = Math.cos(phi);
      laneSin[i] = Math.sin(phi);
      blockCos[i] = Math.cos(LANES * ANCHOR_GROUPS * phi);
      blockSin[i] = Math.sin(LANES * ANCHOR_GROUPS * phi);
    }
    for (let g0 = 0; g0 < groups; g0 += ANCHOR_GROUPS) {
      const m = Math.min(ANCHOR_GROUPS, groups - g0);
      for (let i = 0; i < n; i++) {
        // The four lanes of the first group from the float64 anchor, then the anchor moves one block on.
        let c = anchorCos[i]!;
        let s = anchorSin[i]!;
        const base = 8 * i;
        for (let k = 0; k < LANES; k++) {
          f32[base + k] = c;
          f32[base + LANES + k] = s;
          const u = c * laneCos[i]! - s * laneSin[i]!;
          s = s * laneCos[i]! + c * laneSin[i]!;
          c = u;
        }
        const ac = anchorCos[i]!;
        const as = anchorSin[i]!;
        anchorCos[i] = ac * blockCos[i]! - as * blockSin[i]!;
        anchorSin[i] = as * blockCos[i]! + ac * blockSin[i]!;
      }
      scan(n, m, 0, paramsPtr, outPtr);
      const j0 = LANES * g0;
      const count = Math.min(LANES * m, nf - j0);
      // The last band also normalises the multiband sum (the same operations, in the same order, as a
      // separate pass over the grid).
      const last = b === nBands - 1;
      const outBase = outPtr >> 2;
      for (let q = 0; q < count; q++) {
        const o = outBase + 2 * q - (q & 3);
        const det = f32[o + 4]!;
        const reduction = f32[o]!;
        const j = j0 + q;
        if (!(det >= TRUSTED_DETERMINANT)) untrusted[j] = 1;
        const red = det > DEGENERATE_DETERMINANT && reduction - reduction === 0 ? W * reduction : 0;
        const sum = power[j]! + red;
        power[j] = last ? (chi2ZeroTotal > 0 ? sum / chi2ZeroTotal : 0) : sum;
        bp[j] = c0 > 0 ? red / c0 : 0;
      }
    }
  }
  return { power, bandPower, untrusted };
}
