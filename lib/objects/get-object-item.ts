import { querySql, type SqlClient } from "../api/sql-client";

/** ALeRCE's "Single Object" (ZTF API v1 GET /objects/{oid}); ndethist is a string there. */
export interface ObjectItem {
  oid: string;
  ndethist: string | null;
  ncovhist: number | null;
  mjdstarthist: number | null;
  mjdendhist: number | null;
  corrected: boolean;
  stellar: boolean;
  ndet: number;
  g_r_max: number | null;
  g_r_max_corr: number | null;
  g_r_mean: number | null;
  g_r_mean_corr: number | null;
  firstmjd: number;
  lastmjd: number;
  deltajd: number;
  meanra: number;
  meandec: number;
  sigmara: number | null;
  sigmadec: number | null;
  step_id_corr: string;
}

/** Object ids worth a query: anything else is simply not found (never an error). */
export function isPlausibleOid(oid: string): boolean {
  return /^[A-Za-z0-9_-]{1,40}$/.test(oid);
}

export async function getObjectItem(client: SqlClient, oid: string): Promise<ObjectItem | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await querySql<Omit<ObjectItem, "ndethist"> & { ndethist: number | null }>(
    client,
    `select oid, ndethist, ncovhist, mjdstarthist, mjdendhist, corrected, stellar, ndet, g_r_max, g_r_max_corr, g_r_mean,
            g_r_mean_corr, firstmjd, lastmjd, deltajd, meanra, meandec, sigmara, sigmadec, step_id_corr
       from object where oid = $1`,
    [oid],
  );
  const row = rows[0];
  if (!row) return null;
  return { ...row, ndethist: row.ndethist === null ? null : String(row.ndethist) };
}
