// MODEL_CARD.md of a trained anomaly detector, from its manifest.
import fs from "node:fs";
import path from "node:path";
import type { AnomalyModelManifest } from "../../lib/classifiers/anomaly/anomaly-manifest";

export function writeAnomalyModelCard(dir: string, m: AnomalyModelManifest): void {
  const mostMissing = m.features
    .map((f, j) => ({ key: `${f.name} (fid ${f.fid})`, share: m.missingShare[j]! }))
    .filter((f) => f.share > 0.5).length;
  const card = `# ${m.modelVersion}

Isolation forest (Liu, Ting & Zhou 2008) on the ${m.features.length} light-curve features of
lib/features (version ${m.featureVersion}, the light-curve classifier's columns) and
${m.derivedColours.length} colours derived from them (g − r of ${m.derivedColours.map((d) => d.feature).join(", ")}), trained by
\`npm run train:anomaly\` (scripts/train-anomaly.ts, seed ${m.seed}); decision record:
docs/decisions/0038-anomaly-score.md.

## Model
- ${m.forest.nTrees} trees, subsample ψ = ${m.forest.sampleSize} objects per tree, depth limit ${m.forest.maxDepth}:
  ${m.forest.nTrees - m.forest.colourTrees} split on any of the ${m.features.length + m.derivedColours.length} columns, ${m.forest.colourTrees} only on the
  ${m.forest.colourColumns} colour columns (g − r features and the derived colours), so that an impossible
  colour is isolated as quickly as an impossible amplitude; E[h] is the mean over all trees.
- Score = 2^(−E[h] / c(ψ)), h = path length (leaf depth + c(objects left in the leaf)). About 0.5 or
  below: ordinary; towards 1: isolated by few random splits.
- ONNX (\`model.onnx\`): Imputer (−999 → training median) → TreeEnsembleRegressor (leaf value = path
  length, averaged) → Mul(−1/c(ψ)) → Pow(2, ·); outputs \`path_length\` and \`score\` [N, 1]. Equal to the
  TypeScript forest within 1e-5 (lib/classifiers/anomaly/anomaly-detector.test.ts).

## Training data (real, no simulation)
${m.training.sources.map((s) => `- ${s.objects} objects: ${s.name}`).join("\n")}
- **${m.training.objects} objects** in all, each with ≥ ${m.minDetections} detections in g or r. Split by
  objectId hash (training/real-data/object-split.ts): the validation objects are held out for the
  "injected oddities" test.
- Missing features are imputed with the training median of their column (stored in model.json,
  with ${m.quantileLevels.length} population quantiles per column for the object page's "above 99.7 % of objects");
  ${mostMissing} of ${m.features.length} columns are missing in more than half of the training objects.

## Injected oddities (training/anomaly/injected-oddities.test.ts)
Held-out real objects (validation split) mixed with real light curves made odd: periodic stars with
10× their amplitude and SNe with g made 4 mag fainter (only SNe with ≥ 5 detections in both g and r:
without g there is no colour to make impossible). Both must rank in the top 5 %.

Training score quantiles: ${Object.entries(m.trainingScoreQuantiles)
    .map(([q, v]) => `q${q} = ${v}`)
    .join(", ")}.

## Limitations
- The population is small and skewed: most training objects are SNe Ia from the Bright Transient
  Survey, and the alert objects carry only ZTF's 30-day alert history. Periodic variables and AGN
  with long light curves are rare in it, so they score higher than they would among all of ZTF.
- Alert photometry is used uncorrected (no magpsf_corr; the broker corrects when a reference source
  is near), and the BTS files have no non-detections, sgscore1 or real/bogus scores: those columns
  are mostly imputed in training. An object's score partly reflects what its light curve lacks.
- "Anomalous" means rare among these training objects, not scientifically interesting; bogus
  detections and data problems score high too. No labelled anomalies exist to measure precision.
`;
  fs.writeFileSync(path.join(dir, "MODEL_CARD.md"), card);
}
