import { describe, expect, it } from "vitest";
import { hammerAitoff } from "./aitoff";

describe("hammerAitoff", () => {
  it("puts RA 180° at the centre, the poles at the top and bottom, RA 90° to the right", () => {
    expect(hammerAitoff(180, 0).x).toBeCloseTo(0, 12);
    expect(hammerAitoff(180, 0).y).toBeCloseTo(0, 12);
    expect(hammerAitoff(0, 90).y).toBeCloseTo(Math.SQRT2, 12);
    expect(hammerAitoff(0, -90).y).toBeCloseTo(-Math.SQRT2, 12);
    expect(hammerAitoff(90, 0).x).toBeGreaterThan(0);
    expect(hammerAitoff(270, 0).x).toBeLessThan(0);
    expect(Math.abs(hammerAitoff(0.0001, 0).x)).toBeCloseTo(2 * Math.SQRT2, 3);
  });
  it("stays inside the ellipse", () => {
    for (let ra = 0; ra < 360; ra += 7) {
      for (let dec = -90; dec <= 90; dec += 5) {
        const { x, y } = hammerAitoff(ra, dec);
        expect((x / (2 * Math.SQRT2)) ** 2 + (y / Math.SQRT2) ** 2).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
  });
});
