// The light-curve (late) classifier step. Objects with at least 5 detections in g or in r are
// classified when they have no lc_classification for the current model version yet, or when their
// lastmjd grew since (new detections): a pass after each ingest and periodically in the worker, not
// on every alert (debounced). Each pass stores the features (feature + feature_version), the five
// probability sets and the taxonomy, and keeps other model versions' rows (the history).
// lightcurveClassifierStep is the debounced step in PIPELINE_STEPS.
import type pg from "pg";
import { bulkInsert, type ColumnTypes } from "../../db/bulk-insert";
import { computeLightcurveFeatures, LC_FEATURE_VERSION } from "../../features/compute-lightcurve-features";
import type {
  FeatureDetection,
  FeatureNonDetection,
  FeatureObjectContext,
  FeatureValue,
  LightcurveFeatureInput,
} from "../../features/types";
import type { LcClassification, LcClassifier } from "../../classifiers/lc/lc-classifier";
import { LC_BRANCH_CLASSES, LC_BRANCHES, LC_CLASSES, LC_CLASSIFIER_NAMES } from "../../classifiers/lc/lc-taxonomy";
import { withTransaction } from "../../db/sql";
import type { DebouncedStep } from "../step";
import { probabilityColumns, type ProbabilityRow } from "./probability-rows";

export interface ClassifyLightcurvesOutcome {
  /** Objects classified in this pass (first time or with new detections). */
  classified: number;
  /** feature rows written. */
  featureRows: number;
  elapsedMs: number;
}

export interface ClassifyLightcurvesOptions {
  /** Objects per transaction (default 100). */
  chunkSize?: number;
  /** Stop after this many objects (default: all pending). */
  maxObjects?: number;
  /** Checked between chunks. */
  shouldStop?: () => boolean;
  /** Called after each chunk's transaction (e.g. a worker heartbeat). */
  onChunk?: (outcome: ClassifyLightcurvesOutcome) => Promise<void> | void;
}

interface FeatureRow {
  oid: string;
  name: string;
  fid: number;
  value: number | null;
  version: string;
}
const featureColumns: ColumnTypes<FeatureRow> = { oid: "text", name: "text", fid: "int", value: "double precision", version: "text" };

interface StateRow {
  oid: string;
  classifier_version: string;
  last_mjd: number;
  n_det: number;
}
const stateColumns: ColumnTypes<StateRow> = { oid: "text", classifier_version: "text", last_mjd: "double precision", n_det: "int" };

/** Detections needed in one band (g or r): the seed's "at least 5 observations". */
export const LC_MIN_DETECTIONS = 5;

const PENDING_SQL = `
SELECT o.oid, o.lastmjd
FROM object o
LEFT JOIN lc_classification c ON c.oid = o.oid AND c.classifier_version = $1
WHERE o.oid > $4
  AND (c.oid IS NULL OR c.last_mjd < o.lastmjd)
  AND EXISTS (SELECT 1 FROM magstat m WHERE m.oid = o.oid AND m.fid IN (1, 2) AND m.ndet >= $2)
ORDER BY o.oid
LIMIT $3`;

/** Objects (oid > `after`, in oid order) waiting for (re)classification by `classifierVersion`, with the lastmjd they were selected at. */
export async function pendingLightcurveObjects(
  client: pg.Pool | pg.PoolClient,
  classifierVersion: string,
  limit: number,
  after = "",
): Promise<{ oid: string; lastmjd: number }[]> {
  const { rows } = await client.query<{ oid: string; lastmjd: number }>(PENDING_SQL, [classifierVersion, LC_MIN_DETECTIONS, limit, after]);
  return rows;
}

/**
 * AllWISE W1/W2/W3 of the objects' `xmatch` rows with catid 'allwise', read from the loaded catalog
 * table (catalog_allwise: id, "W1mag", "W2mag", "W3mag") when both exist; otherwise no entry (null colours).
 */
async function loadAllwise(client: pg.PoolClient, oids: string[]): Promise<Map<string, FeatureObjectContext["wise"]>> {
  const out = new Map<string, FeatureObjectContext["wise"]>();
  const { rows: columns } = await client.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'catalog_allwise' AND column_name IN ('id', 'W1mag', 'W2mag', 'W3mag')",
  );
  if (columns.length < 4) return out;
  const { rows } = await client.query<{ oid: string; w1: number | null; w2: number | null; w3: number | null }>(
    `SELECT DISTINCT ON (x.oid) x.oid, c."W1mag" AS w1, c."W2mag" AS w2, c."W3mag" AS w3
     FROM xmatch x JOIN catalog_allwise c ON c.id = x.oid_catalog
     WHERE x.catid = 'allwise' AND x.oid = ANY($1::text[]) ORDER BY x.oid, x.dist`,
    [oids],
  );
  for (const r of rows) out.set(r.oid, { w1: r.w1, w2: r.w2, w3: r.w3 });
  return out;
}

