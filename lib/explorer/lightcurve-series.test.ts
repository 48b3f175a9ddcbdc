import { describe, expect, it } from "vitest";
import type { LightcurveDetection } from "../objects/get-object-lightcurve";
import { buildLightcurveView, magToMicroJansky, phaseOf } from "./lightcurve-series";

const det = (candid: string, mjd: number, fid: number, magpsf: number, corr: number | null, isdiffpos = 1): LightcurveDetection => ({
  candid,
  mjd,
  fid,
  magpsf,
  sigmapsf: 0.1,
  isdiffpos,
  hasStamp: true,
  magpsfCorr: corr,
  sigmapsfCorr: corr === null ? null : 0.05,
  dubious: false,
});
const detections = [det("1", 58000, 1, 18, 17.5), det("2", 58001.25, 2, 19, 18.2, -1), det("3", 58002.5, 1, 18.5, null)];
const limits = [{ mjd: 57999, fid: 1, diffmaglim: 20 }];

describe("buildLightcurveView", () => {
  it("diff mode: every detection once, limits as their own series, magnitudes reversed", () => {
    const view = buildLightcurveView(detections, limits, "diff");
    expect(view.yReversed).toBe(true);
    expect(
      view.series
        .filter((s) => s.kind === "detection")
        .flatMap((s) => s.candids)
        .sort(),
    ).toEqual(["1", "2", "3"]);
    expect(view.series.find((s) => s.kind === "limit")?.y).toEqual([20]);
  });
  it("apparent mode drops detections that are not corrected and says how many", () => {
    const view = buildLightcurveView(detections, limits, "apparent");
    expect(view.omitted).toBe(1);
    expect(view.series.flatMap((s) => s.y).sort()).toEqual([17.5, 18.2]);
    expect(view.series.some((s) => s.kind === "limit")).toBe(false);
  });
  it("folded mode puts phase in [0, 1) on x", () => {
    const view = buildLightcurveView(detections, limits, "folded", 1);
    expect(view.xTitle).toMatch(/^Phase/);
    const xs = view.series.flatMap((s) => s.x).sort();
    expect(xs).toEqual([0, 0.25, 0.5]);
    expect(phaseOf(57999.75, 1, 58000)).toBeCloseTo(0.75, 12);
  });
  it("flux mode: signed µJy, errors propagated", () => {
    const view = buildLightcurveView(detections, limits, "flux");
    const r = view.series.find((s) => s.fid === 2)!;
    expect(r.y[0]).toBeCloseTo(-magToMicroJansky(19), 9);
    expect(magToMicroJansky(23.9)).toBe(1);
    expect(r.error[0]).toBeCloseTo(magToMicroJansky(19) * 0.1 * (Math.LN10 / 2.5), 9);
    expect(view.yReversed).toBe(false);
  });
});
