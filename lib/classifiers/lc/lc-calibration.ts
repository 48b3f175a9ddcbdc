// Calibration of the light-curve classifier's probabilities at serving time, from the parameters in
// model.json (`calibration`): a forest's probabilities are vote fractions, which a TreeEnsemble
// graph cannot temperature-scale, so the scaling runs here, after ORT. P(branch) is scaled by the
// temperature T (p_k^{1/T} renormalised, i.e. softmax(log p / T)); each class keeps its share of its
// branch: P(class) = P'(branch) · P(class | branch). The children's outputs are unchanged.
import { LC_BRANCH_CLASSES, LC_BRANCHES, type LcBranch } from "./lc-taxonomy";
import type { LcModelManifest } from "./model-manifest";

const FLOOR = 1e-12;

/** Row-wise p^{1/T} renormalised (in place on a copy). */
export function temperatureScaleRows(probs: Float32Array, width: number, temperature: number): Float32Array {
  const out = new Float32Array(probs.length);
  for (let i = 0; i < probs.length / width; i++) {
    let total = 0;
    const row = new Float64Array(width);
    for (let k = 0; k < width; k++) total += row[k] = Math.exp(Math.log(Math.max(probs[i * width + k]!, FLOOR)) / temperature);
    for (let k = 0; k < width; k++) out[i * width + k] = row[k]! / total;
  }
  return out;
}

/** The calibrated prediction (new arrays), or the input unchanged when the manifest has no calibration. */
export function calibrateLcPrediction<P extends { final: Float32Array; top: Float32Array; children: Record<LcBranch, Float32Array> }>(
  prediction: P,
  calibration: LcModelManifest["calibration"],
): P {
  if (!calibration) return prediction;
  const nb = LC_BRANCHES.length;
  const top = temperatureScaleRows(prediction.top, nb, calibration.topTemperature);
  const n = top.length / nb;
  const width = LC_BRANCHES.reduce((a, b) => a + LC_BRANCH_CLASSES[b].length, 0);
  const final = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    let offset = 0;
    LC_BRANCHES.forEach((b, g) => {
      const w = LC_BRANCH_CLASSES[b].length;
      const child = prediction.children[b];
      for (let k = 0; k < w; k++) final[i * width + offset + k] = top[i * nb + g]! * child[i * w + k]!;
      offset += w;
    });
  }
  return { ...prediction, top, final };
}
