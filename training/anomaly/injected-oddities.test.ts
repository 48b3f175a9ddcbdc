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

/** Rank percentile (100 × rank / total, 1 = highest score) of each oddity among real + oddities. */
async function oddityPercentiles(real: LightcurveFeatureInput[], oddities: LightcurveFeatureInput[]): Promise<number[]> {
  const detector = await loadAnomalyDetector();
  try {
    const all = [...real, ...oddities];
    const scores = await detector.score(all.map((lc) => computeLightcurveFeatures(lc)));
    const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s);
    return oddities.map((_, k) => (100 * (order.findIndex((o) => o.i === real.length + k) + 1)) / all.length);
  } finally {
    await detector.close();
  }
}

describe("anomaly score on real objects with injected oddities", () => {
  it("ranks periodic stars with 10× their amplitude in the top 5 %, impossible colours in the top 20 %", { timeout: 120_000 }, async () => {
    const real = [
      ...(await alertLightcurves("validation")),
      ...btsLightcurves("validation"),
      ...loadSneLightcurves(path.join(LIGHTCURVE_FIXTURES_DIR, "labelled")).map((l) => l.input),
      ...loadVariableLightcurves().map((v) => v.input),
    ];
    expect(real.length).toBeGreaterThan(500);
    const amplified = loadVariableLightcurves().map((v) => withAmplifiedVariation(v.input, 10));
    const colour = loadSneLightcurves().map((l) => withImpossibleColour(l.input, 4));
    const percentiles = await oddityPercentiles(real, [...amplified, ...colour]);
    const amplifiedPercentiles = percentiles.slice(0, amplified.length);
    const colourPercentiles = percentiles.slice(amplified.length);
    // Measured 2026-12-05: amplified 0.1–0.6 %; colour (g 4 mag fainter) 2.3, 5.2, 9.4, 11.3, 18.8 %
    // (docs/anomaly.md: few of the 178 features see colour, so random splits rarely isolate it).
    for (const p of amplifiedPercentiles) expect(p).toBeLessThanOrEqual(5);
    for (const p of colourPercentiles) expect(p).toBeLessThanOrEqual(20);
    expect(colourPercentiles.filter((p) => p <= 5).length).toBeGreaterThanOrEqual(1);
  });
});
