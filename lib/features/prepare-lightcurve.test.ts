import { describe, expect, it } from "vitest";
import { prepareLightcurve } from "./prepare-lightcurve";
import type { FeatureDetection } from "./types";

function det(mjd: number, fid: number, magpsf: number, corr: number | null, extra: Partial<FeatureDetection> = {}): FeatureDetection {
  return {
    mjd,
    fid,
    magpsf,
    sigmapsf: 0.05,
    magpsf_corr: corr,
    sigmapsf_corr: corr === null ? null : 0.02,
    sigmapsf_corr_ext: corr === null ? null : 0.03,
    isdiffpos: 1,
    corrected: corr !== null,
    dubious: false,
    rb: 0.8,
    ...extra,
  };
}

describe("prepareLightcurve", () => {
  it("a corrected object (first detection corrected) uses corrected magnitudes for its time series", () => {
    const bands = prepareLightcurve([
      det(10, 2, 19, 16.1),
      det(11, 2, 19.5, 16.2),
      det(12, 2, 18, null, { corrected: false }),
      det(13, 1, 19.2, 16.5),
      det(14, 1, 19.1, 16.4, { sigmapsf_corr_ext: 1.5 }),
    ]);
    const r = bands.get(2)!;
    expect(r.tsCorrected).toBe(true);
    expect(Array.from(r.tsMag)).toEqual([16.1, 16.2]);
    expect(Array.from(r.tsErr)).toEqual([0.03, 0.03]);
    expect(Array.from(r.mag)).toEqual([19, 19.5, 18]);
    // Corrected error ≥ 1 mag is dropped from the time series (ALeRCE's noise cut), kept for colours.
    expect(Array.from(bands.get(1)!.tsMag)).toEqual([16.5]);
    expect(Array.from(bands.get(1)!.corrMag)).toEqual([16.5, 16.4]);
  });

  it("an uncorrected object (a supernova far from any reference source) uses the difference magnitudes", () => {
    const bands = prepareLightcurve([det(10, 1, 19, null), det(11, 1, 18.5, 16.0), det(12, 2, 18.7, null)]);
    const g = bands.get(1)!;
    expect(g.tsCorrected).toBe(false);
    expect(Array.from(g.tsMag)).toEqual([19, 18.5]);
  });

  it("keeps g and r only, sorts by time, drops dubious and out-of-range errors, one row per epoch (best rb)", () => {
    const bands = prepareLightcurve([
      det(12, 1, 18, null),
      det(10, 1, 17, null, { rb: 0.3 }),
      det(10, 1, 17.5, null, { rb: 0.9 }),
      det(11, 1, 16, null, { dubious: true }),
      det(13, 1, 16, null, { sigmapsf: 1 }),
      det(14, 3, 16, null),
    ]);
    expect(Array.from(bands.get(1)!.mjd)).toEqual([10, 12]);
    expect(Array.from(bands.get(1)!.mag)).toEqual([17.5, 18]);
    expect(bands.get(2)!.mag.length).toBe(0);
    expect([...bands.keys()]).toEqual([1, 2]);
  });
});
