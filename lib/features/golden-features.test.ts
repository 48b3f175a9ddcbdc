/**
 * Golden test: today's feature code must reproduce fixtures/lightcurves/golden-features.json (written
 * by `npm run golden:lc` from the code before the fast period search, commit 954fd6f) on the
 * golden light curves (golden-feature-set.ts: 4 real variable stars, 30 real supernovae, 24 bench
 * objects).
 *
 * Tolerances (|new − golden| ≤ rel·max(|new|, |golden|) + abs):
 *  - every feature the period does not feed: rel 1e-9, abs 1e-12 (same arithmetic; a reordered sum
 *    may move the last bits);
 *  - the period-derived features (PERIOD_DERIVED below): the same 1e-9. The fast period search
 *    (ADR 0018) computes the coarse periodogram approximately (float32) but recomputes exactly every
 *    value the search reads (candidates, PPE's top 100), so the candidates, the refinement and hence
 *    the best period are those of the old code; what remains is rounding (PPE moved by 3e-12, the
 *    periods and every feature at the period by less than the golden file's 15 digits). An alias
 *    (P/2, 2P) or any other period would fail here, on purpose.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeLightcurveFeatures, LC_FEATURE_KEYS, LC_FEATURE_VERSION } from "./compute-lightcurve-features";
import { GOLDEN_FEATURES_PATH, goldenFeaturesFileSchema, loadGoldenLightcurves } from "./golden-feature-set";
import { HARMONICS_FEATURE_NAMES } from "./harmonics-features";

const golden = goldenFeaturesFileSchema.parse(JSON.parse(readFileSync(GOLDEN_FEATURES_PATH, "utf8")));

/** Features computed from the period search or at its best period. */
const PERIOD_DERIVED = new Set<string>([
  "Multiband_period",
  "PPE",
  "Power_rate_1/4",
  "Power_rate_1/3",
  "Power_rate_1/2",
  "Power_rate_2",
  "Power_rate_3",
  "Power_rate_4",
  "Period_band",
  "delta_period",
  ...HARMONICS_FEATURE_NAMES,
  "Psi_CS",
  "Psi_eta",
]);

const UNTOUCHED_TOLERANCE = { rel: 1e-9, abs: 1e-12 };
const PERIOD_TOLERANCE = UNTOUCHED_TOLERANCE;

function within(actual: number | null, expected: number | null, tol: { rel: number; abs: number }): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= tol.rel * Math.max(Math.abs(actual), Math.abs(expected)) + tol.abs;
}

describe("golden light-curve features (fixtures/lightcurves/golden-features.json)", () => {
  const lightcurves = loadGoldenLightcurves();

  it("covers the golden set with today's key list and feature version", () => {
    expect(golden.featureVersion).toBe(LC_FEATURE_VERSION);
    expect(golden.keys).toEqual(LC_FEATURE_KEYS.map(({ name, fid }) => `${name}|${fid}`));
    expect(golden.objects.map((o) => `${o.source}:${o.oid}`)).toEqual(lightcurves.map((l) => `${l.source}:${l.input.oid}`));
    // The set exercises the period search: most objects have a period, periodic bench objects included.
    expect(golden.objects.filter((o) => o.values[golden.keys.indexOf("Multiband_period|0")] !== null).length).toBeGreaterThan(40);
  });

  for (const [index, { source, input }] of lightcurves.entries()) {
    it(`${source} ${input.oid}: all 178 features equal the golden values within the tolerances`, () => {
      const expected = golden.objects[index]!;
      const features = computeLightcurveFeatures(input);
      const mismatches: string[] = [];
      features.forEach(({ name, value }, k) => {
        const tol = PERIOD_DERIVED.has(name) ? PERIOD_TOLERANCE : UNTOUCHED_TOLERANCE;
        if (!within(value, expected.values[k]!, tol)) mismatches.push(`${golden.keys[k]}: ${value} vs golden ${expected.values[k]}`);
      });
      expect(mismatches).toEqual([]);
    });
  }
});
