// Pipeline step (LSST, debounced, ADR 0041): the ZTF-trained light-curve forest on LSST objects.
// Objects with at least 5 detections in g or in r (lsst_flux_stat) are classified when they have no
// lsst_lc_classification for the loaded model yet or when their lastmjd grew since, in a pass after
// batches like ZTF's lc-classifier step. Their g/r fluxes become AB magnitudes (lsst-lightcurve-input),
// the same 178 features are computed where they are defined, and the forest's probabilities are
// stored in LSST tables marked trained_on_survey = 'ztf': a model trained on another survey and not
// validated on LSST. ZTF's tables (feature, probability, lc_classification) are not touched.
import type pg from "pg";
import { bulkInsert, type ColumnTypes } from "../../db/bulk-insert";
import { withTransaction } from "../../db/sql";
import { computeLightcurveFeatures, LC_FEATURE_VERSION } from "../../features/compute-lightcurve-features";
import type { FeatureObjectContext, FeatureValue, LightcurveFeatureInput } from "../../features/types";
import type { LcClassifier } from "../../classifiers/lc/lc-classifier";
import type { DebouncedStep } from "../step";
import { LC_MIN_DETECTIONS, lcProbabilityRows } from "./classify-lightcurves";
import { type LsstFluxPoint, lsstFeatureDetection, lsstFeatureNonDetections } from "./lsst-lightcurve-input";
import { probabilityColumns, type ProbabilityRow } from "./probability-rows";

/** The survey the light-curve forest was trained on: stored with every LSST result. */
export const LSST_LC_TRAINED_ON = "ztf";
/** lsst_feature.version: the feature code's version and the flux → magnitude mapping's. */
export const LSST_LC_FEATURE_VERSION = `${LC_FEATURE_VERSION}+lsst-ab-1`;

interface FeatureRow {
  oid: string;
  name: string;
  fid: number;
  value: number | null;
  version: string;
}
const featureColumns: ColumnTypes<FeatureRow> = { oid: "text", name: "text", fid: "int", value: "double precision", version: "text" };

type LsstProbabilityRow = ProbabilityRow & { trained_on_survey: string };
const lsstProbabilityColumns: ColumnTypes<LsstProbabilityRow> = { ...probabilityColumns, trained_on_survey: "text" };

interface StateRow {
  oid: string;
  classifier_version: string;
  last_mjd: number;
  n_det: number;
  trained_on_survey: string;
}
const stateColumns: ColumnTypes<StateRow> = {
  oid: "text",
  classifier_version: "text",
  last_mjd: "double precision",
  n_det: "int",
  trained_on_survey: "text",
};

const PENDING_SQL = `
SELECT o.oid, o.lastmjd
FROM survey_object o
LEFT JOIN lsst_lc_classification c ON c.oid = o.oid AND c.classifier_version = $1
WHERE o.survey = 'lsst' AND o.oid > $4
  AND (c.oid IS NULL OR c.last_mjd < o.lastmjd)
  AND EXISTS (SELECT 1 FROM lsst_flux_stat f WHERE f.oid = o.oid AND f.band IN ('g', 'r') AND f.ndet >= $2)
ORDER BY o.oid
LIMIT $3`;

/** LSST objects (oid > `after`, in oid order) waiting for (re)classification by `classifierVersion`. */
export async function pendingLsstLightcurveObjects(
  client: pg.Pool | pg.PoolClient,
  classifierVersion: string,
  limit: number,
  after = "",
): Promise<{ oid: string; lastmjd: number }[]> {
  return (await client.query<{ oid: string; lastmjd: number }>(PENDING_SQL, [classifierVersion, LC_MIN_DETECTIONS, limit, after])).rows;
}

/** The feature input of each LSST object: g/r detections and upper limits in AB magnitudes, position, AllWISE. */
export async function loadLsstLightcurveInputs(client: pg.PoolClient, oids: string[]): Promise<LightcurveFeatureInput[]> {
  const sources = await client.query<LsstFluxPoint & { oid: string; dia_source_id: string }>(
    `SELECT oid, dia_source_id::text AS dia_source_id, mjd, band, psf_flux_njy, psf_flux_err_njy, science_flux_njy, science_flux_err_njy
     FROM lsst_dia_source WHERE oid = ANY($1::text[]) AND band IN ('g', 'r') ORDER BY oid, mjd, dia_source_id`,
    [oids],
  );
  const forced = await client.query<LsstFluxPoint & { oid: string }>(
    `SELECT oid, mjd, band, psf_flux_njy, psf_flux_err_njy, science_flux_njy, science_flux_err_njy
     FROM lsst_forced_source WHERE oid = ANY($1::text[]) AND band IN ('g', 'r') ORDER BY oid, mjd`,
    [oids],
  );
  const objects = await client.query<{ oid: string; meanra: number; meandec: number }>(
    "SELECT oid, meanra, meandec FROM survey_object WHERE survey = 'lsst' AND oid = ANY($1::text[])",
    [oids],
  );
  const wise = new Map<string, FeatureObjectContext["wise"]>();
  const { rows: hasAllwise } = await client.query(
    "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'catalog_allwise'",
  );
  if (hasAllwise.length > 0) {
    const { rows } = await client.query<{ oid: string; w1: number | null; w2: number | null; w3: number | null }>(
      `SELECT DISTINCT ON (x.oid) x.oid, c."W1mag" AS w1, c."W2mag" AS w2, c."W3mag" AS w3
       FROM lsst_xmatch x JOIN catalog_allwise c ON c.id = x.oid_catalog
       WHERE x.catid = 'allwise' AND x.oid = ANY($1::text[]) ORDER BY x.oid, x.dist`,
      [oids],
    );
    for (const r of rows) wise.set(r.oid, { w1: r.w1, w2: r.w2, w3: r.w3 });
  }
  const byOid = <T extends { oid: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.oid, [...(map.get(row.oid) ?? []), row]);
    return map;
  };
  const sourcesOf = byOid(sources.rows);
  const forcedOf = byOid(forced.rows);
  const position = new Map(objects.rows.map((o) => [o.oid, o]));
  return oids.map((oid) => {
    const detections = (sourcesOf.get(oid) ?? []).flatMap((s) => lsstFeatureDetection(s) ?? []);
    const where = position.get(oid);
    if (!where) throw new Error(`LSST object ${oid} vanished during its light-curve classification`);
    return {
      oid,
      detections,
      nonDetections: lsstFeatureNonDetections(forcedOf.get(oid) ?? [], detections),
      // PS1 is ZTF's star/galaxy context: no sgscore for LSST objects (the feature is missing, −999 for the model).
      context: { raDeg: where.meanra, decDeg: where.meandec, sgscore1: null, wise: wise.get(oid) ?? null },
    };
  });
}

