import { describe, expect, it } from "vitest";
import { createRng } from "../math/random";
import { computeMhpsFeatures } from "./mexican-hat-power-spectrum";

function curve(seed: number, periodDays: number, ampMag: number, noiseMag: number) {
  const rng = createRng(seed);
  const mjd = Array.from({ length: 300 }, (_, i) => 58_000 + i * 2 + rng.uniform(0, 1));
  const mag = mjd.map((t) => 18 + ampMag * Math.sin((2 * Math.PI * t) / periodDays) + rng.normal(0, noiseMag));
  return { mjd, mag, err: mag.map(() => Math.max(noiseMag, 0.005)) };
}

describe("computeMhpsFeatures", () => {
  it("slow variations (P = 400 d) put the power at the 100-day scale: ratio ≫ 1", () => {
    const { mjd, mag, err } = curve(1, 400, 0.3, 0.005);
    const f = computeMhpsFeatures(mjd, mag, err)!;
    expect(f.MHPS_ratio).toBeGreaterThan(10);
    expect(f.MHPS_low).toBeGreaterThan(0);
    expect(f.MHPS_PN_flag).toBe(0);
  });

  it("fast variations (P = 30 d) put it at the 10-day scale: ratio < 1", () => {
    const { mjd, mag, err } = curve(2, 30, 0.3, 0.005);
    const f = computeMhpsFeatures(mjd, mag, err)!;
    expect(f.MHPS_ratio).toBeLessThan(1);
    expect(f.MHPS_high).toBeGreaterThan(0);
  });

  it("noise well below the errors raises the Poisson-noise flag; dense sampling keeps every point", () => {
    const { mjd, mag } = curve(3, 30, 0, 0.01);
    const f = computeMhpsFeatures(
      mjd,
      mag,
      mag.map(() => 0.1),
    )!;
    expect(f.MHPS_PN_flag).toBe(1);
    expect(f.MHPS_non_zero).toBe(300);
  });

  it("an isolated point (no neighbours within 2/3 of the window) is left out", () => {
    const { mjd, mag, err } = curve(4, 30, 0.2, 0.01);
    const f = computeMhpsFeatures([...mjd, 70_000], [...mag, 18], [...err, 0.01])!;
    expect(f.MHPS_non_zero).toBe(300);
  });
});
