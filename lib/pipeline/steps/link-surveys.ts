// Pipeline steps: an LSST object within 1.5″ of a ZTF object is one astrophysical source seen by two
// surveys; survey_link records the pair. Two steps so the link appears whichever survey's alert
// arrives second: ztf-lsst-link runs on ZTF batches, lsst-ztf-link on LSST batches. Each recomputes
// the links of its batch's objects from their current mean positions (idempotent).
import type pg from "pg";
import type { BatchStep, LsstBatchStep } from "../step";

export const SURVEY_LINK_RADIUS_ARCSEC = 1.5;

const RADIUS_DEG = SURVEY_LINK_RADIUS_ARCSEC / 3600;
/** Great-circle distance in arcsec between (ra1, dec1) and (ra2, dec2), degrees (haversine, exact at small angles). */
const distanceArcsec = (ra1: string, dec1: string, ra2: string, dec2: string) =>
  `degrees(2 * asin(sqrt(power(sin(radians(${dec2} - ${dec1}) / 2), 2)
     + cos(radians(${dec1})) * cos(radians(${dec2})) * power(sin(radians(${ra2} - ${ra1}) / 2), 2)))) * 3600`;

async function linkLsstObjects(tx: pg.PoolClient, lsstOids: readonly string[]): Promise<number> {
  await tx.query("DELETE FROM survey_link WHERE lsst_oid = ANY($1::text[])", [lsstOids]);
  const { rowCount } = await tx.query(
    `INSERT INTO survey_link (lsst_oid, ztf_oid, dist_arcsec)
     SELECT l.oid, z.oid, d.dist FROM survey_object l
     JOIN object z ON z.meandec BETWEEN l.meandec - $2 AND l.meandec + $2
     CROSS JOIN LATERAL (SELECT ${distanceArcsec("l.meanra", "l.meandec", "z.meanra", "z.meandec")} AS dist) d
     WHERE l.survey = 'lsst' AND l.oid = ANY($1::text[]) AND d.dist <= $3
     ON CONFLICT (lsst_oid, ztf_oid) DO UPDATE SET dist_arcsec = excluded.dist_arcsec`,
    [lsstOids, RADIUS_DEG, SURVEY_LINK_RADIUS_ARCSEC],
  );
  return rowCount ?? 0;
}

async function linkZtfObjects(tx: pg.PoolClient, ztfOids: readonly string[]): Promise<number> {
  await tx.query("DELETE FROM survey_link WHERE ztf_oid = ANY($1::text[])", [ztfOids]);
  const { rowCount } = await tx.query(
    `INSERT INTO survey_link (lsst_oid, ztf_oid, dist_arcsec)
     SELECT l.oid, z.oid, d.dist FROM object z
     JOIN survey_object l ON l.survey = 'lsst' AND l.meandec BETWEEN z.meandec - $2 AND z.meandec + $2
     CROSS JOIN LATERAL (SELECT ${distanceArcsec("l.meanra", "l.meandec", "z.meanra", "z.meandec")} AS dist) d
     WHERE z.oid = ANY($1::text[]) AND z.meanra IS NOT NULL AND d.dist <= $3
     ON CONFLICT (lsst_oid, ztf_oid) DO UPDATE SET dist_arcsec = excluded.dist_arcsec`,
    [ztfOids, RADIUS_DEG, SURVEY_LINK_RADIUS_ARCSEC],
  );
  return rowCount ?? 0;
}

export const lsstZtfLinkStep: LsstBatchStep = {
  name: "lsst-ztf-link",
  version: "1",
  stage: "lsst-batch",
  reads: ["survey_object", "object"],
  writes: ["survey_link"],
  offReason: () => null,
  run: async ({ tx, oids }) => ({ links: await linkLsstObjects(tx, oids) }),
};

export const ztfLsstLinkStep: BatchStep = {
  name: "ztf-lsst-link",
  version: "1",
  stage: "batch",
  reads: ["object", "survey_object"],
  writes: ["survey_link"],
  offReason: () => null,
  run: async ({ tx, oids }) => ({ links: await linkZtfObjects(tx, oids) }),
};
