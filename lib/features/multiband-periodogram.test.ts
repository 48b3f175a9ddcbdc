import { describe, expect, it } from "vitest";
import { createRng } from "../math/random";
import { computeLightcurveFeatures } from "./compute-lightcurve-features";
import { loadSneLightcurves } from "./load-lightcurve-fixtures";
import { computeMultibandPeriodogram, computeObjectPeriodogram, type PeriodogramDetection } from "./multiband-periodogram";

describe("computeMultibandPeriodogram (Explorer)", () => {
  const rng = createRng(41);
  const P = 5.4321;
  const detections: PeriodogramDetection[] = [];
  for (const fid of [1, 2, 3]) {
    for (let i = 0; i < 40; i++) {
      const mjd = 58_000 + rng.uniform(0, 700);
      detections.push({ mjd, fid, mag: 18 + 0.3 * Math.sin((2 * Math.PI * mjd) / P) + rng.normal(0, 0.03), err: 0.03 });
    }
  }
  const pg = computeMultibandPeriodogram(detections)!;

  it("returns ≤ 5,000 ascending periods within 0.05–500 d with powers in [0, 1]", () => {
    expect(pg.periodsDays.length).toBeGreaterThan(1000);
    expect(pg.periodsDays.length).toBeLessThanOrEqual(5000);
    expect(pg.power).toHaveLength(pg.periodsDays.length);
    for (let i = 1; i < pg.periodsDays.length; i++) expect(pg.periodsDays[i]!).toBeGreaterThan(pg.periodsDays[i - 1]!);
    expect(pg.periodsDays[0]!).toBeGreaterThanOrEqual(0.05 * 0.999);
    expect(pg.periodsDays.at(-1)!).toBeLessThanOrEqual(500 * 1.001);
    for (const p of pg.power) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it("peaks at the period and reports it (ignoring the i band)", () => {
    expect(Math.abs(pg.bestPeriodDays / P - 1)).toBeLessThan(1e-3);
    const top = pg.power.indexOf(Math.max(...pg.power));
    expect(Math.abs(pg.periodsDays[top]! / P - 1)).toBeLessThan(0.01);
    expect(Math.abs(pg.bandPeriodsDays.g! / P - 1)).toBeLessThan(1e-3);
  });

  it("is null without 8 usable g or r detections", () => {
    expect(computeMultibandPeriodogram(detections.filter((d) => d.fid === 3))).toBeNull();
    expect(computeMultibandPeriodogram(detections.slice(0, 5))).toBeNull();
  });
});

describe("computeObjectPeriodogram (from detection rows)", () => {
  it("gives exactly the Multiband_period and Period_band features of computeLightcurveFeatures", () => {
    for (const { input } of loadSneLightcurves()) {
      const features = computeLightcurveFeatures(input);
      const get = (name: string, fid: number) => features.find((f) => f.name === name && f.fid === fid)?.value ?? null;
      const pg = computeObjectPeriodogram(input.detections);
      expect(pg?.bestPeriodDays ?? null, input.oid).toBe(get("Multiband_period", 0));
      if (pg) {
        expect(pg.bandPeriodsDays.g).toBe(get("Period_band", 1));
        expect(pg.bandPeriodsDays.r).toBe(get("Period_band", 2));
      }
    }
  });
});
