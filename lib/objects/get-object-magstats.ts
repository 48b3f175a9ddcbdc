import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { isPlausibleOid } from "./object-id";

const nullableNum = () => z.number().nullable();

/** Magnitude statistics of one band: ALeRCE's "Magstats" fields plus the rest of the magstat row. */
export const magstatSchema = z
  .object({
    fid: z.number().int(),
    stellar: z.boolean(),
    corrected: z.boolean(),
    ndet: z.number().int(),
    ndubious: z.number().int(),
    magmean: nullableNum(),
    magmedian: nullableNum(),
    magmax: nullableNum(),
    magmin: nullableNum(),
    magsigma: nullableNum(),
    maglast: nullableNum(),
    magfirst: nullableNum(),
    firstmjd: nullableNum(),
    lastmjd: nullableNum(),
    step_id_corr: z.string(),
    magmean_corr: nullableNum(),
    magmedian_corr: nullableNum(),
    magmax_corr: nullableNum(),
    magmin_corr: nullableNum(),
    magsigma_corr: nullableNum(),
    maglast_corr: nullableNum(),
    magfirst_corr: nullableNum(),
    dmdt_first: nullableNum(),
    dm_first: nullableNum(),
    sigmadm_first: nullableNum(),
    dt_first: nullableNum(),
    saturation_rate: nullableNum(),
  })
  .strict();

export type ApiMagstat = z.infer<typeof magstatSchema>;

/** Magstats per band (fid ascending); null when the object is unknown. */
export async function getObjectMagstats(sql: Sql, oid: string): Promise<ApiMagstat[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await queryRows<ApiMagstat & { found: string }>(
    sql,
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
