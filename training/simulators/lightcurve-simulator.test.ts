import { describe, expect, it } from "vitest";
import { LC_CLASSES } from "../../lib/classifiers/lc/lc-taxonomy";
import { correctMagnitude } from "../../lib/pipeline/correction";
import { simulateLightcurve, simulateLightcurveDataset } from "./lightcurve-simulator";
import { drwSeries, spmFlux } from "./lightcurve-simulator-classes";
import { createRng } from "../../lib/math/random";

describe("light-curve simulator", () => {
  const data = simulateLightcurveDataset(3, 12);

  it("is deterministic for a seed", () => {
    const again = simulateLightcurveDataset(3, 12);
    expect(again.map((d) => d.input)).toEqual(data.map((d) => d.input));
    expect(simulateLightcurveDataset(4, 2)[0]!.input).not.toEqual(data[0]!.input);
  });

  it("gives every class objects with >= 5 detections in g or r and ZTF-like rows", () => {
    expect(new Set(data.map((d) => d.label))).toEqual(new Set(LC_CLASSES));
    for (const { input } of data) {
      const perBand = [1, 2].map((fid) => input.detections.filter((d) => d.fid === fid).length);
      expect(Math.max(...perBand)).toBeGreaterThanOrEqual(5);
      for (const d of input.detections) {
        expect([1, 2]).toContain(d.fid);
        // A 5σ detection: sigmapsf <= 1.0857 / 5.
        expect(d.sigmapsf).toBeGreaterThan(0);
        expect(d.sigmapsf).toBeLessThanOrEqual(0.2172);
        expect(d.magpsf).toBeGreaterThan(8);
        expect(d.magpsf).toBeLessThan(22.5);
        if (d.corrected && d.magpsf_corr !== null) expect(Number.isFinite(d.magpsf_corr)).toBe(true);
        if (!d.corrected) expect(d.magpsf_corr).toBeNull();
      }
      // Non-detections come from alerts' 30-day history: each is within 30 d before a detection.
      for (const nd of input.nonDetections) {
        expect(input.detections.some((d) => d.mjd > nd.mjd && d.mjd - nd.mjd <= 30)).toBe(true);
        expect(nd.diffmaglim).toBeGreaterThan(18.5);
        expect(nd.diffmaglim).toBeLessThan(21.6);
      }
    }
  });

  it("supernovae are positive differences; eclipsing binaries dim (negative) against their reference", () => {
    for (const d of data.filter((x) => x.label.startsWith("SN") || x.label === "SLSN")) {
      expect(d.input.detections.every((x) => x.isdiffpos === 1)).toBe(true);
    }
    const detached = data.filter((x) => x.label === "EBSD/D").flatMap((x) => x.input.detections);
    expect(detached.filter((x) => x.isdiffpos < 0).length / detached.length).toBeGreaterThan(0.65);
  });

  it("corrected magnitudes are the worker's correction of the difference magnitudes and follow the model's amplitude", () => {
    const rng = createRng(11);
    for (let k = 0; k < 10; k++) {
      const rr = simulateLightcurve(rng, "RRL", { minDetections: 40 });
      const r = rr.input.detections.filter((d) => d.fid === 2 && d.magpsf_corr !== null);
      const range = Math.max(...r.map((d) => d.magpsf_corr!)) - Math.min(...r.map((d) => d.magpsf_corr!));
      // Only epochs 5σ away from the reference are detected: often one side of the cycle only.
      expect(range).toBeGreaterThan(0.35 * Number(rr.truth.ampR));
      expect(range).toBeLessThan(Number(rr.truth.ampR) + 0.7); // + noise of the faintest detections
      const magnr = Number(rr.truth.magnr_r);
      for (const d of r.slice(0, 3)) {
        const again = correctMagnitude({ magnr, sigmagnr: null, magpsf: d.magpsf, sigmapsf: d.sigmapsf, isdiffpos: d.isdiffpos });
        expect(again.magpsf_corr).toBeCloseTo(d.magpsf_corr!, 10);
      }
    }
  });

  it("drwSeries has the stationary sd and the exponential autocorrelation of an Ornstein–Uhlenbeck process", () => {
    const times = Float64Array.from({ length: 20000 }, (_, i) => i * 10);
    const x = drwSeries(createRng(5), times, 0.2, 100);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
    expect(sd).toBeGreaterThan(0.18);
    expect(sd).toBeLessThan(0.22);
    let cov = 0;
    for (let i = 1; i < x.length; i++) cov += (x[i]! - mean) * (x[i - 1]! - mean);
    expect(cov / (x.length - 1) / sd ** 2).toBeCloseTo(Math.exp(-10 / 100), 1);
  });

  it("spmFlux rises, peaks near t0 + γ and declines with τ_fall", () => {
    const p = { t0: 0, tauRise: 3, gamma: 10, beta: 0.5, tauFall: 30 };
    expect(spmFlux(-30, p)).toBeLessThan(0.01);
    expect(spmFlux(5, p)).toBeGreaterThan(spmFlux(-5, p));
    expect(spmFlux(100, p) / spmFlux(70, p)).toBeCloseTo(Math.exp(-30 / 30), 2);
  });
});
