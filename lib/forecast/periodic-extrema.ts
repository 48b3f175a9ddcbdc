/**
 * Next brightness maximum and minimum of a periodic variable from its period and folded light curve:
 * per band, a two-harmonic Fourier series m(φ) = c + Σₖ aₖ cos 2πkφ + bₖ sin 2πkφ fitted by least
 * squares to the folded detections, its extreme phases found on a 1/1000 grid, then the first epochs
 * after `afterMjd`. The band with the most detections decides (its fold is the best constrained).
 */
import { solveLeastSquares } from "../features/least-squares";

export interface PeriodicObservation {
  mjd: number;
  mag: number;
  /** Band id (ZTF fid). */
  band: number;
}

export interface PeriodicExtrema {
  band: number;
  periodDays: number;
  /** Next time of maximum brightness (smallest magnitude) after afterMjd, and that magnitude. */
  nextMaximumMjd: number;
  maximumMag: number;
  /** Next time of minimum brightness (largest magnitude) after afterMjd, and that magnitude. */
  nextMinimumMjd: number;
  minimumMag: number;
}

const HARMONICS = 2;
const MIN_POINTS = 2 * HARMONICS + 3;

export function nextPeriodicExtrema(observations: PeriodicObservation[], periodDays: number, afterMjd: number): PeriodicExtrema | null {
  if (!(periodDays > 0) || !Number.isFinite(periodDays)) return null;
  const byBand = new Map<number, PeriodicObservation[]>();
  for (const o of observations) byBand.set(o.band, [...(byBand.get(o.band) ?? []), o]);
  const [band, points] = [...byBand.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0] ?? [0, []];
  if (points.length < MIN_POINTS) return null;
  const epoch = Math.min(...points.map((o) => o.mjd));
  const k = 2 * HARMONICS + 1;
  const design = (phase: number) => {
    const row = [1];
    for (let h = 1; h <= HARMONICS; h++) row.push(Math.cos(2 * Math.PI * h * phase), Math.sin(2 * Math.PI * h * phase));
    return row;
  };
  const X = new Float64Array(points.length * k);
  const y = new Float64Array(points.length);
  points.forEach((o, i) => {
    X.set(design((o.mjd - epoch) / periodDays), i * k);
    y[i] = o.mag;
  });
  const coefficients = solveLeastSquares(X, y, points.length, k);
  if (!coefficients.every(Number.isFinite)) return null;
  const evaluate = (phase: number) => design(phase).reduce((s, d, j) => s + d * coefficients[j]!, 0);
  let brightest = { phase: 0, mag: Infinity };
  let faintest = { phase: 0, mag: -Infinity };
  for (let i = 0; i < 1000; i++) {
    const m = evaluate(i / 1000);
    if (m < brightest.mag) brightest = { phase: i / 1000, mag: m };
    if (m > faintest.mag) faintest = { phase: i / 1000, mag: m };
  }
  const nextAfter = (phase: number) => {
    const cycles = Math.floor((afterMjd - epoch) / periodDays - phase) + 1;
    return epoch + (cycles + phase) * periodDays;
  };
  return {
    band,
    periodDays,
    nextMaximumMjd: nextAfter(brightest.phase),
    maximumMag: brightest.mag,
    nextMinimumMjd: nextAfter(faintest.phase),
    minimumMag: faintest.mag,
  };
}
