import { describe, expect, it } from "vitest";
import { loadSneLightcurves } from "../features/load-lightcurve-fixtures";
import { nextPeriodicExtrema } from "./periodic-extrema";

// Real ZTF cadence (detection times of a fixture object) carrying a known sawtooth-like pulsation, so
// the expected extrema are exact.
const times = loadSneLightcurves()
  .flatMap((l) => l.input.detections)
  .map((d) => ({ mjd: d.mjd, band: d.fid }));
const PERIOD = 0.5713;
const EPOCH = 58_000.1234;
const magAt = (mjd: number) => {
  const phi = 2 * Math.PI * ((mjd - EPOCH) / PERIOD);
  return 16 + 0.4 * Math.cos(phi) + 0.1 * Math.cos(2 * phi);
};

describe("nextPeriodicExtrema", () => {
  it("finds the next maximum (phase 0.5) and minimum (phase 0) of a pulsation sampled at real ZTF times", () => {
    const observations = times.map((t) => ({ ...t, mag: magAt(t.mjd) }));
    const after = 59_500.3;
    const e = nextPeriodicExtrema(observations, PERIOD, after)!;
    expect(e).not.toBeNull();
    // magAt is largest (faintest) at phase 0 and smallest (brightest) at phase 0.5.
    const phaseOf = (mjd: number) => ((((mjd - EPOCH) / PERIOD) % 1) + 1) % 1;
    expect(Math.min(phaseOf(e.nextMinimumMjd), 1 - phaseOf(e.nextMinimumMjd))).toBeLessThan(0.002);
    expect(Math.abs(phaseOf(e.nextMaximumMjd) - 0.5)).toBeLessThan(0.002);
    for (const t of [e.nextMaximumMjd, e.nextMinimumMjd]) {
      expect(t).toBeGreaterThan(after);
      expect(t - after).toBeLessThanOrEqual(PERIOD);
    }
    expect(e.minimumMag).toBeCloseTo(16.5, 3);
    expect(e.maximumMag).toBeCloseTo(magAt(EPOCH + PERIOD / 2), 3);
  });

  it("returns null without a usable period or enough points", () => {
    expect(nextPeriodicExtrema([{ mjd: 1, mag: 1, band: 1 }], 0.5, 2)).toBeNull();
    expect(
      nextPeriodicExtrema(
        times.map((t) => ({ ...t, mag: 1 })),
        0,
        2,
      ),
    ).toBeNull();
  });
});
