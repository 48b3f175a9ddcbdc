import { describe, expect, it } from "vitest";
import { lcClassesOfSimbadType, lcClassOfGcvsType, lcClassOfTnsType } from "./real-lightcurve-set";
import { truncateAtRandomEpoch, eligibleLightcurve, alertFileView } from "./lc-training-mix";
import { createRng } from "../../lib/math/random";
import type { LightcurveFeatureInput } from "../../lib/features/types";

describe("labels of real light curves", () => {
  it("maps GCVS variability types (uncertainty marks dropped) to seed classes", () => {
    expect(lcClassOfGcvsType("RRAB")).toBe("RRL");
    expect(lcClassOfGcvsType("EW:")).toBe("EBC");
    expect(lcClassOfGcvsType("EA/DM")).toBe("EBSD/D");
    expect(lcClassOfGcvsType("M")).toBe("LPV");
    expect(lcClassOfGcvsType("SRB")).toBe("LPV");
    expect(lcClassOfGcvsType("DCEP")).toBe("Ceph");
    expect(lcClassOfGcvsType("UGSU")).toBe("CV/Nova");
    expect(lcClassOfGcvsType("INSA")).toBeNull();
  });
  it("maps SIMBAD and TNS types; EclBin is ambiguous", () => {
    expect(lcClassesOfSimbadType("QSO")).toEqual(["AGN-I"]);
    expect(lcClassesOfSimbadType("BLLac")).toEqual(["Blazar"]);
    expect(lcClassesOfSimbadType("EclBin")).toEqual(["EBSD/D", "EBC"]);
    expect(lcClassesOfSimbadType("Galaxy")).toBeNull();
    expect(lcClassOfTnsType("SN Ia-91T")).toBe("SNIa");
    expect(lcClassOfTnsType("SN IIn")).toBe("SNIIn");
    expect(lcClassOfTnsType("SN IIP")).toBe("SNII");
    expect(lcClassOfTnsType("SN Ic-BL")).toBe("SNIbc");
    expect(lcClassOfTnsType("TDE")).toBeNull();
  });
});

describe("real-data views of a light curve", () => {
  const lc: LightcurveFeatureInput = {
    oid: "x",
    detections: Array.from({ length: 30 }, (_, i) => ({
      mjd: 59000 + i,
      fid: (i % 2) + 1,
      magpsf: 18,
      sigmapsf: 0.05,
      magpsf_corr: 17.5,
      sigmapsf_corr: 0.05,
      sigmapsf_corr_ext: 0.05,
      isdiffpos: 1,
      corrected: true,
      dubious: false,
      rb: 0.9,
    })),
    nonDetections: Array.from({ length: 40 }, (_, i) => ({ mjd: 58990 + i, fid: 1, diffmaglim: 20 })),
    context: { raDeg: 10, decDeg: 20, sgscore1: 0.1, wise: null },
  };
  it("a random truncation keeps a prefix that is still eligible, and only earlier non-detections", () => {
    const rng = createRng(3);
    for (let k = 0; k < 50; k++) {
      const t = truncateAtRandomEpoch(lc, rng);
      expect(eligibleLightcurve(t)).toBe(true);
      expect(t.detections).toEqual(lc.detections.slice(0, t.detections.length));
      const last = t.detections.at(-1)!.mjd;
      expect(t.nonDetections.every((n) => n.mjd < last)).toBe(true);
    }
  });
  it("the alert-file view drops what a CSV does not carry", () => {
    const v = alertFileView(lc);
    expect(v.nonDetections).toEqual([]);
    expect(v.context.sgscore1).toBeNull();
    expect(Number.isNaN(v.context.raDeg)).toBe(true);
    expect(v.detections.every((d) => d.rb === null && d.magpsf_corr === null && !d.corrected)).toBe(true);
  });
});
