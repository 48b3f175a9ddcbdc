import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { extremeFeatures } from "../classifiers/anomaly/extreme-features";
import {
  anomalyModelDir,
  type AnomalyModelManifest,
  CURRENT_ANOMALY_MODEL_NAME,
  readAnomalyModelManifest,
} from "../classifiers/anomaly/anomaly-manifest";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import type { FeatureFid } from "../features/types";
import { isPlausibleOid } from "./object-id";

export const objectAnomalySchema = z
  .object({
    oid: z.string(),
    model_version: z.string().describe("Anomaly detector version (anomaly_score.model_version)"),
    score: z.number().nullable().describe("Isolation-forest anomaly score, 0–1 (≈ 0.5 or below: ordinary); null when not scored"),
    percentile: z.number().nullable().describe("Share (%) of scored objects with a score at or below this one"),
    scored_objects: z.number().int().describe("Objects scored by this model version"),
    scored_at: z.string().nullable(),
    extreme_features: z
      .array(
        z.object({
          name: z.string(),
          fid: z.number().int(),
          value: z.number(),
          percentile: z.number().describe("Share (%) of the detector's training objects with a lower value"),
          side: z.enum(["above", "below"]).describe("The population tail the object is in"),
          beyond: z.number().describe("Share (%) of training objects the value lies beyond, on that side (e.g. above 99.7 %)"),
          outside_range: z.boolean().describe("The value lies beyond every training object"),
          median: z.number(),
          z: z
            .number()
            .nullable()
            .describe(
              "(value − population median) / (1.4826 × MAD); null where the population is near-constant (|z| > 100) or has no spread",
            ),
          definition: z.string().nullable(),
        }),
      )
      .describe("The object's most extreme features relative to the training population"),
  })
  .strict();
export type ObjectAnomaly = z.infer<typeof objectAnomalySchema>;

let manifestCache: AnomalyModelManifest | null | undefined;
/** The current model's manifest (population medians and spreads), null when no model is installed. */
function currentManifest(): AnomalyModelManifest | null {
  if (manifestCache === undefined) {
    const dir = anomalyModelDir();
    manifestCache = fs.existsSync(path.join(dir, "model.json")) ? readAnomalyModelManifest(dir) : null;
  }
  return manifestCache;
}

/** The object's anomaly score of the current detector, its percentile and extreme features; null when the object is unknown. */
export async function getObjectAnomaly(sql: Sql, oid: string): Promise<ObjectAnomaly | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await queryRows<{ found: string; score: number | null; scored_at: Date | null; below: number; total: number }>(
    sql,
    `select o.oid as found, a.score, a.scored_at,
            (select count(*)::int from anomaly_score b where b.model_version = $2 and b.score <= a.score) as below,
            (select count(*)::int from anomaly_score b where b.model_version = $2) as total
       from object o
       left join anomaly_score a on a.oid = o.oid and a.model_version = $2
      where o.oid = $1`,
    [oid, CURRENT_ANOMALY_MODEL_NAME],
  );
  const row = rows[0];
  if (!row) return null;
  const manifest = currentManifest();
  let extreme: ObjectAnomaly["extreme_features"] = [];
  if (row.score !== null && manifest) {
    const features = await queryRows<{ name: string; fid: FeatureFid; value: number | null }>(
      sql,
      "select name, fid, value from feature where oid = $1 and version = $2",
      [oid, manifest.featureVersion],
    );
    extreme = extremeFeatures(features, manifest).map(({ outsideRange, ...f }) => ({ ...f, outside_range: outsideRange }));
  }
  return {
    oid,
    model_version: CURRENT_ANOMALY_MODEL_NAME,
    score: row.score,
    percentile: row.score === null || row.total === 0 ? null : (100 * row.below) / row.total,
    scored_objects: row.total,
    scored_at: row.scored_at ? row.scored_at.toISOString() : null,
    extreme_features: extreme,
  };
}
