import { describe, expect, it } from "vitest";
import { computeLightcurveFeatures, LC_FEATURE_KEYS } from "./compute-lightcurve-features";
import { loadSneLightcurves, loadVariableLightcurves } from "./load-lightcurve-fixtures";
import { createRng } from "../math/random";
import type { FeatureDetection, LightcurveFeatureInput } from "./types";

describe("LC_FEATURE_KEYS", () => {
  it("lists 178 distinct (name, fid) pairs: 78 per band, 18 object-level, 4 g−r colours", () => {
    expect(LC_FEATURE_KEYS).toHaveLength(178);
    expect(new Set(LC_FEATURE_KEYS.map((k) => `${k.name}|${k.fid}`)).size).toBe(178);
    expect(LC_FEATURE_KEYS.filter((k) => k.fid === 1)).toHaveLength(78);
    expect(LC_FEATURE_KEYS.filter((k) => k.fid === 2)).toHaveLength(78);
    expect(LC_FEATURE_KEYS.filter((k) => k.fid === 0)).toHaveLength(18);
    expect(LC_FEATURE_KEYS.filter((k) => k.fid === 12).map((k) => k.name)).toEqual([
      "g-r_max",
      "g-r_max_corr",
      "g-r_mean",
      "g-r_mean_corr",
    ]);
    for (const name of ["Multiband_period", "PPE", "Power_rate_1/4", "gal_l", "sgscore1", "rb", "W1-W2", "r-W3"]) {
      expect(LC_FEATURE_KEYS).toContainEqual({ name, fid: 0 });
    }
  });
});

describe("computeLightcurveFeatures on real ALeRCE supernovae (fixtures/lightcurves)", () => {
  const sne = loadSneLightcurves();
  it("has the 5 fixture objects", () =>
    expect(sne.map((s) => s.input.oid).sort()).toEqual(["ZTF18acbwasc", "ZTF19aaknvuh", "ZTF19abcqgew", "ZTF20aafxahn", "ZTF20aasiasa"]));

  for (const { input, label } of sne) {
    it(`${input.oid} (${label}): the complete key list, finite or null values, sane detection features`, () => {
      const features = computeLightcurveFeatures(input);
      expect(features.map((f) => ({ name: f.name, fid: f.fid }))).toEqual(LC_FEATURE_KEYS);
      for (const f of features) if (f.value !== null) expect(Number.isFinite(f.value)).toBe(true);
      const get = (name: string, fid: number) => features.find((f) => f.name === name && f.fid === fid)?.value ?? null;
      // Kept = not dubious, one row per epoch (the source repeats some detections).
      const kept = (fid: number) => new Set(input.detections.filter((d) => d.fid === fid && !d.dubious).map((d) => d.mjd)).size;
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
      expect(get("rb", 0)).toBeGreaterThan(0);
      expect(get("rb", 0)).toBeLessThanOrEqual(1);
    });
  }

  it("SPM fits every band with ≥ 7 kept points with a finite χ²/dof, and the period search runs", () => {
    for (const { input } of sne) {
      const f = computeLightcurveFeatures(input);
      const get = (name: string, fid: number) => f.find((x) => x.name === name && x.fid === fid)?.value ?? null;
      for (const fid of [1, 2]) {
        const n = get("n_det", fid);
        if (n === null || n < 7) continue;
        expect(get("SPM_chi", fid), `${input.oid} fid ${fid}`).not.toBeNull();
        expect(get("SPM_A", fid)).toBeGreaterThan(0);
        expect(get("GP_DRW_tau", fid)).not.toBeNull();
        expect(get("IAR_phi", fid)).toBeGreaterThanOrEqual(0);
      }
      const period = get("Multiband_period", 0);
      if (period !== null) {
        expect(period).toBeGreaterThanOrEqual(0.05);
        expect(period).toBeLessThanOrEqual(500);
      }
    }
  });

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
    const firstR = Math.min(...input.detections.filter((d) => d.fid === 2 && !d.dubious).map((d) => d.mjd));
    const before = input.nonDetections.filter((n) => n.fid === 2 && n.mjd < firstR);
    expect(get("n_non_det_before_fid")).toBe(before.length);
    if (before.length > 0) {
      const last = before.reduce((a, b) => (b.mjd > a.mjd ? b : a));
      expect(get("last_mjd_before_fid")).toBeCloseTo(last.mjd, 9);
      expect(get("last_diffmaglim_before_fid")).toBeCloseTo(last.diffmaglim, 9);
    }
  });
});

