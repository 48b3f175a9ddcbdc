// The read layer for LSST objects, shared by the Explorer's LSST page and the multi-survey API:
// one zod schema per resource (what leaves the server), fluxes in nJy as stored and AB magnitudes
// derived here (ab-magnitude.ts), ids as decimal strings (they exceed 2^53).
import { z } from "zod";
import type { Sql } from "../db/sql";
import { fluxErrNJyToMagErr, fluxNJyToMagAb } from "../photometry/ab-magnitude";
import { LSST_BANDS } from "./lsst-bands";
import { unpackLsstCutout } from "./lsst-cutout-storage";

/** An LSST object id: Rubin's diaObjectId as decimal text (or ss<ssObjectId>). */
export const lsstObjectIdSchema = z.string().regex(/^(ss)?\d{1,20}$/, "an LSST diaObjectId (decimal digits)");

const num = z.number().nullable();

/**
 * What the ZTF-trained light-curve forest says about an LSST object (ADR 0041): a model trained on
 * another survey and not validated on LSST, so never a classification to rely on.
 */
export const lsstLcClassificationSchema = z.object({
  classifier_name: z.string(),
  classifier_version: z.string(),
  /** The survey the model was trained on ("ztf"). */
  trained_on_survey: z.string(),
  /** Always false: no labelled LSST light curves have been used to check the model. */
  validated_on_survey: z.literal(false),
  /** g and r detections the features were computed from (u, i, z, y are not used). */
  n_det: z.number().int(),
  /** Last MJD of the light curve that was classified. */
  last_mjd: z.number(),
  /** The most probable class. */
  class_name: z.string(),
  probabilities: z.array(z.object({ class_name: z.string(), probability: z.number(), ranking: z.number().int() })),
});
export type LsstLcClassification = z.infer<typeof lsstLcClassificationSchema>;

export const lsstObjectSchema = z.object({
  survey_id: z.literal("lsst"),
  oid: z.string(),
  meanra: z.number(),
  meandec: z.number(),
  firstmjd: z.number(),
  lastmjd: z.number(),
  ndet: z.number().int(),
  nforced: z.number().int(),
  /** ZTF objects within 1.5″: the same source seen by ZTF. */
  ztf_links: z.array(z.object({ oid: z.string(), dist_arcsec: z.number() })),
  /** The ZTF-trained light-curve forest's output (null until the object has ≥ 5 g or r detections and a pass ran). */
  lc_classification: lsstLcClassificationSchema.nullable(),
});
export type LsstObject = z.infer<typeof lsstObjectSchema>;

export const lsstDetectionSchema = z.object({
  measurement_id: z.string(),
  oid: z.string(),
  mjd: z.number(),
  band: z.enum(LSST_BANDS),
  ra: z.number(),
  dec: z.number(),
  psf_flux_njy: num,
  psf_flux_err_njy: num,
  science_flux_njy: num,
  science_flux_err_njy: num,
  /** AB magnitude of the difference flux (null when not positive). */
  mag_ab: num,
  e_mag_ab: num,
  /** Apparent AB magnitude: of the flux on the science image (null when not positive). */
  science_mag_ab: num,
  e_science_mag_ab: num,
  snr: num,
  is_negative: z.boolean().nullable(),
  reliability: num,
  has_stamp: z.boolean(),
});
export type LsstDetection = z.infer<typeof lsstDetectionSchema>;

export const lsstForcedPhotometrySchema = z.object({
  measurement_id: z.string(),
  oid: z.string(),
  mjd: z.number(),
  band: z.enum(LSST_BANDS),
  psf_flux_njy: num,
  psf_flux_err_njy: num,
  science_flux_njy: num,
  science_flux_err_njy: num,
  mag_ab: num,
  e_mag_ab: num,
  science_mag_ab: num,
  e_science_mag_ab: num,
});
export type LsstForcedPhotometry = z.infer<typeof lsstForcedPhotometrySchema>;