async function classifyChunk(client: pg.PoolClient, classifier: LcClassifier, chunk: { oid: string; lastmjd: number }[]): Promise<number> {
  const version = classifier.manifest.classifierVersion;
  const inputs = await loadLsstLightcurveInputs(
    client,
    chunk.map((c) => c.oid),
  );
  const features: FeatureValue[][] = inputs.map((input) => computeLightcurveFeatures(input));
  const results = await classifier.classify(features);
  const featureRows: FeatureRow[] = inputs.flatMap((input, k) =>
    features[k]!.map((f) => ({ oid: input.oid, name: f.name, fid: f.fid, value: f.value, version: LSST_LC_FEATURE_VERSION })),
  );
  const probabilityRows: LsstProbabilityRow[] = inputs.flatMap((input, k) =>
    lcProbabilityRows(input.oid, version, results[k]!).map((row) => ({ ...row, trained_on_survey: LSST_LC_TRAINED_ON })),
  );
  const states: StateRow[] = chunk.map((c, k) => ({
    oid: c.oid,
    classifier_version: version,
    last_mjd: c.lastmjd,
    n_det: inputs[k]!.detections.length,
    trained_on_survey: LSST_LC_TRAINED_ON,
  }));
  await withTransaction(client, async (tx) => {
    await bulkInsert(
      tx,
      "lsst_feature",
      featureColumns,
      featureRows,
      "ON CONFLICT (oid, name, fid, version) DO UPDATE SET value = excluded.value",
    );
    await bulkInsert(
      tx,
      "lsst_probability",
      lsstProbabilityColumns,
      probabilityRows,
      `ON CONFLICT (oid, classifier_name, classifier_version, class_name)
       DO UPDATE SET probability = excluded.probability, ranking = excluded.ranking, trained_on_survey = excluded.trained_on_survey`,
    );
    await bulkInsert(
      tx,
      "lsst_lc_classification",
      stateColumns,
      states,
      `ON CONFLICT (oid, classifier_version)
       DO UPDATE SET last_mjd = excluded.last_mjd, n_det = excluded.n_det, trained_on_survey = excluded.trained_on_survey, classified_at = now()`,
    );
  });
  return featureRows.length;
}

export interface ClassifyLsstLightcurvesOutcome {
  classified: number;
  featureRows: number;
}

/** Classifies every pending LSST object in chunks of 100, one transaction each (upserts: safe from several processes). */
export async function classifyPendingLsstLightcurves(
  pool: pg.Pool,
  classifier: LcClassifier,
  options: { maxObjects?: number; shouldStop?: () => boolean; onChunk?: () => Promise<void> | void } = {},
): Promise<ClassifyLsstLightcurvesOutcome> {
  const outcome: ClassifyLsstLightcurvesOutcome = { classified: 0, featureRows: 0 };
  const client = await pool.connect();
  try {
    let after = "";
    while (!options.shouldStop?.()) {
      const limit = Math.min(100, (options.maxObjects ?? Infinity) - outcome.classified);
      if (limit <= 0) break;
      const chunk = await pendingLsstLightcurveObjects(client, classifier.manifest.classifierVersion, limit, after);
      if (chunk.length === 0) break;
      outcome.featureRows += await classifyChunk(client, classifier, chunk);
      outcome.classified += chunk.length;
      after = chunk[chunk.length - 1]!.oid;
      await options.onChunk?.();
    }
  } finally {
    client.release();
  }
  return outcome;
}

export const lsstLightcurveClassifierStep: DebouncedStep = {
  name: "lsst-lc-classifier",
  version: "1",
  stage: "debounced",
  reads: [
    "survey_object",
    "lsst_flux_stat",
    "lsst_lc_classification",
    "lsst_dia_source",
    "lsst_forced_source",
    "lsst_xmatch",
    "catalog_allwise",
  ],
  writes: ["lsst_feature", "lsst_probability", "lsst_lc_classification"],
  offReason: ({ models }) => (models.lc ? null : "no light-curve classifier loaded"),
  run: async ({ pool, models, log, maxObjects, shouldStop, onChunk }) => {
    if (!models.lc) throw new Error("the lsst-lc-classifier step ran without a light-curve classifier (offReason says it is off)");
    const outcome = await classifyPendingLsstLightcurves(pool, models.lc, { maxObjects, shouldStop, onChunk });
    if (outcome.classified > 0) log.info(`LSST light curves: ${outcome.classified} objects classified by the ZTF-trained forest`);
    return {
      counts: { classified: outcome.classified, featureRows: outcome.featureRows },
      morePending: maxObjects !== undefined && outcome.classified >= maxObjects,
    };
  },
};
