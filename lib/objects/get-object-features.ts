import { querySql, type SqlClient } from "../api/sql-client";
import { isPlausibleOid } from "./get-object-item";

export interface ApiFeature {
  name: string;
  value: number | null;
  fid: number;
  version: string;
}

export interface FeatureFilter {
  name?: string;
  fid?: number;
  version?: string;
}

/** Features of an object (by version, fid, name); null when the object is unknown. */
export async function getObjectFeatures(client: SqlClient, oid: string, filter: FeatureFilter = {}): Promise<ApiFeature[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await querySql<ApiFeature & { found: string }>(
    client,
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
