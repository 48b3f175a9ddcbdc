import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { int64Schema, int8Value } from "./int64";
import { isPlausibleOid } from "./object-id";

const num = () => z.number();
const nullableNum = () => z.number().nullable();

/**
 * A detection as ALeRCE's ZTF API v1 returns it (lightcurve service shape): candid as a string,
 * pid / rfid / parent_candid as JSON integers (parent_candid exact beyond 2^53), fields Cielo does
 * not compute (magpsf_corr_ext, magap_corr, sigmagap_corr, candid_alert) null, phase 0.
 */
export const detectionSchema = z
  .object({
    tid: z.literal("ztf"),
    mjd: num(),
    candid: z.string().describe("Alert candidate id (a string: it exceeds 2^53)"),
    fid: z.number().int().describe("Band: 1 = g, 2 = r, 3 = i"),
    pid: int64Schema(),
    diffmaglim: nullableNum(),
    isdiffpos: z.number().int().describe("1 if the difference is positive, -1 if negative"),
    nid: z.number().int().nullable(),
    distnr: nullableNum(),
    magpsf: num(),
    magpsf_corr: nullableNum(),
    magpsf_corr_ext: nullableNum(),
    magap: nullableNum(),
    magap_corr: nullableNum(),
    sigmapsf: num(),
    sigmapsf_corr: nullableNum(),
    sigmapsf_corr_ext: nullableNum(),
    sigmagap: nullableNum(),
    sigmagap_corr: nullableNum(),
    ra: num(),
    dec: num(),
    rb: nullableNum(),
    rbversion: z.string().nullable(),
    drb: nullableNum(),
    magapbig: nullableNum(),
    sigmagapbig: nullableNum(),
    rfid: int64Schema().nullable(),
    has_stamp: z.boolean(),
    corrected: z.boolean(),
    dubious: z.boolean(),
    candid_alert: z.string().nullable(),
    step_id_corr: z.string(),
    phase: num(),
    parent_candid: int64Schema().nullable().describe("candid of the alert that carried this detection as a previous candidate"),
  })
  .strict();

export type Detection = z.infer<typeof detectionSchema>;

type Row = Omit<
  Detection,
  "tid" | "pid" | "rfid" | "parent_candid" | "candid" | "magpsf_corr_ext" | "magap_corr" | "sigmagap_corr" | "candid_alert" | "phase"
> & {
  candid: string | null;
  pid: string;
  rfid: string | null;
  parent_candid: string | null;
};

/** Detections of an object, oldest first; null when the object is unknown. */
export async function getObjectDetections(sql: Sql, oid: string): Promise<Detection[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await queryRows<Row>(
    sql,
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
    .filter((r): r is Row & { candid: string } => r.candid !== null)
    .map((r) => ({
      tid: "ztf",
      mjd: r.mjd,
      candid: r.candid,
      fid: r.fid,
      pid: int8Value(r.pid),
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
