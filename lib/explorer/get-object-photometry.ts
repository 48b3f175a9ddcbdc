import type { Sql } from "../db/sql";

/**
 * One detection as the Explorer's light curve, fold and periodogram use it (JSON-safe: candid is a
 * string, it exceeds 2^53). Beyond the plotted values it carries what the period search needs to
 * prepare the light curve exactly as the stored features were (corrected, dubious, rb).
 */
export interface PhotometryDetection {
  candid: string;
  mjd: number;
  fid: number;
  magpsf: number;
  sigmapsf: number;
  /** +1 when the difference is positive (brighter than the reference), −1 when negative. */
  isdiffpos: number;
  hasStamp: boolean;
  /** Apparent (corrected) magnitude; null when the detection could not be corrected. */
  magpsfCorr: number | null;
  sigmapsfCorr: number | null;
  /** Error of magpsfCorr including the reference's extended-source error: ALeRCE's error for stellar objects, set when sigmapsfCorr is not. */
  sigmapsfCorrExt: number | null;
  corrected: boolean;
  dubious: boolean;
  rb: number | null;
}

export interface PhotometryNonDetection {
  mjd: number;
  fid: number;
  diffmaglim: number;
}

export interface ObjectPhotometry {
  detections: PhotometryDetection[];
  nonDetections: PhotometryNonDetection[];
}

type DetectionRow = {
  candid: string;
  mjd: number;
  fid: number;
  magpsf: number;
  sigmapsf: number;
  isdiffpos: number;
  has_stamp: boolean;
  magpsf_corr: number | null;
  sigmapsf_corr: number | null;
  sigmapsf_corr_ext: number | null;
  corrected: boolean;
  dubious: boolean;
  rb: number | null;
};

/** The object's detections and upper limits, time-ordered (two indexed reads on (oid, mjd)). */
export async function getObjectPhotometry(sql: Sql, oid: string): Promise<ObjectPhotometry> {
  const [detections, nonDetections] = await Promise.all([
    sql.query<DetectionRow>(
      `select candid::text as candid, mjd, fid, magpsf, sigmapsf, isdiffpos, has_stamp, magpsf_corr, sigmapsf_corr,
              sigmapsf_corr_ext, corrected, dubious, rb
         from detection where oid = $1 order by mjd, candid`,
      [oid],
    ),
    sql.query<PhotometryNonDetection>("select mjd, fid, diffmaglim from non_detection where oid = $1 order by mjd", [oid]),
  ]);
  return {
    detections: detections.rows.map((d) => ({
      candid: d.candid,
      mjd: d.mjd,
      fid: d.fid,
      magpsf: d.magpsf,
      sigmapsf: d.sigmapsf,
      isdiffpos: d.isdiffpos,
      hasStamp: d.has_stamp,
      magpsfCorr: d.magpsf_corr,
      sigmapsfCorr: d.sigmapsf_corr,
      sigmapsfCorrExt: d.sigmapsf_corr_ext,
      corrected: d.corrected,
      dubious: d.dubious,
      rb: d.rb,
    })),
    nonDetections: nonDetections.rows,
  };
}