/** The feature input of each object, from the database rows (what the training simulator produces). */
export async function loadLightcurveInputs(client: pg.PoolClient, oids: string[]): Promise<LightcurveFeatureInput[]> {
  const detections = await client.query<FeatureDetection & { oid: string }>(
    `SELECT oid, mjd, fid, magpsf, sigmapsf, magpsf_corr, sigmapsf_corr, sigmapsf_corr_ext, isdiffpos, corrected, dubious, rb, candid::text AS candid
     FROM detection WHERE oid = ANY($1::text[]) ORDER BY oid, mjd`,
    [oids],
  );
  const nonDetections = await client.query<FeatureNonDetection & { oid: string }>(
    "SELECT oid, mjd, fid, diffmaglim FROM non_detection WHERE oid = ANY($1::text[]) ORDER BY oid, mjd",
    [oids],
  );
  const objects = await client.query<{ oid: string; meanra: number; meandec: number }>(
    "SELECT oid, meanra, meandec FROM object WHERE oid = ANY($1::text[])",
    [oids],
  );
  const ps1 = await client.query<{ oid: string; sgscore1: number | null }>(
    "SELECT DISTINCT ON (oid) oid, sgscore1 FROM ps1_ztf WHERE oid = ANY($1::text[]) ORDER BY oid, candid DESC",
    [oids],
  );
  const wise = await loadAllwise(client, oids);
  const group = <T extends { oid: string }>(rows: T[]) => {
    const map = new Map<string, Omit<T, "oid">[]>();
    for (const { oid, ...rest } of rows) {
      const list = map.get(oid);
      if (list) list.push(rest);
      else map.set(oid, [rest]);
    }
    return map;
  };
  const dets = group(detections.rows);
  const nds = group(nonDetections.rows);
  const position = new Map(objects.rows.map((o) => [o.oid, o]));
  const sgscore = new Map(ps1.rows.map((p) => [p.oid, p.sgscore1]));
  return oids.map((oid) => ({
    oid,
    detections: (dets.get(oid) ?? []) as FeatureDetection[],
    nonDetections: (nds.get(oid) ?? []) as FeatureNonDetection[],
    context: {
      raDeg: position.get(oid)!.meanra,
      decDeg: position.get(oid)!.meandec,
      sgscore1: sgscore.get(oid) ?? null,
      wise: wise.get(oid) ?? null,
    },
  }));
}

