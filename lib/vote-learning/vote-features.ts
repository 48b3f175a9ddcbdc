// What the vote model reads per object (ADR 0043): the stamp classifier's five probabilities (its
// newest version), the first detection's magnitude, error and real/bogus scores, the number of
// detections and the nearest PanSTARRS source's star/galaxy score and distance. All stored by the
// ingest and the stamp step; NaN where the database has no value (the model imputes).
import type { Sql } from "../db/sql";
import { STAMP_CLASSES } from "../classifiers/stamp/stamp-classes";

export const VOTE_FEATURE_COLUMNS = [
  ...STAMP_CLASSES.map((c) => `p_stamp_${c}`),
  "first_magpsf",
  "first_sigmapsf",
  "first_rb",
  "first_drb",
  "log1p_ndet",
  "sgscore1",
  "distpsnr1",
] as const;
export type VoteFeatureColumn = (typeof VOTE_FEATURE_COLUMNS)[number];

export interface VoteFeatureRow {
  oid: string;
  /** In VOTE_FEATURE_COLUMNS order; NaN = missing. */
  x: Float64Array;
  /** The stamp classifier's SN vs bogus view: P(SN) / (P(SN) + P(bogus)) (the production baseline). */
  stampSnVsBogus: number;
}

const num = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? Number.NaN : v);

/** Feature rows of the given objects (objects without a stamp classification are left out). */
export async function getVoteFeatures(sql: Sql, oids: readonly string[]): Promise<Map<string, VoteFeatureRow>> {
  const out = new Map<string, VoteFeatureRow>();
  if (oids.length === 0) return out;
  const { rows } = await sql.query<{
    oid: string;
    ndet: number;
    probs: Record<string, number> | null;
    magpsf: number | null;
    sigmapsf: number | null;
    rb: number | null;
    drb: number | null;
    sgscore1: number | null;
    distpsnr1: number | null;
  }>(
    `SELECT o.oid, o.ndet, p.probs, d.magpsf, d.sigmapsf, d.rb, d.drb, ps.sgscore1, ps.distpsnr1
     FROM object o
     JOIN LATERAL (
       SELECT jsonb_object_agg(class_name, probability) AS probs FROM probability
       WHERE oid = o.oid AND classifier_name = 'stamp_classifier'
         AND classifier_version = (SELECT max(classifier_version) FROM probability
                                   WHERE oid = o.oid AND classifier_name = 'stamp_classifier')
     ) p ON p.probs IS NOT NULL
     LEFT JOIN LATERAL (SELECT magpsf, sigmapsf, rb, drb FROM detection WHERE oid = o.oid ORDER BY mjd, candid LIMIT 1) d ON true
     LEFT JOIN LATERAL (SELECT sgscore1, distpsnr1 FROM ps1_ztf WHERE oid = o.oid ORDER BY candid DESC LIMIT 1) ps ON true
     WHERE o.oid = ANY($1::text[])`,
    [oids],
  );
  for (const r of rows) {
    const probs = r.probs ?? {};
    const p = STAMP_CLASSES.map((c) => num(probs[c]));
    const sn = probs.SN ?? 0;
    const bogus = probs.bogus ?? 0;
    out.set(r.oid, {
      oid: r.oid,
      x: Float64Array.from([
        ...p,
        num(r.magpsf),
        num(r.sigmapsf),
        num(r.rb),
        num(r.drb),
        Math.log1p(r.ndet),
        // PS1's "no source" placeholders (−999) are missing values here.
        r.sgscore1 !== null && r.sgscore1 >= 0 ? r.sgscore1 : Number.NaN,
        r.distpsnr1 !== null && r.distpsnr1 >= 0 ? Math.min(r.distpsnr1, 30) : Number.NaN,
      ]),
      stampSnVsBogus: sn + bogus > 0 ? sn / (sn + bogus) : 0.5,
    });
  }
  return out;
}
