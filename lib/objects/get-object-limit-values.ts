import { querySql, type SqlClient } from "../api/sql-client";

/** ALeRCE's /objects/limit_values: the ranges of ndet and firstmjd over every object (for range sliders). */
export interface ObjectLimitValues {
  min_ndet: number | null;
  max_ndet: number | null;
  min_firstmjd: number | null;
  max_firstmjd: number | null;
}

export async function getObjectLimitValues(client: SqlClient): Promise<ObjectLimitValues> {
  const rows = await querySql<ObjectLimitValues>(
    client,
    "select min(ndet) as min_ndet, max(ndet) as max_ndet, min(firstmjd) as min_firstmjd, max(firstmjd) as max_firstmjd from object",
  );
  return rows[0] ?? { min_ndet: null, max_ndet: null, min_firstmjd: null, max_firstmjd: null };
}
