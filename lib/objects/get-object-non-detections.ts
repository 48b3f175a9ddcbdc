import { querySql, type SqlClient } from "../api/sql-client";
import { isPlausibleOid } from "./get-object-item";

/** An upper limit as ALeRCE's ZTF API v1 returns it. */
export interface ApiNonDetection {
  tid: "ztf";
  mjd: number;
  fid: number;
  diffmaglim: number;
}

/** Non-detections of an object, oldest first; null when the object is unknown. */
export async function getObjectNonDetections(client: SqlClient, oid: string): Promise<ApiNonDetection[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await querySql<{ mjd: number | null; fid: number; diffmaglim: number }>(
    client,
    `select n.mjd, n.fid, n.diffmaglim from object o left join non_detection n on n.oid = o.oid where o.oid = $1 order by n.mjd, n.fid`,
    [oid],
  );
  if (rows.length === 0) return null;
  return rows.filter((r) => r.mjd !== null).map((r) => ({ tid: "ztf", mjd: r.mjd as number, fid: r.fid, diffmaglim: r.diffmaglim }));
}
