// Issue 19's "what must show" for the anomaly score, on real data (can fail): the committed model
// scores the held-out (validation split) real objects — public ZTF alerts' objects, BTS SNe Ia, the
// fixtures' 30 labelled SNe and 4 variable stars — mixed with oddities made from real light curves.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAnomalyDetector } from "../../lib/classifiers/anomaly/anomaly-detector";
import { computeLightcurveFeatures } from "../../lib/features/compute-lightcurve-features";
import { LIGHTCURVE_FIXTURES_DIR, loadSneLightcurves, loadVariableLightcurves } from "../../lib/features/load-lightcurve-fixtures";
import type { LightcurveFeatureInput } from "../../lib/features/types";
import { alertLightcurves, btsLightcurves } from "./anomaly-dataset";
import { withAmplifiedVariation, withImpossibleColour } from "./injected-oddities";

const hasBothBands = (lc: LightcurveFeatureInput) => [1, 2].every((fid) => lc.detections.filter((d) => d.fid === fid).length >= 5);

/**
 * Rank percentile of each oddity injected alone among the real objects: 100 × (1 + real objects
 * scoring higher) / (real + 1). Ranked against the real objects only, so the 30-odd oddities do not
 * push each other down (together they are 4 % of the mix).
 */
async function oddityPercentiles(real: LightcurveFeatureInput[], oddities: LightcurveFeatureInput[]): Promise<number[]> {
  const detector = await loadAnomalyDetector();
  try {
    const scores = await detector.score([...real, ...oddities].map((lc) => computeLightcurveFeatures(lc)));
    const realScores = scores.slice(0, real.length);
    return scores.slice(real.length).map((s) => (100 * (1 + realScores.filter((r) => r > s).length)) / (real.length + 1));
  } finally {
    await detector.close();
  }
}

describe("anomaly score on real objects with injected oddities", () => {
  it("ranks periodic stars with 10× their amplitude and SNe with an impossible colour in the top 5 %", { timeout: 180_000 }, async () => {
    const real = [
      ...(await alertLightcurves("validation")),
      ...btsLightcurves("validation"),
      ...loadSneLightcurves(path.join(LIGHTCURVE_FIXTURES_DIR, "labelled")).map((l) => l.input),
      ...loadVariableLightcurves().map((v) => v.input),
    ];
    expect(real.length).toBeGreaterThan(500);
    const amplified = loadVariableLightcurves().map((v) => withAmplifiedVariation(v.input, 10));
    // Only SNe with both bands (≥ 5 detections each): ZTF19abcqgew has no g detection, so moving g
    // fainter leaves it unchanged (it ranked 16.6–18.8 %, as an ordinary SN should).
    const colour = [...loadSneLightcurves(), ...loadSneLightcurves(path.join(LIGHTCURVE_FIXTURES_DIR, "labelled"))]
      .map((l) => l.input)
      .filter(hasBothBands)
      .map((lc) => withImpossibleColour(lc, 4));
    expect(colour.length).toBeGreaterThanOrEqual(25);
    const percentiles = await oddityPercentiles(real, [...amplified, ...colour]);
    const amplifiedPercentiles = percentiles.slice(0, amplified.length);
    const colourPercentiles = percentiles.slice(amplified.length);
    console.log(
      `amplified ${amplifiedPercentiles.map((p) => p.toFixed(1)).join(" ")} %; colour ${colourPercentiles.map((p) => p.toFixed(1)).join(" ")} %`,
    );
    // 1.0.0 (178 columns, 4 of them colours): colour oddities only in the top 2.3–18.8 %. 1.1.0 (4
    // derived colours, half the trees on the 8 colour columns): see MEASURED in docs/anomaly.md.
    for (const p of amplifiedPercentiles) expect(p).toBeLessThanOrEqual(5);
    for (const p of colourPercentiles) expect(p).toBeLessThanOrEqual(5);
  });
});
