import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { isPlausibleOid } from "./object-id";

const nullableNum = () => z.number().nullable();

/** One row of `object`: what the Explorer's object page shows and, mapped, ALeRCE's "Single Object". */
export const objectSchema = z
  .object({
    oid: z.string().describe("Object identifier (ZTF objectId)"),
    ndethist: z.number().int().nullable().describe("Detections within 1.5\" in the survey's history"),
    ncovhist: z.number().int().nullable().describe("Times the position was covered by the survey"),
    mjdstarthist: nullableNum().describe("MJD of the earliest detection counted in ndethist"),
    mjdendhist: nullableNum().describe("MJD of the latest detection counted in ndethist"),
    corrected: z.boolean().describe("Whether the corrected light curve can be used"),
    stellar: z.boolean().describe("Whether the object is likely a stellar-like source"),
    ndet: z.number().int().describe("Number of detections"),
    g_r_max: nullableNum().describe("g - r of the brightest difference magnitudes"),
    g_r_max_corr: nullableNum().describe("g - r of the brightest corrected magnitudes"),
    g_r_mean: nullableNum().describe("g - r of the mean difference magnitudes"),
    g_r_mean_corr: nullableNum().describe("g - r of the mean corrected magnitudes"),
    firstmjd: z.number().describe("MJD of the first detection"),
    lastmjd: z.number().describe("MJD of the last detection"),
    deltajd: z.number().describe("lastmjd - firstmjd, days"),
    meanra: z.number().describe("Mean RA, degrees (ICRS)"),
    meandec: z.number().describe("Mean Dec, degrees (ICRS)"),
    sigmara: nullableNum().describe("Error of the mean RA, degrees"),
    sigmadec: nullableNum().describe("Error of the mean Dec, degrees"),
    step_id_corr: z.string().describe("Version of the correction step"),
  })
  .strict();

export type AstroObject = z.infer<typeof objectSchema>;

/** The `object` columns in objectSchema's order, for queries that select them (alias `o`). */
export const OBJECT_COLUMNS_SQL = Object.keys(objectSchema.shape)
  .map((column) => `o.${column}`)
  .join(", ");

export async function getObject(sql: Sql, oid: string): Promise<AstroObject | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await queryRows<AstroObject>(sql, `select ${OBJECT_COLUMNS_SQL} from object o where o.oid = $1`, [oid]);
  return rows[0] ?? null;
}