/** Probability rows of one classification: the five classifier names, ranked 1 = most probable within each. */
export function lcProbabilityRows(oid: string, classifierVersion: string, result: LcClassification): ProbabilityRow[] {
  const sets: [string, readonly string[], number[]][] = [
    [LC_CLASSIFIER_NAMES.final, LC_CLASSES, result.probabilities],
    [LC_CLASSIFIER_NAMES.top, LC_BRANCHES, result.top],
    ...LC_BRANCHES.map((b) => [LC_CLASSIFIER_NAMES[b], LC_BRANCH_CLASSES[b], result.children[b]] as [string, readonly string[], number[]]),
  ];
  return sets.flatMap(([name, classes, p]) => {
    const order = classes.map((_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
    return order.map((i, rank) => ({
      oid,
      classifier_name: name,
      classifier_version: classifierVersion,
      class_name: classes[i]!,
      probability: p[i]!,
      ranking: rank + 1,
    }));
  });
}

const TAXONOMIES: [string, readonly string[]][] = [
  [LC_CLASSIFIER_NAMES.final, LC_CLASSES],
  [LC_CLASSIFIER_NAMES.top, LC_BRANCHES],
  ...LC_BRANCHES.map((b) => [LC_CLASSIFIER_NAMES[b], LC_BRANCH_CLASSES[b]] as [string, readonly string[]]),
];

async function classifyChunk(client: pg.PoolClient, classifier: LcClassifier, chunk: { oid: string; lastmjd: number }[]): Promise<number> {
  const version = classifier.manifest.classifierVersion;
  const oids = chunk.map((c) => c.oid);
  const inputs = await loadLightcurveInputs(client, oids);
  const features: FeatureValue[][] = inputs.map((input) => computeLightcurveFeatures(input));
  const results = await classifier.classify(features);
  const featureRows: FeatureRow[] = inputs.flatMap((input, k) =>
    features[k]!.map((f) => ({ oid: input.oid, name: f.name, fid: f.fid, value: f.value, version: LC_FEATURE_VERSION })),
  );
  const probabilityRows = inputs.flatMap((input, k) => lcProbabilityRows(input.oid, version, results[k]!));
  const states: StateRow[] = chunk.map((c, k) => ({
    oid: c.oid,
    classifier_version: version,
    last_mjd: c.lastmjd,
    n_det: inputs[k]!.detections.length,
  }));

  await withTransaction(client, async (tx) => {
    await tx.query(
      "INSERT INTO feature_version (version, step_id_feature, step_id_preprocess) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING",
      [LC_FEATURE_VERSION, `cielo_lib_features_${LC_FEATURE_VERSION}`, `cielo_prepare_lightcurve_${LC_FEATURE_VERSION}`],
    );
    for (const [name, classes] of TAXONOMIES) {
      await tx.query(
        "INSERT INTO taxonomy (classifier_name, classifier_version, classes) VALUES ($1, $2, $3::text[]) ON CONFLICT DO NOTHING",
        [name, version, [...classes]],
      );
    }
    await bulkInsert(
      tx,
      "feature",
      featureColumns,
      featureRows,
      "ON CONFLICT (oid, name, fid, version) DO UPDATE SET value = excluded.value",
    );
    await bulkInsert(
      tx,
      "probability",
      probabilityColumns,
      probabilityRows,
      `ON CONFLICT (oid, classifier_name, classifier_version, class_name)
      DO UPDATE SET probability = excluded.probability, ranking = excluded.ranking`,
    );
    await bulkInsert(
      tx,
      "lc_classification",
      stateColumns,
      states,
      `ON CONFLICT (oid, classifier_version)
      DO UPDATE SET last_mjd = excluded.last_mjd, n_det = excluded.n_det, classified_at = now()`,
    );
  });
  return featureRows.length;
}

/**
 * Classifies every pending object (see pendingLightcurveObjects) in chunks, one transaction each.
 * Safe to run from several processes: writes are upserts keyed on (oid, version).
 */
export async function classifyPendingLightcurves(
  pool: pg.Pool,
  classifier: LcClassifier,
  options: ClassifyLightcurvesOptions = {},
): Promise<ClassifyLightcurvesOutcome> {
  const started = performance.now();
  const chunkSize = options.chunkSize ?? 100;
  const outcome: ClassifyLightcurvesOutcome = { classified: 0, featureRows: 0, elapsedMs: 0 };
  const client = await pool.connect();
  try {
    // One sweep in oid order (keyset): an object updated again during the pass waits for the next one.
    let after = "";
    while (!options.shouldStop?.()) {
      const limit = Math.min(chunkSize, (options.maxObjects ?? Infinity) - outcome.classified);
      if (limit <= 0) break;
      const chunk = await pendingLightcurveObjects(client, classifier.manifest.classifierVersion, limit, after);
      if (chunk.length === 0) break;
      outcome.featureRows += await classifyChunk(client, classifier, chunk);
      outcome.classified += chunk.length;
      after = chunk[chunk.length - 1]!.oid;
      await options.onChunk?.(outcome);
    }
  } finally {
    client.release();
  }
  outcome.elapsedMs = performance.now() - started;
  return outcome;
}

export const lightcurveClassifierStep: DebouncedStep = {
  name: "lc-classifier",
  version: "1",
  stage: "debounced",
  reads: ["object", "magstat", "lc_classification", "detection", "non_detection", "ps1_ztf", "xmatch", "catalog_allwise"],
  writes: ["feature_version", "feature", "taxonomy", "probability", "lc_classification"],
  offReason: ({ models }) => (models.lc ? null : "no light-curve classifier loaded"),
  run: async ({ pool, models, log, maxObjects, shouldStop, onChunk }) => {
    if (!models.lc) throw new Error("the lc-classifier step ran without a light-curve classifier (offReason says it is off)");
    const outcome = await classifyPendingLightcurves(pool, models.lc, { maxObjects, shouldStop, onChunk: () => onChunk?.() });
    if (outcome.classified > 0) {
      log.info(
        `light-curve classifier: ${outcome.classified} objects classified (${outcome.featureRows} feature rows) in ${(outcome.elapsedMs / 1000).toFixed(1)} s`,
      );
    }
    return {
      counts: { classified: outcome.classified, featureRows: outcome.featureRows },
      morePending: maxObjects !== undefined && outcome.classified >= maxObjects,
    };
  },
};
