import { describe, expect, it } from "vitest";
import { magnitudeToSpmFlux } from "../features/fit-supernova-model";
import { loadSneLightcurves } from "../features/load-lightcurve-fixtures";
import { loadBtsLightcurves } from "./backtest-forecast";
import { forecastSupernovaBand, spmFluxToMagnitude } from "./forecast-supernova";

describe("spmFluxToMagnitude", () => {
  it("inverts magnitudeToSpmFlux", () => {
    for (const m of [14, 18.3, 21.7]) expect(spmFluxToMagnitude(magnitudeToSpmFlux(m))).toBeCloseTo(m, 12);
  });
});

describe("forecastSupernovaBand on real light curves", () => {
  it("a real ZTF SN Ia (fixtures/lightcurves, r band): 30 days of forecast, band around the curve, peak already past", () => {
    const sn = loadSneLightcurves().find((l) => l.label === "SNIa")!;
    const r = sn.input.detections.filter((d) => d.fid === 2).sort((a, b) => a.mjd - b.mjd);
    const forecast = forecastSupernovaBand(
      r.map((d) => d.mjd),
      r.map((d) => d.magpsf),
      r.map((d) => d.sigmapsf),
    )!;
    expect(forecast).not.toBeNull();
    expect(forecast.points[0]!.mjd).toBeCloseTo(forecast.lastObservedMjd, 9);
    expect(forecast.points.length).toBeGreaterThan(1);
    expect(forecast.points.at(-1)!.mjd - forecast.lastObservedMjd).toBeLessThanOrEqual(30);
    for (const p of forecast.points) {
      expect(p.magBright).toBeLessThanOrEqual(p.mag);
      if (p.magFaint !== null) expect(p.magFaint).toBeGreaterThanOrEqual(p.mag);
    }
    // The light curve's brightest detection is well before its last one: the model's peak is past,
    // and its magnitude is within 0.5 mag of the brightest detection.
    const brightest = Math.min(...r.map((d) => d.magpsf));
    expect(forecast.peak.isPast).toBe(true);
    expect(Math.abs(forecast.peak.mag - brightest)).toBeLessThan(0.5);
  });

  it("a real BTS SN Ia (ZTF20aahdwze, g) cut 5 days before its observed peak: the expected peak is ahead, within 3 d and 0.15 mag of the observed one", () => {
    const { observations } = loadBtsLightcurves().find((l) => l.oid === "ZTF20aahdwze")!;
    const g = observations.filter((o) => o.band === "g");
    let peak = 0;
    for (let i = 1; i < g.length; i++) if (g[i]!.mag < g[peak]!.mag) peak = i;
    expect(peak).toBeGreaterThanOrEqual(7);
    const rise = g.slice(0, peak - 2);
    const forecast = forecastSupernovaBand(
      rise.map((o) => o.time),
      rise.map((o) => o.mag),
      rise.map((o) => o.magerr),
    )!;
    expect(forecast).not.toBeNull();
    expect(forecast.peak.isPast).toBe(false);
    expect(forecast.peak.mjd).toBeGreaterThan(forecast.lastObservedMjd);
    expect(Math.abs(forecast.peak.mjd - g[peak]!.time)).toBeLessThan(3);
    expect(Math.abs(forecast.peak.mag - g[peak]!.mag)).toBeLessThan(0.15);
  });

  it("returns null for fewer than 3 points", () => {
    expect(forecastSupernovaBand([59000, 59001], [19, 18.8], [0.1, 0.1])).toBeNull();
  });
});
