import { describe, expect, it } from "vitest";
import { LC_FEATURE_KEYS } from "./compute-lightcurve-features";
import { describeFeature, FEATURE_CATALOG } from "./feature-catalog";

describe("FEATURE_CATALOG", () => {
  it("describes every feature name of LC_FEATURE_KEYS, and nothing else", () => {
    const names = new Set(LC_FEATURE_KEYS.map((k) => k.name));
    for (const name of names) expect(describeFeature(name), name).not.toBeNull();
    expect(Object.keys(FEATURE_CATALOG).sort()).toEqual([...names].sort());
  });
  it("has one-line definitions", () => {
    for (const [name, e] of Object.entries(FEATURE_CATALOG)) {
      expect(e.definition.length, name).toBeGreaterThan(5);
      expect(e.definition, name).not.toContain("\n");
    }
  });
});
