import type { ZtfCutoutKind } from "../alerts/ztf-cutouts";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import type { AlertRef } from "./alert-params";

export interface AlertStamp {
  /** The cutout's file name inside the alert (e.g. candid1127561441415015002_pid..._targ_sci.fits.gz). */
  fileName: string;
  /** Exactly the bytes the alert carried (gzipped FITS for ZTF). */
  stampData: Buffer;
}

/** One of an alert's three cutouts; null when the alert (for that object) or the cutout is unknown. */
export async function getAlertStamp(sql: Sql, ref: AlertRef, kind: ZtfCutoutKind): Promise<AlertStamp | null> {
  const rows = await queryRows<{ file_name: string; stamp_data: Buffer }>(
    sql,
    `select c.file_name, c.stamp_data
       from cutout c join alert_packet a on a.candid = c.candid
      where c.candid = $1 and c.kind = $2::"CutoutKind" and a.oid = $3`,
    [ref.candid.toString(), kind, ref.oid],
  );
  const row = rows[0];
  return row ? { fileName: row.file_name, stampData: row.stamp_data } : null;
}
