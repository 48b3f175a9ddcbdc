// `node --import tsx scripts/report-lsst-lc-classification.ts [dir …]`
//
// What the ZTF-trained light-curve forest says on real LSST light curves (ADR 0041), for the LC model
// card: every alert in the given directories (default: fixtures/lsst/real and fixtures/lsst-fink) is
// decoded, each object's diaSources gathered (deduplicated by id), its g/r fluxes turned into AB
// magnitudes as the lsst-lc-classifier step does, and the objects with ≥ 5 g or r detections
// classified. Prints the band counts of every object, the class distribution and each classified
// object's five most probable classes. Not an accuracy figure: there are no labels.
import path from "node:path";
import { loadLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { LC_CLASSES } from "../lib/classifiers/lc/lc-taxonomy";
import { lcModelDir } from "../lib/classifiers/lc/model-manifest";
import { computeLightcurveFeatures } from "../lib/features/compute-lightcurve-features";
import { readAlertSource } from "../lib/ingest/alert-sources";
import { decodeLsstAlertFile } from "../lib/lsst/decode-lsst-alert-file";
import { LC_MIN_DETECTIONS } from "../lib/pipeline/steps/classify-lightcurves";
import { lsstFeatureDetection, lsstFeatureNonDetections } from "../lib/pipeline/steps/lsst-lightcurve-input";
import type { LsstDiaSource, LsstForcedSource } from "../lib/generated/prisma/client";

const dirs = process.argv.length > 2 ? process.argv.slice(2) : ["fixtures/lsst/real", "fixtures/lsst-fink"];
const objects = new Map<string, { ra: number; dec: number; sources: Map<string, LsstDiaSource>; forced: Map<string, LsstForcedSource> }>();
for (const dir of dirs) {
  for await (const file of readAlertSource(path.resolve(dir))) {
    for (const rows of decodeLsstAlertFile(file).rows) {
      const o = objects.get(rows.oid) ?? { ra: rows.object.ra, dec: rows.object.dec, sources: new Map(), forced: new Map() };
      for (const s of rows.diaSources) o.sources.set(s.dia_source_id.toString(), s);
      for (const f of rows.forcedSources) o.forced.set(f.dia_forced_source_id.toString(), f);
      objects.set(rows.oid, o);
    }
  }
}
const classifier = await loadLcClassifier(lcModelDir());
const counts = new Map<string, number>();
let eligible = 0;
for (const [oid, o] of [...objects].sort()) {
  const sources = [...o.sources.values()].sort((a, b) => a.mjd - b.mjd);
  const bands = Object.entries(sources.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.band]: (acc[s.band] ?? 0) + 1 }), {}))
    .map(([b, n]) => `${n} ${b}`)
    .join(", ");
  const detections = sources.flatMap((s) => lsstFeatureDetection(s) ?? []);
  const perBand = [1, 2].map((fid) => detections.filter((d) => d.fid === fid).length);
  if (Math.max(...perBand) < LC_MIN_DETECTIONS) {
    console.log(`${oid}: ${bands} — below the threshold (${perBand[0]} g, ${perBand[1]} r usable)`);
    continue;
  }
  eligible += 1;
  const features = computeLightcurveFeatures({
    oid,
    detections,
    nonDetections: lsstFeatureNonDetections([...o.forced.values()], detections),
    context: { raDeg: o.ra, decDeg: o.dec, sgscore1: null, wise: null },
  });
  const [result] = await classifier.classify([features]);
  const ranked = LC_CLASSES.map((c, i) => ({ c, p: result!.probabilities[i]! })).sort((a, b) => b.p - a.p);
  counts.set(ranked[0]!.c, (counts.get(ranked[0]!.c) ?? 0) + 1);
  const defined = features.filter((f) => f.value !== null).length;
  console.log(
    `${oid}: ${bands} — ${defined}/${features.length} features defined; ${ranked
      .slice(0, 5)
      .map((r) => `${r.c} ${r.p.toFixed(3)}`)
      .join(", ")}`,
  );
}
await classifier.close();
console.log(
  `${objects.size} objects, ${eligible} with ≥ ${LC_MIN_DETECTIONS} g or r detections; top classes: ${JSON.stringify(Object.fromEntries(counts))}`,
);