describe("computeLightcurveFeatures on a simulated variable star (50 g + 50 r over 900 d)", () => {
  const rng = createRng(31);
  const P = 0.4321;
  const detections: FeatureDetection[] = [];
  for (const fid of [1, 2]) {
    for (let i = 0; i < 50; i++) {
      const mjd = 58_000 + rng.uniform(0, 900);
      const magpsf = 17 + (fid === 1 ? 0.5 : 0.35) * Math.sin((2 * Math.PI * mjd) / P) + rng.normal(0, 0.02);
      detections.push({
        mjd,
        fid,
        magpsf,
        sigmapsf: 0.02,
        magpsf_corr: magpsf - 0.1,
        sigmapsf_corr: 0.02,
        sigmapsf_corr_ext: 0.02,
        isdiffpos: 1,
        corrected: true,
        dubious: false,
        rb: 0.9,
      });
    }
  }
  const input: LightcurveFeatureInput = {
    oid: "SIM",
    detections,
    nonDetections: [],
    context: { raDeg: 83.63, decDeg: 22.01, sgscore1: 0.98, wise: { w1: 14, w2: 13.8, w3: null } },
  };
  const features = computeLightcurveFeatures(input);
  const get = (name: string, fid: number) => features.find((x) => x.name === name && x.fid === fid)?.value ?? null;

  it("every per-band feature except the non-detection statistics is computed", () => {
    const missing = features.filter((f) => f.value === null && f.fid !== 0 && f.fid !== 12).map((f) => `${f.name}_${f.fid}`);
    const allowed = /diffmaglim|last_mjd_before|dmag_/;
    expect(missing.filter((m) => !allowed.test(m))).toEqual([]);
  });

  it("finds the period, amplitudes and colours", () => {
    expect(Math.abs(get("Multiband_period", 0)! / P - 1)).toBeLessThan(1e-3);
    expect(get("Harmonics_mag_1", 1)).toBeCloseTo(0.5, 1);
    expect(get("Harmonics_mag_1", 2)).toBeCloseTo(0.35, 1);
    expect(get("delta_period", 1)).toBeLessThan(1e-3);
    // One-harmonic power at P/2 and 2P is small for a sinusoid (Power_rate_2 would be ≈ 1 with two harmonics).
    expect(get("Power_rate_1/2", 0)).toBeLessThan(0.2);
    expect(get("Power_rate_2", 0)).toBeLessThan(0.2);
    expect(get("g-r_mean", 12)).toBeCloseTo(0, 1);
    expect(get("W1-W2", 0)).toBeCloseTo(0.2, 12);
    expect(get("W2-W3", 0)).toBeNull();
    const rCorr = detections.filter((d) => d.fid === 2).map((d) => d.magpsf_corr!);
    expect(get("r-W2", 0)).toBeCloseTo(rCorr.reduce((a, b) => a + b, 0) / rCorr.length - 13.8, 10);
    expect(get("PPE", 0)).toBeGreaterThan(0);
  });

  it("the Crab's position gives gal_l ≈ 184.56°, gal_b ≈ −5.78°", () => {
    expect(get("gal_l", 0)).toBeCloseTo(184.56, 1);
    expect(get("gal_b", 0)).toBeCloseTo(-5.78, 1);
  });
});

describe("computeLightcurveFeatures on real ZTF variable stars (fixtures/lightcurves/variables_*)", () => {
  const stars = loadVariableLightcurves();
  it("g−r of the brightest points equals ALeRCE's object table exactly (difference and corrected magnitudes)", () => {
    expect(stars).toHaveLength(4);
    for (const { input, alerceColours } of stars) {
      const f = computeLightcurveFeatures(input);
      const get = (name: string) => f.find((x) => x.name === name && x.fid === 12)?.value ?? null;
      // ALeRCE's table stores float32: compare to 1e-6 mag.
      expect(Math.abs(get("g-r_max")! - alerceColours["g-r_max"]), input.oid).toBeLessThan(1e-6);
      expect(Math.abs(get("g-r_max_corr")! - alerceColours["g-r_max_corr"]), input.oid).toBeLessThan(1e-6);
      // Means differ a little (ALeRCE's table came from fewer detections): within 0.05 mag.
      expect(Math.abs(get("g-r_mean")! - alerceColours["g-r_mean"]), input.oid).toBeLessThan(0.05);
    }
  });

  it("repeated epochs count once; every feature finite or null; periods on corrected magnitudes agree between bands", () => {
    for (const { input } of stars) {
      const f = computeLightcurveFeatures(input);
      for (const x of f) if (x.value !== null) expect(Number.isFinite(x.value), `${input.oid} ${x.name}_${x.fid}`).toBe(true);
      // n_det counts difference-magnitude detections (one per epoch).
      const epochs = new Set(input.detections.filter((d) => d.fid === 2 && !d.dubious).map((d) => d.mjd)).size;
      expect(f.find((x) => x.name === "n_det" && x.fid === 2)?.value).toBe(epochs);
    }
    // ZTF17aaaemke and ZTF17aaaivsr are clearly periodic (0.272 d and 0.268 d on corrected magnitudes).
    // The first has the same period in g, r and g+r; the second (probably a contact binary) has it in r
    // and g+r, while g alone cannot tell its two minima apart and gives half.
    const periods = (oid: string) => {
      const f = computeLightcurveFeatures(stars.find((s) => s.input.oid === oid)!.input);
      const p = (name: string, fid: number) => f.find((x) => x.name === name && x.fid === fid)!.value!;
      return { multi: p("Multiband_period", 0), g: p("Period_band", 1), r: p("Period_band", 2) };
    };
    const a = periods("ZTF17aaaemke");
    expect(Math.abs(a.multi / 0.2719 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(a.g / a.multi - 1)).toBeLessThan(1e-3);
    expect(Math.abs(a.r / a.multi - 1)).toBeLessThan(1e-3);
    const b = periods("ZTF17aaaivsr");
    expect(Math.abs(b.multi / 0.2681 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(b.r / b.multi - 1)).toBeLessThan(1e-3);
    expect(Math.abs(b.g / (b.multi / 2) - 1)).toBeLessThan(1e-3);
  });
});
