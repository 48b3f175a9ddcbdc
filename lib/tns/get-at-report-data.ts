import type { Sql } from "../db/sql";

export interface AtReportData {
  oid: string;
  /** Weighted mean position of the object's detections. */
  raDeg: number;
  decDeg: number;
  /** sigmara/sigmadec, arcsec (null with a single detection). */
  raErrorArcsec: number | null;
  decErrorArcsec: number | null;
  /** The object's earliest detection (alert candidate or a prv_candidate with candid). */
  firstDetection: { candid: string; mjd: number; fid: number; magpsf: number; sigmapsf: number; diffmaglim: number | null };
  /** The latest upper limit strictly before the first detection, any band. */
  lastNonDetection: { mjd: number; fid: number; diffmaglim: number } | null;
  probSn: number | null;
}

export async function getAtReportData(sql: Sql, oid: string): Promise<AtReportData | null> {
  const { rows } = await sql.query<{
    oid: string;
    meanra: number;
    meandec: number;
    sigmara: number | null;
    sigmadec: number | null;
    candid: string;
    mjd: number;
    fid: number;
    magpsf: number;
    sigmapsf: number;
    diffmaglim: number | null;
    nd_mjd: number | null;
    nd_fid: number | null;
    nd_diffmaglim: number | null;
    prob_sn: number | null;
  }>(
    `SELECT o.oid, o.meanra, o.meandec, o.sigmara, o.sigmadec,
            d.candid::text AS candid, d.mjd, d.fid, d.magpsf, d.sigmapsf, d.diffmaglim,
            nd.mjd AS nd_mjd, nd.fid AS nd_fid, nd.diffmaglim AS nd_diffmaglim,
            (SELECT probability FROM probability WHERE oid = o.oid AND classifier_name = 'stamp_classifier' AND class_name = 'SN'
             ORDER BY classifier_version DESC LIMIT 1) AS prob_sn
     FROM object o
     JOIN LATERAL (SELECT * FROM detection WHERE oid = o.oid ORDER BY mjd, candid LIMIT 1) d ON true
     LEFT JOIN LATERAL (
       SELECT mjd, fid, diffmaglim FROM non_detection WHERE oid = o.oid AND mjd < d.mjd ORDER BY mjd DESC LIMIT 1
     ) nd ON true
     WHERE o.oid = $1`,
    [oid],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    oid: r.oid,
    raDeg: r.meanra,
    decDeg: r.meandec,
    // ALeRCE stores sigmara/sigmadec in degrees.
    raErrorArcsec: r.sigmara === null ? null : r.sigmara * 3600,
    decErrorArcsec: r.sigmadec === null ? null : r.sigmadec * 3600,
    firstDetection: { candid: r.candid, mjd: r.mjd, fid: r.fid, magpsf: r.magpsf, sigmapsf: r.sigmapsf, diffmaglim: r.diffmaglim },
    lastNonDetection:
      r.nd_mjd === null || r.nd_fid === null || r.nd_diffmaglim === null
        ? null
        : { mjd: r.nd_mjd, fid: r.nd_fid, diffmaglim: r.nd_diffmaglim },
    probSn: r.prob_sn,
  };
}
