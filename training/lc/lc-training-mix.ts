// The training mix of light-curve classifier 2.0.0 (ADR 0042): simulated light curves as the
// simulator writes them, simulated light curves in the views real data comes in (denser cadence and
// longer baselines, truncated at random epochs, alert files without non-detections / sgscore1 / rb /
// position), and the real labelled light curves of the TRAIN split, each whole and truncated at
// random epochs so that short and long histories are both represented.
import type { LightcurveFeatureInput } from "../../lib/features/types";
import { LC_MIN_DETECTIONS } from "../../lib/pipeline/steps/classify-lightcurves";
import { LC_CLASSES, type LcClass } from "../../lib/classifiers/lc/lc-taxonomy";
import { createRng, type Rng } from "../../lib/math/random";
import { type SimulatedLightcurve, simulateLightcurveDataset } from "../simulators/lightcurve-simulator";
import type { RealLightcurve } from "./real-lightcurve-set";

export interface MixRow {
  input: LightcurveFeatureInput;
  label: LcClass;
  /** "sim", "sim-real-view" or "real:<kind>". */
  origin: string;
}

/** ≥ LC_MIN_DETECTIONS detections in g or in r (the worker's and the CLI's eligibility). */
export function eligibleLightcurve(lc: LightcurveFeatureInput): boolean {
  return [1, 2].some((fid) => lc.detections.filter((d) => d.fid === fid).length >= LC_MIN_DETECTIONS);
}

/**
 * The light curve as it stood at a random epoch: the first k detections (k drawn so that the cut
 * stays eligible when the whole curve is), the non-detections before the last kept detection.
 */
export function truncateAtRandomEpoch(lc: LightcurveFeatureInput, rng: Rng): LightcurveFeatureInput {
  const dets = [...lc.detections].sort((a, b) => a.mjd - b.mjd);
  // smallest prefix that is still eligible
  let min = dets.length;
  const perBand = { 1: 0, 2: 0 } as Record<number, number>;
  for (let i = 0; i < dets.length; i++) {
    perBand[dets[i]!.fid] = (perBand[dets[i]!.fid] ?? 0) + 1;
    if ((perBand[1] ?? 0) >= LC_MIN_DETECTIONS || (perBand[2] ?? 0) >= LC_MIN_DETECTIONS) {
      min = i + 1;
      break;
    }
  }
  const keep = min + Math.floor(rng.next() * (dets.length - min + 1));
  const kept = dets.slice(0, keep);
  const last = kept[kept.length - 1]?.mjd ?? Number.POSITIVE_INFINITY;
  return { ...lc, detections: kept, nonDetections: lc.nonDetections.filter((n) => n.mjd < last) };
}

/** What an alert-photometry CSV (like the BTS files) carries: detections only, no position, sgscore1 or rb. */
export function alertFileView(lc: LightcurveFeatureInput): LightcurveFeatureInput {
  return {
    ...lc,
    nonDetections: [],
    context: { raDeg: Number.NaN, decDeg: Number.NaN, sgscore1: null, wise: null },
    detections: lc.detections.map((d) => ({
      ...d,
      rb: null,
      magpsf_corr: null,
      sigmapsf_corr: null,
      sigmapsf_corr_ext: null,
      corrected: false,
      dubious: false,
    })),
  };
}

/** A seeded mix of the real-data views of one light curve: truncated (p_truncate), as a CSV (½), sgscore1 missing (¼ of the rest). */
export function realView(lc: LightcurveFeatureInput, rng: Rng, pTruncate: number): LightcurveFeatureInput {
  let out = rng.next() < pTruncate ? truncateAtRandomEpoch(lc, rng) : lc;
  const u = rng.next();
  if (u < 0.5) out = alertFileView(out);
  else if (u < 0.625) out = { ...out, context: { ...out.context, sgscore1: null } };
  return out;
}

