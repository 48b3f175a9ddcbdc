// The anomaly-score step (docs/anomaly.md). Debounced, right after the light-curve classifier: every
// object whose light curve that step (re)classified since the object was last scored by the current
// anomaly-detector version gets its stored features (feature table, the detector's feature version)
// scored by the isolation forest; anomaly_score keeps one row per object and model version.
import type pg from "pg";
import { bulkInsert, type ColumnTypes } from "../../db/bulk-insert";
import type { AnomalyDetector } from "../../classifiers/anomaly/anomaly-detector";
import type { FeatureFid, FeatureValue } from "../../features/types";
import type { DebouncedStep } from "../step";

interface ScoreRow {
  oid: string;
  model_version: string;
  score: number;
  last_mjd: number;
}
const scoreColumns: ColumnTypes<ScoreRow> = { oid: "text", model_version: "text", score: "double precision", last_mjd: "double precision" };

export interface ScoreAnomaliesOptions {
  chunkSize?: number;
  maxObjects?: number;
  shouldStop?: () => boolean;
  onChunk?: () => Promise<void> | void;
}

// Features (of the detector's feature version, $4) written at a newer lastmjd than the stored score
// (or never scored), in oid order after $3.
const PENDING_SQL = `
SELECT c.oid, max(c.last_mjd) AS last_mjd
FROM lc_classification c
LEFT JOIN anomaly_score a ON a.oid = c.oid AND a.model_version = $1
WHERE c.oid > $3
  AND EXISTS (SELECT 1 FROM feature f WHERE f.oid = c.oid AND f.version = $4)
GROUP BY c.oid, a.last_mjd
HAVING a.last_mjd IS NULL OR max(c.last_mjd) > a.last_mjd
ORDER BY c.oid
LIMIT $2`;

/** Scores every pending object in chunks (one upsert each); returns how many were scored. */
export async function scorePendingAnomalies(
  pool: pg.Pool,
  detector: AnomalyDetector,
  options: ScoreAnomaliesOptions = {},
): Promise<number> {
  const version = detector.manifest.modelVersion;
  const chunkSize = options.chunkSize ?? 500;
  let scored = 0;
  let after = "";
  while (!options.shouldStop?.()) {
    const limit = Math.min(chunkSize, (options.maxObjects ?? Infinity) - scored);
    if (limit <= 0) break;
    const { rows: chunk } = await pool.query<{ oid: string; last_mjd: number }>(PENDING_SQL, [
      version,
      limit,
      after,
      detector.manifest.featureVersion,
    ]);
    if (chunk.length === 0) break;
    const oids = chunk.map((c) => c.oid);
    const { rows: features } = await pool.query<{ oid: string; name: string; fid: FeatureFid; value: number | null }>(
      "SELECT oid, name, fid, value FROM feature WHERE oid = ANY($1::text[]) AND version = $2",
      [oids, detector.manifest.featureVersion],
    );
    const byOid = new Map<string, FeatureValue[]>(oids.map((oid) => [oid, []]));
    for (const { oid, ...value } of features) byOid.get(oid)!.push(value);
    const scores = await detector.score(oids.map((oid) => byOid.get(oid)!));
    const rows: ScoreRow[] = chunk.map((c, k) => ({ oid: c.oid, model_version: version, score: scores[k]!, last_mjd: c.last_mjd }));
    const client = await pool.connect();
    try {
      await bulkInsert(
        client,
        "anomaly_score",
        scoreColumns,
        rows,
        "ON CONFLICT (oid, model_version) DO UPDATE SET score = excluded.score, last_mjd = excluded.last_mjd, scored_at = now()",
      );
    } finally {
      client.release();
    }
    scored += chunk.length;
    after = oids[oids.length - 1]!;
    await options.onChunk?.();
  }
  return scored;
}

export const anomalyScoreStep: DebouncedStep = {
  name: "anomaly-score",
  version: "1",
  stage: "debounced",
  reads: ["lc_classification", "feature", "anomaly_score"],
  writes: ["anomaly_score"],
  offReason: ({ models }) => (models.anomaly ? null : "no anomaly detector loaded"),
  run: async ({ pool, models, log, maxObjects, shouldStop, onChunk }) => {
    if (!models.anomaly) throw new Error("the anomaly-score step ran without an anomaly detector (offReason says it is off)");
    const started = performance.now();
    const scored = await scorePendingAnomalies(pool, models.anomaly, { maxObjects, shouldStop, onChunk });
    if (scored > 0) log.info(`anomaly score: ${scored} objects scored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { counts: { scored }, morePending: maxObjects !== undefined && scored >= maxObjects };
  },
};
