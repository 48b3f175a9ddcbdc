import { describe, expect, it } from "vitest";
import { STAMP_CLASSES } from "../../lib/classifiers/stamp/stamp-classes";
import { argmaxRows, buildStampSet, simulatedRawFeatures, simulateStampSplits, stampMetrics } from "./stamp-dataset";
import { fitFeatureScaling, STAMP_FEATURES } from "../../lib/classifiers/stamp/stamp-features";

const sizes = { train: 6, validation: 2, test: 3 };

describe("simulateStampSplits", () => {
  const splits = simulateStampSplits(11, sizes);

  it("is class-balanced in every split", () => {
    for (const name of ["train", "validation", "test"] as const) {
      const list = splits[name];
      const per = sizes[name];
      expect(list).toHaveLength(per * STAMP_CLASSES.length);
      for (const cls of STAMP_CLASSES)
        expect(
          list.filter((e) => e.label === cls),
          `${name} ${cls}`,
        ).toHaveLength(per);
    }
  });

  it("gives disjoint splits", () => {
    const all = [...splits.train, ...splits.validation, ...splits.test];
    expect(new Set(all).size).toBe(all.length);
    const key = (e: (typeof all)[number]) => `${e.metadata.ra},${e.metadata.dec},${e.metadata.magpsf}`;
    expect(new Set(all.map(key)).size).toBe(all.length);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const again = simulateStampSplits(11, sizes);
    expect(again.test.map((e) => e.metadata.ra)).toEqual(splits.test.map((e) => e.metadata.ra));
    expect(Array.from(again.train[0]!.difference)).toEqual(Array.from(splits.train[0]!.difference));
    const other = simulateStampSplits(12, sizes);
    expect(other.test.map((e) => e.metadata.ra)).not.toEqual(splits.test.map((e) => e.metadata.ra));
  });
});

describe("buildStampSet", () => {
  const splits = simulateStampSplits(5, { train: 4, validation: 0, test: 2 });
  const scaling = fitFeatureScaling(splits.train.map(simulatedRawFeatures));
  const train = buildStampSet(splits.train, scaling);

  it("has the network's layout: stamps [N,21,21,3] in [0,1], meta [N,23], labels in STAMP_CLASSES order", () => {
    expect(train.count).toBe(20);
    expect(train.stamps).toHaveLength(20 * 21 * 21 * 3);
    expect(train.meta).toHaveLength(20 * STAMP_FEATURES.length);
    expect(train.stamps.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    expect(train.meta.every((v) => Number.isFinite(v))).toBe(true);
    splits.train.forEach((e, i) => expect(STAMP_CLASSES[train.labels[i]!]).toBe(e.label));
  });

  it("z-scores metadata with the training scaling (mean ≈ 0 on the training split)", () => {
    const m = STAMP_FEATURES.length;
    for (let f = 0; f < m; f++) {
      let sum = 0;
      for (let i = 0; i < train.count; i++) sum += train.meta[i * m + f]!;
      expect(Math.abs(sum / train.count), STAMP_FEATURES[f]).toBeLessThan(1e-4);
    }
  });
});

describe("stampMetrics", () => {
  it("computes accuracy, per-class precision/recall/F1 and the confusion matrix", () => {
    // truth:     AGN AGN SN SN VS asteroid bogus bogus
    // predicted: AGN SN  SN SN VS bogus    bogus AGN
    const labels = Int32Array.from([0, 0, 1, 1, 2, 3, 4, 4]);
    const predicted = Int32Array.from([0, 1, 1, 1, 2, 4, 4, 0]);
    const m = stampMetrics(labels, predicted);
    expect(m.accuracy).toBe(0.625);
    expect(m.confusion[0]).toEqual([1, 1, 0, 0, 0]);
    expect(m.confusion[4]).toEqual([1, 0, 0, 0, 1]);
    expect(m.perClass.SN).toEqual({ precision: 0.666667, recall: 1, f1: 0.8, support: 2 });
    expect(m.perClass.asteroid).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(m.perClass.AGN.f1).toBe(0.5);
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8 + 1 + 0 + 0.5) / 5, 6);
  });

  it("argmaxRows picks the most probable class per row", () => {
    expect(Array.from(argmaxRows(Float32Array.from([0.1, 0.2, 0.5, 0.1, 0.1, 0.9, 0, 0, 0, 0.1])))).toEqual([2, 0]);
  });
});
