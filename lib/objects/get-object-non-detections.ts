import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { isPlausibleOid } from "./object-id";

/** An upper limit as ALeRCE's ZTF API v1 returns it. */
export const nonDetectionSchema = z
  .object({ tid: z.literal("ztf"), mjd: z.number(), fid: z.number().int(), diffmaglim: z.number() })
  .strict();

export type NonDetection = z.infer<typeof nonDetectionSchema>;

/** Non-detections of an object, oldest first; null when the object is unknown. */
export async function getObjectNonDetections(sql: Sql, oid: string): Promise<NonDetection[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await queryRows<{ mjd: number | null; fid: number; diffmaglim: number }>(
    sql,
    `select n.mjd, n.fid, n.diffmaglim from object o left join non_detection n on n.oid = o.oid where o.oid = $1 order by n.mjd, n.fid`,
    [oid],
  );
  if (rows.length === 0) return null;
  return rows
    .filter((r): r is { mjd: number; fid: number; diffmaglim: number } => r.mjd !== null)
    .map((r) => ({ tid: "ztf", mjd: r.mjd, fid: r.fid, diffmaglim: r.diffmaglim }));
}
