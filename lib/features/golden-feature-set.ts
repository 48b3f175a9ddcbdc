/**
 * The golden feature set: light curves whose 178 features are pinned in
 * fixtures/lightcurves/golden-features.json (written by `npm run golden:lc`, checked by
 * golden-features.test.ts), so that speed work on the feature code is held to the values of the
 * code it replaces. Real light curves: the 4 ALeRCE variable stars and the 30 ALeRCE-labelled
 * supernovae of fixtures/lightcurves/; plus the first BENCH_OBJECTS objects that `npm run bench:lc`
 * times (seed 1), whose 100-detection periodic light curves exercise the period search.
 */
import path from "node:path";
import { z } from "zod";
import { LIGHTCURVE_FIXTURES_DIR, loadSneLightcurves, loadVariableLightcurves } from "./load-lightcurve-fixtures";
import { simulateBenchObject } from "./simulate-bench-lightcurve";
import { createRng } from "../math/random";
import type { LightcurveFeatureInput } from "./types";

export const GOLDEN_FEATURES_PATH = path.join(LIGHTCURVE_FIXTURES_DIR, "golden-features.json");
export const GOLDEN_BENCH_SEED = 1;
export const GOLDEN_BENCH_OBJECTS = 24;

export type GoldenSource = "variable" | "supernova" | "bench";

export interface GoldenLightcurve {
  source: GoldenSource;
  input: LightcurveFeatureInput;
}

export function loadGoldenLightcurves(): GoldenLightcurve[] {
  const rng = createRng(GOLDEN_BENCH_SEED);
  return [
    ...loadVariableLightcurves().map(({ input }) => ({ source: "variable" as const, input })),
    ...loadSneLightcurves(path.join(LIGHTCURVE_FIXTURES_DIR, "labelled")).map(({ input }) => ({ source: "supernova" as const, input })),
    ...Array.from({ length: GOLDEN_BENCH_OBJECTS }, (_, i) => ({ source: "bench" as const, input: simulateBenchObject(rng, i) })),
  ];
}

export const goldenFeaturesFileSchema = z.object({
  description: z.string(),
  featureVersion: z.string(),
  generatedAt: z.string(),
  generatedFromCommit: z.string(),
  /** `name|fid` of each value column, LC_FEATURE_KEYS order. */
  keys: z.array(z.string()),
  objects: z.array(
    z.object({
      oid: z.string(),
      source: z.enum(["variable", "supernova", "bench"]),
      values: z.array(z.number().nullable()),
    }),
  ),
});
export type GoldenFeaturesFile = z.infer<typeof goldenFeaturesFileSchema>;
