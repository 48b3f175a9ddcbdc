import { describe, expect, it } from "vitest";
import { createRng } from "../math/random";
import { computeLightcurveFeatures, LC_FEATURE_KEYS } from "./compute-lightcurve-features";
import type { FeatureDetection, LightcurveFeatureInput } from "./types";

function det(mjd: number, fid: number, magpsf: number, extra: Partial<FeatureDetection> = {}): FeatureDetection {
  return {
    mjd,
    fid,
    magpsf,
    sigmapsf: 0.05,
    magpsf_corr: null,
    sigmapsf_corr: null,
    sigmapsf_corr_ext: null,
    isdiffpos: 1,
    corrected: false,
    dubious: false,
    rb: null,
    ...extra,
  };
}

function input(detections: FeatureDetection[]): LightcurveFeatureInput {
  return {
    oid: "EDGE",
    detections,
    nonDetections: [{ mjd: 58_990, fid: 1, diffmaglim: 20 }],
    context: { raDeg: 0, decDeg: 0, sgscore1: -999, wise: null },
  };
}

function check(detections: FeatureDetection[]) {
  const f = computeLightcurveFeatures(input(detections));
  expect(f.map((x) => ({ name: x.name, fid: x.fid }))).toEqual(LC_FEATURE_KEYS);
  for (const x of f) if (x.value !== null) expect(Number.isFinite(x.value), `${x.name}_${x.fid}`).toBe(true);
  return f;
}

describe("computeLightcurveFeatures on degenerate light curves: never throws, never NaN", () => {
  it("no detection at all: only the context features", () => {
    const f = check([]);
    expect(
      f
        .filter((x) => x.value !== null)
        .map((x) => x.name)
        .sort(),
    ).toEqual(["gal_b", "gal_l"]);
    expect(f.find((x) => x.name === "sgscore1")?.value).toBeNull(); // −999 = no PS1 source
  });
  it("one detection; two at the same epoch; i band only", () => {
    check([det(59_000, 1, 18)]);
    check([det(59_000, 1, 18), det(59_000, 1, 18.5)]);
    check([det(59_000, 3, 18), det(59_001, 3, 18.2)]);
  });
  it("constant magnitudes, all points at one time, all negative differences", () => {
    check(Array.from({ length: 20 }, (_, i) => det(59_000 + i, 1 + (i % 2), 18)));
    check(Array.from({ length: 20 }, (_, i) => det(59_000, 1 + (i % 2), 18 + i * 0.01)));
    check(Array.from({ length: 20 }, (_, i) => det(59_000 + i * 3, 2, 18 + Math.sin(i), { isdiffpos: -1 })));
  });
  it("bad rows are dropped (NaN, zero/huge errors, dubious); a repeated epoch keeps its best-rb row", () => {
    const f = check([
      det(59_000, 1, NaN),
      det(59_001, 1, 18, { sigmapsf: 0 }),
      det(59_002, 1, 18, { sigmapsf: 3 }),
      det(59_003, 1, 18, { dubious: true }),
      det(59_005, 1, 18, { rb: 0.1 }),
      det(59_005, 1, 18.3, { rb: 0.9 }),
      det(59_005, 1, 18.6, { rb: null }),
    ]);
    expect(f.find((x) => x.name === "n_det" && x.fid === 1)?.value).toBe(1);
    expect(f.find((x) => x.name === "first_mag" && x.fid === 1)?.value).toBe(18.3);
  });
  it("200 random light curves with random sizes, spans, gaps and outliers", () => {
    const rng = createRng(77);
    for (let k = 0; k < 200; k++) {
      const n = rng.int(0, 40);
      const span = rng.logUniform(0.01, 3000);
      const detections = Array.from({ length: n }, () =>
        det(59_000 + rng.uniform(0, span), rng.int(1, 2), 15 + rng.uniform(0, 6) + (rng.bernoulli(0.1) ? rng.uniform(-5, 5) : 0), {
          sigmapsf: rng.uniform(0.001, 0.5),
          isdiffpos: rng.bernoulli(0.8) ? 1 : -1,
          magpsf_corr: rng.bernoulli(0.5) ? 17 : null,
          sigmapsf_corr_ext: 0.05,
          corrected: rng.bernoulli(0.5),
          rb: rng.bernoulli(0.5) ? rng.next() : null,
        }),
      );
      check(detections);
    }
  });
});
