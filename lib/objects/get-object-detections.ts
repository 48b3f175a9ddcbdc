import { int8Value } from "../api/api-json";
import { querySql, type SqlClient } from "../api/sql-client";
import { isPlausibleOid } from "./get-object-item";

/**
 * A detection as ALeRCE's ZTF API v1 returns it (lightcurve service shape): candid as a string,
 * pid / rfid / parent_candid as JSON integers (parent_candid exact beyond 2^53), fields Cielo does
 * not compute (magpsf_corr_ext, magap_corr, sigmagap_corr, candid_alert) null, phase 0.
 */
export interface ApiDetection {
  tid: "ztf";
  mjd: number;
  candid: string;
  fid: number;
  pid: number | bigint;
  diffmaglim: number | null;
  isdiffpos: number;
  nid: number | null;
  distnr: number | null;
  magpsf: number;
  magpsf_corr: number | null;
  magpsf_corr_ext: number | null;
  magap: number | null;
  magap_corr: number | null;
  sigmapsf: number;
  sigmapsf_corr: number | null;
  sigmapsf_corr_ext: number | null;
  sigmagap: number | null;
  sigmagap_corr: number | null;
  ra: number;
  dec: number;
  rb: number | null;
  rbversion: string | null;
  drb: number | null;
  magapbig: number | null;
  sigmagapbig: number | null;
  rfid: number | bigint | null;
  has_stamp: boolean;
  corrected: boolean;
  dubious: boolean;
  candid_alert: string | null;
  step_id_corr: string;
  phase: number;
  parent_candid: number | bigint | null;
}

type Row = Omit<
  ApiDetection,
  "tid" | "pid" | "rfid" | "parent_candid" | "candid" | "magpsf_corr_ext" | "magap_corr" | "sigmagap_corr" | "candid_alert" | "phase"
> & {
  candid: string | null;
  pid: string;
  rfid: string | null;
  parent_candid: string | null;
};

/** Detections of an object, oldest first; null when the object is unknown. */
export async function getObjectDetections(client: SqlClient, oid: string): Promise<ApiDetection[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await querySql<Row>(
    client,
    `select d.candid::text as candid, d.mjd, d.fid, d.pid::text as pid, d.diffmaglim, d.isdiffpos, d.nid, d.distnr, d.magpsf,
            d.magpsf_corr, d.magap, d.sigmapsf, d.sigmapsf_corr, d.sigmapsf_corr_ext, d.sigmagap, d.ra, d.dec, d.rb, d.rbversion,
            d.drb, d.magapbig, d.sigmagapbig, d.rfid::text as rfid, d.has_stamp, d.corrected, d.dubious, d.step_id_corr,
            d.parent_candid::text as parent_candid
       from object o left join detection d on d.oid = o.oid
      where o.oid = $1
      order by d.mjd, d.candid`,
    [oid],
  );
  if (rows.length === 0) return null;
  return rows
    .filter((r) => r.candid !== null)
    .map((r) => ({
      tid: "ztf",
      mjd: r.mjd,
      candid: r.candid as string,
      fid: r.fid,
      pid: int8Value(r.pid) as number | bigint,
      diffmaglim: r.diffmaglim,
      isdiffpos: r.isdiffpos,
      nid: r.nid,
      distnr: r.distnr,
      magpsf: r.magpsf,
      magpsf_corr: r.magpsf_corr,
      magpsf_corr_ext: null,
      magap: r.magap,
      magap_corr: null,
      sigmapsf: r.sigmapsf,
      sigmapsf_corr: r.sigmapsf_corr,
      sigmapsf_corr_ext: r.sigmapsf_corr_ext,
      sigmagap: r.sigmagap,
      sigmagap_corr: null,
      ra: r.ra,
      dec: r.dec,
      rb: r.rb,
      rbversion: r.rbversion,
      drb: r.drb,
      magapbig: r.magapbig,
      sigmagapbig: r.sigmagapbig,
      rfid: int8Value(r.rfid),
      has_stamp: r.has_stamp,
      corrected: r.corrected,
      dubious: r.dubious,
      candid_alert: null,
      step_id_corr: r.step_id_corr,
      phase: 0,
      parent_candid: int8Value(r.parent_candid),
    }));
}