export const lsstFluxStatSchema = z.object({
  band: z.enum(LSST_BANDS),
  ndet: z.number().int(),
  nneg: z.number().int(),
  mjd_first: z.number(),
  mjd_last: z.number(),
  flux_mean_njy: z.number(),
  flux_median_njy: z.number(),
  flux_std_njy: num,
  flux_min_njy: z.number(),
  flux_max_njy: z.number(),
  flux_wmean_njy: num,
  flux_wmean_err_njy: num,
});
export type LsstFluxStat = z.infer<typeof lsstFluxStatSchema>;

type MagFields = "mag_ab" | "e_mag_ab" | "science_mag_ab" | "e_science_mag_ab";
type Fluxes = {
  psf_flux_njy: number | null;
  psf_flux_err_njy: number | null;
  science_flux_njy: number | null;
  science_flux_err_njy: number | null;
};

/** The magnitudes derived from the stored nJy fluxes (never stored themselves). */
function magnitudes(r: Fluxes): Record<MagFields, number | null> {
  return {
    mag_ab: fluxNJyToMagAb(r.psf_flux_njy),
    e_mag_ab: fluxErrNJyToMagErr(r.psf_flux_njy, r.psf_flux_err_njy),
    science_mag_ab: fluxNJyToMagAb(r.science_flux_njy),
    e_science_mag_ab: fluxErrNJyToMagErr(r.science_flux_njy, r.science_flux_err_njy),
  };
}

export async function getLsstObject(sql: Sql, oid: string): Promise<LsstObject | null> {
  const { rows } = await sql.query<Omit<LsstObject, "survey_id" | "ztf_links" | "lc_classification">>(
    "SELECT oid, meanra, meandec, firstmjd, lastmjd, ndet, nforced FROM survey_object WHERE survey = 'lsst' AND oid = $1",
    [oid],
  );
  if (!rows[0]) return null;
  const links = await sql.query<{ oid: string; dist_arcsec: number }>(
    "SELECT ztf_oid AS oid, dist_arcsec FROM survey_link WHERE lsst_oid = $1 ORDER BY dist_arcsec",
    [oid],
  );
  return lsstObjectSchema.parse({
    survey_id: "lsst",
    ...rows[0],
    ztf_links: links.rows,
    lc_classification: await getLsstLcClassification(sql, oid),
  });
}

/** The newest ZTF-trained light-curve classification of an LSST object (final classifier), or null. */
export async function getLsstLcClassification(sql: Sql, oid: string): Promise<LsstLcClassification | null> {
  const { rows } = await sql.query<{ classifier_version: string; trained_on_survey: string; n_det: number; last_mjd: number }>(
    `SELECT classifier_version, trained_on_survey, n_det, last_mjd FROM lsst_lc_classification
     WHERE oid = $1 ORDER BY classified_at DESC, classifier_version DESC LIMIT 1`,
    [oid],
  );
  const state = rows[0];
  if (!state) return null;
  const probabilities = await sql.query<{ class_name: string; probability: number; ranking: number }>(
    `SELECT class_name, probability, ranking FROM lsst_probability
     WHERE oid = $1 AND classifier_name = 'lc_classifier' AND classifier_version = $2 ORDER BY ranking`,
    [oid, state.classifier_version],
  );
  if (probabilities.rows.length === 0) return null;
  return lsstLcClassificationSchema.parse({
    classifier_name: "lc_classifier",
    ...state,
    validated_on_survey: false,
    class_name: probabilities.rows[0]!.class_name,
    probabilities: probabilities.rows,
  });
}

export async function getLsstDetections(sql: Sql, oid: string): Promise<LsstDetection[]> {
  const { rows } = await sql.query<Omit<LsstDetection, MagFields>>(
    `SELECT dia_source_id::text AS measurement_id, oid, mjd, band, ra, dec, psf_flux_njy, psf_flux_err_njy, science_flux_njy,
       science_flux_err_njy, snr, is_negative, reliability,
       EXISTS (SELECT 1 FROM lsst_cutout c WHERE c.dia_source_id = s.dia_source_id) AS has_stamp
     FROM lsst_dia_source s WHERE oid = $1 ORDER BY mjd, dia_source_id`,
    [oid],
  );
  return rows.map((r) => lsstDetectionSchema.parse({ ...r, ...magnitudes(r) }));
}

