import { describe, expect, it } from "vitest";
import { computeLightcurveFeatures, LC_FEATURE_KEYS } from "./compute-lightcurve-features";
import { loadSneLightcurves } from "./load-lightcurve-fixtures";

describe("LC_FEATURE_KEYS", () => {
  it("lists 178 distinct (name, fid) pairs: 78 per band, 18 object-level, 4 g−r colours", () => {
    expect(LC_FEATURE_KEYS).toHaveLength(178);
    expect(new Set(LC_FEATURE_KEYS.map((k) => `${k.name}|${k.fid}`)).size).toBe(178);
    expect(LC_FEATURE_KEYS.filter((k) => k.fid === 1)).toHaveLength(78);
    expect(LC_FEATURE_KEYS.filter((k) => k.fid === 2)).toHaveLength(78);
    expect(LC_FEATURE_KEYS.filter((k) => k.fid === 0)).toHaveLength(18);
    expect(LC_FEATURE_KEYS.filter((k) => k.fid === 12).map((k) => k.name)).toEqual(["g-r_max", "g-r_max_corr", "g-r_mean", "g-r_mean_corr"]);
    for (const name of ["Multiband_period", "PPE", "Power_rate_1/4", "gal_l", "sgscore1", "rb", "W1-W2", "r-W3"]) {
      expect(LC_FEATURE_KEYS).toContainEqual({ name, fid: 0 });
    }
  });
});

describe("computeLightcurveFeatures on real ALeRCE supernovae (fixtures/lightcurves)", () => {
  const sne = loadSneLightcurves();
  it("has the 5 fixture objects", () => expect(sne.map((s) => s.input.oid).sort()).toEqual(["ZTF18acbwasc", "ZTF19aaknvuh", "ZTF19abcqgew", "ZTF20aafxahn", "ZTF20aasiasa"]));

  for (const { input, label } of sne) {
    it(`${input.oid} (${label}): the complete key list, finite or null values, sane detection features`, () => {
      const features = computeLightcurveFeatures(input);
      expect(features.map((f) => ({ name: f.name, fid: f.fid }))).toEqual(LC_FEATURE_KEYS);
      for (const f of features) if (f.value !== null) expect(Number.isFinite(f.value)).toBe(true);
      const get = (name: string, fid: number) => features.find((f) => f.name === name && f.fid === fid)?.value ?? null;
      // Kept = not dubious, not bogus, one row per epoch (the source repeats some detections).
      const kept = (fid: number) => new Set(input.detections.filter((d) => d.fid === fid && !d.dubious && !(d.rb !== null && d.rb < 0.55)).map((d) => d.mjd)).size;
      for (const fid of [1, 2]) {
        if (kept(fid) === 0) {
          expect(get("n_det", fid)).toBeNull();
          continue;
        }
        expect(get("n_det", fid)).toBe(kept(fid));
        expect(get("n_pos", fid)! + get("n_neg", fid)!).toBe(get("n_det", fid));
        expect(get("min_mag", fid)).toBeLessThanOrEqual(get("mean_mag", fid)!);
        expect(get("delta_mjd_fid", fid)).toBeGreaterThanOrEqual(0);
      }
      expect(get("gal_b", 0)).toBeGreaterThanOrEqual(-90);
      expect(get("rb", 0)).toBeGreaterThanOrEqual(0.55);
    });
  }

  it("ZTF19abcqgew has no g detection: g and g−r features are null, r ones are not", () => {
    const input = sne.find((s) => s.input.oid === "ZTF19abcqgew")!.input;
    const f = computeLightcurveFeatures(input);
    expect(f.filter((x) => x.fid === 1).every((x) => x.value === null)).toBe(true);
    expect(f.find((x) => x.name === "g-r_mean")?.value).toBeNull();
    expect(f.find((x) => x.name === "Mean" && x.fid === 2)?.value).not.toBeNull();
  });

  it("non-detection features: limits before the first r detection of ZTF20aafxahn", () => {
    const input = sne.find((s) => s.input.oid === "ZTF20aafxahn")!.input;
    const f = computeLightcurveFeatures(input);
    const get = (name: string) => f.find((x) => x.name === name && x.fid === 2)?.value ?? null;
    const firstR = Math.min(...input.detections.filter((d) => d.fid === 2 && !d.dubious && !(d.rb !== null && d.rb < 0.55)).map((d) => d.mjd));
    const before = input.nonDetections.filter((n) => n.fid === 2 && n.mjd < firstR);
    expect(get("n_non_det_before_fid")).toBe(before.length);
    if (before.length > 0) {
      const last = before.reduce((a, b) => (b.mjd > a.mjd ? b : a));
      expect(get("last_mjd_before_fid")).toBeCloseTo(last.mjd, 9);
      expect(get("last_diffmaglim_before_fid")).toBeCloseTo(last.diffmaglim, 9);
    }
  });
});
