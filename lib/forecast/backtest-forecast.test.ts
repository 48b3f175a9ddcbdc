import { describe, expect, it } from "vitest";
import { loadBtsLightcurves, runForecastBacktest } from "./backtest-forecast";

// Figures of `npm run eval:forecast` on the bundled 40 BTS SNe Ia (docs/forecast.md). The test fails
// when the median error at +10 d grows by more than 20 % over the reported figure.
const REPORTED_MAE_10D_MAG = 0.453;

describe("forecast backtest on the bundled BTS SNe Ia", () => {
  it("scores most objects, median errors grow with the horizon, +10 d error within 20 % of the reported figure, band covers ≥ 70 %", () => {
    const r = runForecastBacktest(loadBtsLightcurves());
    expect(r.objects).toBeGreaterThanOrEqual(20);
    expect(r.mae_5d_mag).not.toBeNull();
    expect(r.mae_5d_mag!).toBeLessThan(r.mae_10d_mag!);
    expect(r.mae_10d_mag!).toBeLessThan(r.mae_20d_mag!);
    expect(r.mae_10d_mag!).toBeLessThanOrEqual(REPORTED_MAE_10D_MAG * 1.2);
    expect(r.coverage!).toBeGreaterThanOrEqual(0.7);
  });
});
