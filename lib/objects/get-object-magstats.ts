import { querySql, type SqlClient } from "../api/sql-client";
import { isPlausibleOid } from "./get-object-item";

/** Magnitude statistics of one band: ALeRCE's "Magstats" fields plus the rest of the magstat row. */
export interface ApiMagstat {
  fid: number;
  stellar: boolean;
  corrected: boolean;
  ndet: number;
  ndubious: number;
  magmean: number | null;
  magmedian: number | null;
  magmax: number | null;
  magmin: number | null;
  magsigma: number | null;
  maglast: number | null;
  magfirst: number | null;
  firstmjd: number | null;
  lastmjd: number | null;
  step_id_corr: string;
  magmean_corr: number | null;
  magmedian_corr: number | null;
  magmax_corr: number | null;
  magmin_corr: number | null;
  magsigma_corr: number | null;
  maglast_corr: number | null;
  magfirst_corr: number | null;
  dmdt_first: number | null;
  dm_first: number | null;
  sigmadm_first: number | null;
  dt_first: number | null;
  saturation_rate: number | null;
}

/** Magstats per band (fid ascending); null when the object is unknown. */
export async function getObjectMagstats(client: SqlClient, oid: string): Promise<ApiMagstat[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await querySql<ApiMagstat & { found: string }>(
    client,
    `select o.oid as found, m.fid, m.stellar, m.corrected, m.ndet, m.ndubious, m.magmean, m.magmedian, m.magmax, m.magmin, m.magsigma,
            m.maglast, m.magfirst, m.firstmjd, m.lastmjd, m.step_id_corr, m.magmean_corr, m.magmedian_corr, m.magmax_corr,
            m.magmin_corr, m.magsigma_corr, m.maglast_corr, m.magfirst_corr, m.dmdt_first, m.dm_first, m.sigmadm_first,
            m.dt_first, m.saturation_rate
       from object o left join magstat m on m.oid = o.oid where o.oid = $1 order by m.fid`,
    [oid],
  );
  if (rows.length === 0) return null;
  return rows.filter((r) => r.fid !== null).map(({ found: _found, ...rest }) => rest);
}
