// The simulated light curves that `npm run bench:lc` times and that the golden feature set
// (fixtures/lightcurves/golden-features.json) partly pins: ZTF-like objects of 100 detections each
// (50 g + 50 r over ~900 d, seasonal gaps, 20 limits), a quarter each sinusoidal variables, eclipsing
// binaries, damped random walks and long transients.
import type { FeatureDetection, FeatureNonDetection, LightcurveFeatureInput } from "./types";
import type { Rng } from "../math/random";

export const BENCH_KINDS = ["sinusoid", "eclipsing_binary", "damped_random_walk", "transient"] as const;

/** A tiny generator for timing only (the classifier's simulator lives elsewhere). */
export function simulateBenchObject(rng: Rng, index: number): LightcurveFeatureInput {
  const kind = BENCH_KINDS[index % BENCH_KINDS.length]!;
  const period = rng.logUniform(0.1, 50);
  const tauDays = rng.logUniform(20, 400);
  const detections: FeatureDetection[] = [];
  const nonDetections: FeatureNonDetection[] = [];
  for (const fid of [1, 2]) {
    const span = kind === "transient" ? 150 : 900;
    const times: number[] = [];
    while (times.length < 50) {
      const t = rng.uniform(0, span);
      if (t % 365 < 240) times.push(59_000 + t);
    }
    times.sort((a, b) => a - b);
    let x = rng.normal(0, 0.3);
    times.forEach((mjd, i) => {
      let signal = 0;
      const phase = (((mjd / period) % 1) + 1) % 1;
      if (kind === "sinusoid") signal = 0.4 * Math.sin(2 * Math.PI * phase);
      else if (kind === "eclipsing_binary")
        signal = 0.6 * Math.exp(-0.5 * (Math.min(phase, 1 - phase) / 0.05) ** 2) + 0.3 * Math.exp(-0.5 * ((phase - 0.5) / 0.05) ** 2);
      else if (kind === "damped_random_walk") {
        if (i > 0) {
          const phi = Math.exp(-(mjd - times[i - 1]!) / tauDays);
          x = phi * x + rng.normal(0, 0.3 * Math.sqrt(1 - phi * phi));
        }
        signal = x;
      } else {
        const t = mjd - 59_000;
        signal = -2.5 * Math.log10(Math.max(1e-3, (1 / (1 + Math.exp(-(t - 10) / 3))) * Math.exp(-Math.max(0, t - 25) / 30)));
      }
      const err = 0.02 + 0.05 * rng.next();
      const magpsf = 18 + (fid === 1 ? 0.3 : 0) + signal + rng.normal(0, err);
      detections.push({
        mjd,
        fid,
        magpsf,
        sigmapsf: err,
        magpsf_corr: magpsf - 0.2,
        sigmapsf_corr: err,
        sigmapsf_corr_ext: err,
        isdiffpos: 1,
        corrected: true,
        dubious: false,
        rb: 0.8,
      });
    });
    for (let k = 0; k < 10; k++) nonDetections.push({ mjd: times[0]! - rng.uniform(1, 60), fid, diffmaglim: 20.3 + rng.normal(0, 0.3) });
  }
  return {
    oid: `BENCH${index}`,
    detections,
    nonDetections,
    context: { raDeg: rng.uniform(0, 360), decDeg: rng.uniform(-30, 80), sgscore1: rng.next(), wise: { w1: 15, w2: 14.8, w3: 12 } },
  };
}
