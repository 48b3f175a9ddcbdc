import { describe, expect, it } from "vitest";
import { axisFraction, formatTick, linearAxis, niceTicks, paddedRange } from "./plot-axes";

describe("plot axes for the static light curve", () => {
  it("pads the range of values and their errors by 5 % on each side", () => {
    expect(paddedRange([18, 20])).toEqual([17.9, 20.1]);
    const [min, max] = paddedRange([18, 20], [0.5, 0.5]);
    expect(min).toBeCloseTo(17.35, 10);
    expect(max).toBeCloseTo(20.65, 10);
    // One value sits mid-axis; nothing finite gives a unit range.
    expect(paddedRange([19])).toEqual([19 - 0.95, 19 + 0.95]);
    expect(paddedRange([0])).toEqual([-0.5, 0.5]);
    expect(paddedRange([Number.NaN])).toEqual([0, 1]);
  });

  it("puts ticks on 1, 2, 5 × 10^k steps inside the range", () => {
    expect(niceTicks(17.9, 20.1, 6)).toEqual([18, 18.5, 19, 19.5, 20]);
    expect(niceTicks(58400, 58700, 6)).toEqual([58400, 58450, 58500, 58550, 58600, 58650, 58700]);
    expect(niceTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(niceTicks(-120, 80, 4)).toEqual([-100, -50, 0, 50]);
    expect(niceTicks(1, 1)).toEqual([]);
  });

  it("maps values to fractions of the axis, magnitudes reversed", () => {
    const axis = linearAxis([18, 20]);
    expect(axisFraction(axis, 19)).toBeCloseTo(0.5, 10);
    expect(axisFraction(axis, 18, true)).toBeCloseTo(1 - 0.1 / 2.2, 10);
    expect(axis.ticks[0]).toBeGreaterThanOrEqual(axis.min);
    expect(axis.ticks.at(-1)).toBeLessThanOrEqual(axis.max);
  });

  it("formats ticks as the light-curve view asks (whole MJDs, fixed decimals, else short)", () => {
    expect(formatTick(58450.4, "d")).toBe("58450");
    expect(formatTick(0.5, ".2f")).toBe("0.50");
    expect(formatTick(18.500000000001, "")).toBe("18.5");
  });
});
