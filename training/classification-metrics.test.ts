import { describe, expect, it } from "vitest";
import { argmaxRows, classificationMetrics } from "./classification-metrics";

describe("classification metrics", () => {
  it("argmax per row, first class on ties", () => {
    expect([...argmaxRows([0.1, 0.7, 0.2, 0.5, 0.5, 0], 3)]).toEqual([1, 0]);
  });

  it("confusion, precision, recall, F1 on a hand-checked example", () => {
    // true:      a a a b b c
    // predicted: a a b b c c
    const m = classificationMetrics(["a", "b", "c"], [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]);
    expect(m.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(m.accuracy).toBeCloseTo(4 / 6, 6);
    expect(m.perClass.a).toEqual({ precision: 1, recall: 0.666667, f1: 0.8, support: 3 });
    expect(m.perClass.b).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(m.perClass.c).toEqual({ precision: 0.5, recall: 1, f1: 0.666667, support: 1 });
    expect(m.macroRecall).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 6);
  });
});
