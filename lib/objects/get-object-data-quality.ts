import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { isPlausibleOid } from "./object-id";

/** Why detections of an object are kept out of its light curve (detection_quarantine, ADR 0028). */
export const objectDataQualitySchema = z
  .object({
    quarantined_detections: z.number().int().describe("Detections kept out of the light curve (far from the object's position)"),
    reasons: z.array(
      z
        .object({
          reason: z.string().describe("e.g. far_from_object"),
          count: z.number().int(),
          min_separation_arcsec: z.number().describe("Nearest of them to the object's position, arcsec"),
          max_separation_arcsec: z.number().describe("Farthest of them, arcsec"),
        })
        .strict(),
    ),
  })
  .strict();
export type ObjectDataQuality = z.infer<typeof objectDataQualitySchema>;

export async function getObjectDataQuality(sql: Sql, oid: string): Promise<ObjectDataQuality> {
  if (!isPlausibleOid(oid)) return { quarantined_detections: 0, reasons: [] };
  const rows = await queryRows<{ reason: string; count: number; min_separation_arcsec: number; max_separation_arcsec: number }>(
    sql,
    `select reason, count(*)::int as count, min(separation_arcsec) as min_separation_arcsec, max(separation_arcsec) as max_separation_arcsec
       from detection_quarantine where oid = $1 group by reason order by reason`,
    [oid],
  );
  return { quarantined_detections: rows.reduce((n, r) => n + r.count, 0), reasons: rows };
}
