import { describe, expect, it } from "vitest";
import type { LightcurveDetection } from "../objects/get-object-lightcurve";
import { buildLightcurveView, longestFoldPeriodDays, magToMicroJansky, mjdTickFormat, phaseOf } from "./lightcurve-series";

const det = (
  candid: string,
  mjd: number,
  fid: number,
  magpsf: number,
  corr: number | null,
  isdiffpos = 1,
  errors: { corr?: number | null; ext?: number | null } = {},
): LightcurveDetection => ({
  candid,
  mjd,
  fid,
  magpsf,
  sigmapsf: 0.1,
  isdiffpos,
  hasStamp: true,
  magpsfCorr: corr,
  sigmapsfCorr: errors.corr !== undefined ? errors.corr : corr === null ? null : 0.05,
  sigmapsfCorrExt: errors.ext ?? null,
  corrected: corr !== null,
  dubious: false,
  rb: 0.9,
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
    expect(view.emptyReason).toBeNull();
  });
  it("apparent mode plots a corrected magnitude whose error is only in sigmapsf_corr_ext (as ALeRCE does)", () => {
    const stellar = [
      det("1", 58000, 1, 18, 17.5, -1, { corr: null, ext: 0.07 }),
      det("2", 58001, 1, 18, 17.6, 1, { corr: null, ext: null }),
    ];
    const view = buildLightcurveView(stellar, [], "apparent");
    expect(view.omitted).toBe(0);
    expect(view.series[0]!.y).toEqual([17.5, 17.6]);
    expect(view.series[0]!.error).toEqual([0.07, 0]);
  });
  it("apparent mode without any corrected magnitude says so instead of drawing empty axes", () => {
    const view = buildLightcurveView([det("1", 58000, 1, 18, null)], [], "apparent");
    expect(view.series).toEqual([]);
    expect(view.emptyReason).toMatch(/^No corrected magnitudes/);
  });
  it("folded mode: phase in [0, 1) and the same points one cycle later; signed flux unless the object is corrected", () => {
    const view = buildLightcurveView(detections, limits, "folded", { periodDays: 1 });
    expect(view.xTitle).toMatch(/^Phase/);
    expect(view.xRange).toEqual([0, 2]);
    const first = view.series.filter((s) => s.kind === "detection");
    expect(first.flatMap((s) => s.x).sort()).toEqual([0, 0.25, 0.5]);
    expect(
      view.series
        .filter((s) => s.kind === "cycle2")
        .flatMap((s) => s.x)
        .sort(),
    ).toEqual([1, 1.25, 1.5]);
    expect(view.yTitle).toBe("Difference flux (µJy)");
    expect(view.series.find((s) => s.fid === 2 && s.kind === "detection")!.y[0]).toBeLessThan(0);
    expect(phaseOf(57999.75, 1, 58000)).toBeCloseTo(0.75, 12);

    const corrected = buildLightcurveView(detections, limits, "folded", { periodDays: 1, corrected: true });
    expect(corrected.yTitle).toBe("Apparent magnitude (corrected)");
    expect(corrected.yReversed).toBe(true);
    expect(corrected.omitted).toBe(1);
  });
  it("flux mode: signed µJy, errors propagated", () => {
    const view = buildLightcurveView(detections, limits, "flux");
    const r = view.series.find((s) => s.fid === 2)!;
    expect(r.y[0]).toBeCloseTo(-magToMicroJansky(19), 9);
    expect(magToMicroJansky(23.9)).toBe(1);
    expect(r.error[0]).toBeCloseTo(magToMicroJansky(19) * 0.1 * (Math.LN10 / 2.5), 9);
    expect(view.yReversed).toBe(false);
  });
  it("MJD ticks get decimals when the points span under two days, so labels do not repeat", () => {
    expect(buildLightcurveView(detections, limits, "diff").xTickFormat).toBe("d");
    const night = [det("1", 58451.75, 1, 18, null), det("2", 58451.79, 1, 18.1, null)];
    expect(buildLightcurveView(night, [], "diff").xTickFormat).toBe(".3f");
    expect(buildLightcurveView([det("1", 58000, 1, 18, null), det("2", 58000.5, 2, 18, null)], [], "diff").xTickFormat).toBe(".2f");
    // Two alerts 43 s apart, a single epoch.
    expect(mjdTickFormat([58451.75, 58451.7505])).toBe(".5f");
    expect(mjdTickFormat([58451.75])).toBe(".1f");
  });
  it("MJD tick labels at the chosen decimals are distinct for any 1-2-5 step plotly can pick", () => {
    for (const span of [1.99, 0.7, 0.25, 0.04, 0.011, 0.003, 0.0004]) {
      const decimals = Number(mjdTickFormat([58451.3, 58451.3 + span]).slice(1, -1));
      // The finest step: at most ten ticks over the (padded) span, rounded down to 1, 2 or 5 × 10^k.
      const rough = (span * 1.1) / 10;
      const power = 10 ** Math.floor(Math.log10(rough));
      const step = [5, 2, 1].map((m) => m * power).find((s) => s <= rough)!;
      const labels = Array.from({ length: 11 }, (_, k) => (Math.ceil(58451.3 / step) * step + k * step).toFixed(decimals));
      expect(new Set(labels).size, `span ${span}: step ${step}, ${labels.join(" ")}`).toBe(labels.length);
    }
  });
  it("offers fold periods up to half the detections' time span", () => {
    expect(longestFoldPeriodDays(detections)).toBeCloseTo(1.25, 12);
    expect(longestFoldPeriodDays([detections[0]!])).toBeNull();
  });
});
