import { describe, expect, it } from "vitest";
import {
  angularSeparationDeg,
  eclipticToEquatorial,
  equatorialToEcliptic,
  equatorialToGalactic,
  galacticToEquatorial,
} from "./sky-coordinates";
import { Rng } from "../math/random";

describe("equatorialToGalactic", () => {
  it("puts the Galactic centre at l = 0, b = 0", () => {
    // Galactic centre (IAU 1958 l = b = 0) in J2000: 17h45m37.224s −28°56′10.23″.
    const { l, b } = equatorialToGalactic(266.4051, -28.936175);
    expect(Math.min(l, 360 - l)).toBeLessThan(1e-3);
    expect(Math.abs(b)).toBeLessThan(1e-3);
  });

  it("puts the north galactic pole at b = +90", () => {
    expect(equatorialToGalactic(192.85948, 27.12825).b).toBeCloseTo(90, 3);
  });

  it("matches a known object (Crab nebula l = 184.5575, b = −5.7843)", () => {
    const { l, b } = equatorialToGalactic(83.63308, 22.0145);
    expect(l).toBeCloseTo(184.5575, 2);
    expect(b).toBeCloseTo(-5.7843, 2);
  });

  it("round-trips through galacticToEquatorial", () => {
    const rng = new Rng(3);
    for (let i = 0; i < 100; i++) {
      const ra = rng.uniform(0, 360);
      const dec = rng.uniform(-89, 89);
      const { l, b } = equatorialToGalactic(ra, dec);
      const back = galacticToEquatorial(l, b);
      expect(angularSeparationDeg(ra, dec, back.ra, back.dec)).toBeLessThan(1e-9);
    }
  });

  it("rejects invalid input", () => {
    expect(() => equatorialToGalactic(Number.NaN, 0)).toThrow(RangeError);
    expect(() => equatorialToGalactic(0, 91)).toThrow(RangeError);
  });
});

describe("equatorialToEcliptic", () => {
  it("puts the equinox at λ = β = 0 and the north celestial pole at β = 90 − ε", () => {
    const eq = equatorialToEcliptic(0, 0);
    expect(eq.beta).toBeCloseTo(0, 10);
    expect(eq.lambda).toBeCloseTo(0, 10);
    expect(equatorialToEcliptic(0, 90).beta).toBeCloseTo(90 - 23.4392911, 6);
  });

  it("puts the north ecliptic pole at (ra, dec) = (270, 66.5607)", () => {
    expect(equatorialToEcliptic(270, 90 - 23.4392911).beta).toBeCloseTo(90, 6);
  });

  it("matches the summer solstice point (ra 90, dec +ε) at λ = 90, β = 0", () => {
    const { lambda, beta } = equatorialToEcliptic(90, 23.4392911);
    expect(lambda).toBeCloseTo(90, 6);
    expect(beta).toBeCloseTo(0, 6);
  });

  it("round-trips through eclipticToEquatorial", () => {
    const rng = new Rng(4);
    for (let i = 0; i < 100; i++) {
      const ra = rng.uniform(0, 360);
      const dec = rng.uniform(-89, 89);
      const { lambda, beta } = equatorialToEcliptic(ra, dec);
      const back = eclipticToEquatorial(lambda, beta);
      expect(angularSeparationDeg(ra, dec, back.ra, back.dec)).toBeLessThan(1e-9);
    }
  });
});
