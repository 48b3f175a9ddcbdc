import { describe, expect, it } from "vitest";
import { angularSeparationDeg } from "../coords/sky-coordinates";
import { createRng } from "../math/random";
import { angularDistanceDeg, coneBounds, raHalfWidthDeg } from "./cone-search";

const inBounds = (ra: number, dec: number, b: ReturnType<typeof coneBounds>) =>
  dec >= b.decMinDeg && dec <= b.decMaxDeg && b.raRanges.some((r) => ra >= r.minDeg && ra <= r.maxDeg);

describe("cone search bounds", () => {
  it("contain every point of the cone: random cones including RA wrap and the poles", () => {
    const gen = createRng(42);
    const rng = () => gen.next();
    for (let trial = 0; trial < 400; trial++) {
      const cone = { raDeg: rng() * 360, decDeg: -90 + rng() * 180, radiusArcsec: [1, 30, 600, 7200, 36000][trial % 5]! };
      if (trial % 7 === 0) cone.raDeg = trial % 2 ? 0.0001 : 359.9999;
      if (trial % 11 === 0) cone.decDeg = trial % 2 ? 89.999 : -89.5;
      const bounds = coneBounds(cone);
      const r = cone.radiusArcsec / 3600;
      for (let i = 0; i < 200; i++) {
        // points on and just inside the circle
        const bearing = rng() * 2 * Math.PI;
        const dist = r * (0.999 + 0.001 * rng()) * (i % 2 ? 1 : rng());
        const dec1 = (cone.decDeg * Math.PI) / 180;
        const d = (dist * Math.PI) / 180;
        const dec2 = Math.asin(Math.sin(dec1) * Math.cos(d) + Math.cos(dec1) * Math.sin(d) * Math.cos(bearing));
        const ra2 =
          (cone.raDeg * Math.PI) / 180 +
          Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(dec1), Math.cos(d) - Math.sin(dec1) * Math.sin(dec2));
        const raDeg = ((((ra2 * 180) / Math.PI) % 360) + 360) % 360;
        const decDeg = (dec2 * 180) / Math.PI;
        expect(inBounds(raDeg, decDeg, bounds), JSON.stringify({ cone, raDeg, decDeg })).toBe(true);
      }
    }
  });

  it("splits the RA window across 0/360 and opens it fully around a pole", () => {
    expect(coneBounds({ raDeg: 0.001, decDeg: 10, radiusArcsec: 30 }).raRanges).toHaveLength(2);
    expect(coneBounds({ raDeg: 359.999, decDeg: 10, radiusArcsec: 30 }).raRanges).toHaveLength(2);
    expect(coneBounds({ raDeg: 180, decDeg: 10, radiusArcsec: 30 }).raRanges).toHaveLength(1);
    expect(coneBounds({ raDeg: 180, decDeg: 89.999, radiusArcsec: 30 }).raRanges).toEqual([{ minDeg: 0, maxDeg: 360 }]);
    expect(raHalfWidthDeg(-89.99, 0.1)).toBeNull();
    expect(raHalfWidthDeg(0, 1)).toBeCloseTo(1, 9);
    expect(raHalfWidthDeg(60, 1)).toBeCloseTo(2.0003, 3);
  });

  it("measures distances like the project's coordinate module", () => {
    const gen = createRng(7);
    const rng = () => gen.next();
    for (let i = 0; i < 100; i++) {
      const [a, b, c, d] = [rng() * 360, -90 + rng() * 180, rng() * 360, -90 + rng() * 180];
      expect(angularDistanceDeg(a, b, c, d)).toBeCloseTo(angularSeparationDeg(a, b, c, d), 9);
    }
  });
});