export async function getLsstForcedPhotometry(sql: Sql, oid: string): Promise<LsstForcedPhotometry[]> {
  const { rows } = await sql.query<Omit<LsstForcedPhotometry, MagFields>>(
    `SELECT dia_forced_source_id::text AS measurement_id, oid, mjd, band, psf_flux_njy, psf_flux_err_njy, science_flux_njy, science_flux_err_njy
     FROM lsst_forced_source WHERE oid = $1 ORDER BY mjd, dia_forced_source_id`,
    [oid],
  );
  return rows.map((r) => lsstForcedPhotometrySchema.parse({ ...r, ...magnitudes(r) }));
}

export async function getLsstFluxStats(sql: Sql, oid: string): Promise<LsstFluxStat[]> {
  const { rows } = await sql.query(
    `SELECT band, ndet, nneg, mjd_first, mjd_last, flux_mean_njy, flux_median_njy, flux_std_njy, flux_min_njy, flux_max_njy,
       flux_wmean_njy, flux_wmean_err_njy
     FROM lsst_flux_stat WHERE oid = $1 ORDER BY array_position(ARRAY['u','g','r','i','z','y'], band)`,
    [oid],
  );
  return rows.map((r) => lsstFluxStatSchema.parse(r));
}

export const LSST_CUTOUT_KINDS = ["science", "template", "difference"] as const;
export type LsstCutoutKind = (typeof LSST_CUTOUT_KINDS)[number];

/** The stored FITS of one cutout, or null. */
export async function getLsstCutoutFits(sql: Sql, diaSourceId: string, kind: LsstCutoutKind): Promise<Buffer | null> {
  const { rows } = await sql.query<{ fits: Buffer }>("SELECT fits FROM lsst_cutout WHERE dia_source_id = $1::bigint AND kind = $2", [
    diaSourceId,
    kind,
  ]);
  return rows[0] ? unpackLsstCutout(rows[0].fits) : null;
}

/** The newest detection of the object that has cutouts (what the page shows first), or null. */
export async function getLsstStampDetection(sql: Sql, oid: string): Promise<string | null> {
  const { rows } = await sql.query<{ id: string }>(
    `SELECT s.dia_source_id::text AS id FROM lsst_dia_source s
     WHERE s.oid = $1 AND EXISTS (SELECT 1 FROM lsst_cutout c WHERE c.dia_source_id = s.dia_source_id)
     ORDER BY s.mjd DESC LIMIT 1`,
    [oid],
  );
  return rows[0]?.id ?? null;
}

export const lsstObjectListItemSchema = lsstObjectSchema.omit({ ztf_links: true, lc_classification: true });

/** LSST objects for the search: newest first, optionally in a cone (radius in arcsec). */
export async function searchLsstObjects(
  sql: Sql,
  options: { page: number; pageSize: number; cone?: { raDeg: number; decDeg: number; radiusArcsec: number } },
): Promise<{ total: number; items: z.infer<typeof lsstObjectListItemSchema>[] }> {
  const params: unknown[] = [options.pageSize, (options.page - 1) * options.pageSize];
  let where = "survey = 'lsst'";
  if (options.cone) {
    params.push(options.cone.raDeg, options.cone.decDeg, options.cone.radiusArcsec / 3600);
    where += ` AND meandec BETWEEN $4::float8 - $5::float8 AND $4::float8 + $5::float8
      AND degrees(2 * asin(sqrt(power(sin(radians(meandec - $4::float8) / 2), 2)
        + cos(radians($4::float8)) * cos(radians(meandec)) * power(sin(radians(meanra - $3::float8) / 2), 2)))) <= $5::float8`;
  }
  const { rows } = await sql.query<Omit<LsstObject, "survey_id" | "ztf_links" | "lc_classification"> & { total: string }>(
    `SELECT oid, meanra, meandec, firstmjd, lastmjd, ndet, nforced, count(*) OVER () AS total FROM survey_object
     WHERE ${where} ORDER BY lastmjd DESC, oid LIMIT $1 OFFSET $2`,
    params,
  );
  return {
    total: rows[0] ? Number(rows[0].total) : 0,
    items: rows.map(({ total: _total, ...r }) => lsstObjectListItemSchema.parse({ survey_id: "lsst", ...r })),
  };
}
