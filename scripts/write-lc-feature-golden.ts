// `npm run golden:lc`: (re)writes fixtures/lightcurves/golden-features.json, the 178 features of the
// golden light curves (lib/features/golden-feature-set.ts) as the current code computes them.
// Only rerun it when a feature definition changes on purpose (and bump LC_FEATURE_VERSION): the
// golden test exists to catch changes that were not meant.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { computeLightcurveFeatures, LC_FEATURE_KEYS, LC_FEATURE_VERSION } from "../lib/features/compute-lightcurve-features";
import { GOLDEN_FEATURES_PATH, loadGoldenLightcurves, type GoldenFeaturesFile } from "../lib/features/golden-feature-set";

const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const golden: GoldenFeaturesFile = {
  description:
    "Light-curve features of the golden set (lib/features/golden-feature-set.ts), checked by lib/features/golden-features.test.ts within the tolerances documented there.",
  featureVersion: LC_FEATURE_VERSION,
  generatedAt: new Date().toISOString(),
  generatedFromCommit: commit,
  keys: LC_FEATURE_KEYS.map(({ name, fid }) => `${name}|${fid}`),
  objects: loadGoldenLightcurves().map(({ source, input }) => ({
    oid: input.oid,
    source,
    // 15 significant digits: round-trips below the tightest tolerance (1e-9) by six orders.
    values: computeLightcurveFeatures(input).map((f) => (f.value === null ? null : Number(f.value.toPrecision(15)))),
  })),
};
// One object per line keeps diffs readable.
const lines = [
  "{",
  ...Object.entries(golden)
    .filter(([k]) => k !== "objects")
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
  '  "objects": [',
  golden.objects.map((o) => `    ${JSON.stringify(o)}`).join(",\n"),
  "  ]",
  "}",
];
writeFileSync(GOLDEN_FEATURES_PATH, lines.join("\n") + "\n");
console.log(`wrote ${golden.objects.length} objects × ${golden.keys.length} features to ${GOLDEN_FEATURES_PATH}`);