/** Share of the real-view simulations truncated at a random epoch. */
export const REAL_VIEW_TRUNCATION = 0.4;

export interface MixOptions {
  seed: number;
  /**
   * Copies of each simulated SN Ia row in the training matrix (a weight). Every real SN Ia (BTS)
   * comes without non-detections, sgscore1 or position; without extra weight on the simulated SNe
   * Ia, which have them, the Transient forest learns "full data ⇒ not SN Ia" and calls the 19 real
   * ALeRCE SNe Ia of the fixtures (full alert data) SN Ibc (2/19 right at weight 1, 13/19 at 6; 1.0.0: 11/19).
   */
  simulatedSniaWeight: number;
  /** Simulated objects per class as written (1.0.0's view). */
  simulatedPerClass: number;
  /** Simulated objects per class in the real views (dense cadence, long baselines, truncations, CSV views). */
  realViewPerClass: number;
  /** Random truncations per real training light curve (besides the whole curve). */
  realTruncations: number;
}

/**
 * Simulated light curves with the cadences and histories of real alert light curves: two thirds with
 * the survey cadence (a visit every 1–4 d), one third with nightly partnership-like visits (0.5–2.5 d,
 * the 40–100+ detection tail of bright transients); all over 2× the class's baseline; truncated at a
 * random epoch with probability `pTruncate`. Each class has its own stream (as the simulator).
 */
export function simulateRealCadences(
  seed: number,
  perClass: number | Partial<Record<LcClass, number>>,
  pTruncate: number,
): SimulatedLightcurve[] {
  const count = (c: LcClass) => (typeof perClass === "number" ? perClass : (perClass[c] ?? 0));
  const dense = (c: LcClass) => Math.round(count(c) / 3);
  const survey = simulateLightcurveDataset(seed, Object.fromEntries(LC_CLASSES.map((c) => [c, count(c) - dense(c)])), {
    baselineFactor: 2,
  });
  const nightly = simulateLightcurveDataset(seed + 500, Object.fromEntries(LC_CLASSES.map((c) => [c, dense(c)])), {
    visitGapDays: [0.5, 2.5],
    baselineFactor: 2,
  });
  const rng = createRng(seed + 17);
  return [...survey, ...nightly].map((s) => ({ ...s, input: rng.next() < pTruncate ? truncateAtRandomEpoch(s.input, rng) : s.input }));
}

export function simulatedRows(options: MixOptions): MixRow[] {
  const rng = createRng(options.seed + 17);
  const asWritten = simulateLightcurveDataset(options.seed, options.simulatedPerClass).map((s): MixRow => ({
    input: s.input,
    label: s.label,
    origin: "sim",
  }));
  const views = simulateRealCadences(options.seed + 1000, options.realViewPerClass, REAL_VIEW_TRUNCATION).map((s): MixRow => ({
    input: realView(s.input, rng, 0),
    label: s.label,
    origin: "sim-real-view",
  }));
  return [...asWritten, ...views];
}

/** The real labelled light curves of the train split (eligible, with a training class): whole + truncations. */
export function realTrainRows(real: readonly RealLightcurve[], options: MixOptions): MixRow[] {
  const rng = createRng(options.seed + 29);
  const out: MixRow[] = [];
  for (const r of real) {
    if (r.split !== "train" || r.train === null || !eligibleLightcurve(r.input)) continue;
    out.push({ input: r.input, label: r.train, origin: `real:${r.kind}` });
    for (let k = 0; k < options.realTruncations; k++)
      out.push({ input: truncateAtRandomEpoch(r.input, rng), label: r.train, origin: `real:${r.kind}` });
  }
  return out;
}

/** How many times a row enters the training matrix (MixOptions.simulatedSniaWeight). */
export function rowCopies(row: MixRow, options: MixOptions): number {
  return row.label === "SNIa" && row.origin.startsWith("sim") ? options.simulatedSniaWeight : 1;
}
