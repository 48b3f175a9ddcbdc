import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { isPlausibleOid } from "./object-id";

export const featureSchema = z
  .object({ name: z.string(), value: z.number().nullable(), fid: z.number().int(), version: z.string() })
  .strict();

export type ApiFeature = z.infer<typeof featureSchema>;

export interface FeatureFilter {
  name?: string;
  fid?: number;
  version?: string;
}

/** Features of an object (by version, fid, name); null when the object is unknown. */
export async function getObjectFeatures(sql: Sql, oid: string, filter: FeatureFilter = {}): Promise<ApiFeature[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await queryRows<ApiFeature & { found: string }>(
    sql,
    `select o.oid as found, f.name, f.value, f.fid, f.version
       from object o
       left join feature f on f.oid = o.oid
            and ($2::text is null or f.name = $2) and ($3::int is null or f.fid = $3) and ($4::text is null or f.version = $4)
      where o.oid = $1
      order by f.version, f.fid, f.name`,
    [oid, filter.name ?? null, filter.fid ?? null, filter.version ?? null],
  );
  if (rows.length === 0) return null;
  return rows.filter((r) => r.name !== null).map(({ found: _found, ...rest }) => rest);
}
