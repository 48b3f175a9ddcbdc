import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";

/** The nearest counterpart of an object in one catalog, as the crossmatch step stored it. */
export const xmatchSchema = z
  .object({
    catalog: z.string(),
    catalogId: z.string(),
    distArcsec: z.number(),
    catalogClass: z.string().nullable(),
    periodDays: z.number().nullable(),
  })
  .strict();

export type ObjectXmatch = z.infer<typeof xmatchSchema>;

/** The object's stored crossmatches (nearest counterpart per catalog), nearest first. */
export async function getObjectXmatches(sql: Sql, oid: string): Promise<ObjectXmatch[]> {
  return queryRows<ObjectXmatch>(
    sql,
    `select catid as "catalog", oid_catalog as "catalogId", dist as "distArcsec", class_catalog as "catalogClass", period as "periodDays"
       from xmatch where oid = $1 order by dist, catid`,
    [oid],
  );
}
