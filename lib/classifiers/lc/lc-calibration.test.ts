import { describe, expect, it } from "vitest";
import { calibrateLcPrediction, temperatureScaleRows } from "./lc-calibration";
import { LC_BRANCH_CLASSES, LC_BRANCHES, LC_CLASSES, type LcBranch } from "./lc-taxonomy";

const calibration = { method: "temperature" as const, version: "t", topTemperature: 0.5, fittedOn: "test" };

function prediction(top: number[], children: Record<LcBranch, number[]>) {
  const final = LC_BRANCHES.flatMap((b, g) => children[b].map((p) => top[g]! * p));
  return {
    final: Float32Array.from(final),
    top: Float32Array.from(top),
    children: Object.fromEntries(LC_BRANCHES.map((b) => [b, Float32Array.from(children[b])])) as Record<LcBranch, Float32Array>,
  };
}
const uniform = (b: LcBranch) => LC_BRANCH_CLASSES[b].map(() => 1 / LC_BRANCH_CLASSES[b].length);

describe("light-curve calibration at serving time", () => {
  it("temperature < 1 sharpens, > 1 flattens, 1 keeps; rows still sum to 1", () => {
    const p = Float32Array.from([0.6, 0.3, 0.1]);
    const sharp = temperatureScaleRows(p, 3, 0.5);
    expect(sharp[0]).toBeCloseTo(0.36 / 0.46, 5);
    expect(sharp[0]! + sharp[1]! + sharp[2]!).toBeCloseTo(1, 6);
    const flat = temperatureScaleRows(p, 3, 2);
    expect(flat[0]).toBeLessThan(0.6);
    expect(Array.from(temperatureScaleRows(p, 3, 1))).toEqual(Array.from(p));
  });

  it("P(class) = calibrated P(branch) · P(class | branch); children unchanged; argmax branch kept", () => {
    const children = { Periodic: uniform("Periodic"), Stochastic: [0.7, 0.2, 0.1], Transient: [0.5, 0.2, 0.1, 0.1, 0.1] };
    const raw = prediction([0.2, 0.3, 0.5], children);
    const out = calibrateLcPrediction(raw, calibration);
    expect(out.children).toBe(raw.children);
    expect(out.top[2]).toBeCloseTo(0.25 / 0.38, 5);
    const snia = LC_CLASSES.indexOf("SNIa");
    expect(out.final[snia]).toBeCloseTo(out.top[2]! * 0.5, 6);
    expect(out.final.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(out.top.indexOf(Math.max(...out.top))).toBe(2);
  });

  it("without calibration in the manifest (1.0.0) the prediction is returned as it is", () => {
    const raw = prediction([0.2, 0.3, 0.5], {
      Periodic: uniform("Periodic"),
      Stochastic: uniform("Stochastic"),
      Transient: uniform("Transient"),
    });
    expect(calibrateLcPrediction(raw, undefined)).toBe(raw);
  });
});
