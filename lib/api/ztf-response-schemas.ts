// Response shapes of the public API (ALeRCE ZTF API v1 field names and types), as zod schemas:
// the OpenAPI document is generated from them and the tests validate real responses with them.
import { z } from "zod";
import { errorBodySchema } from "../errors/app-error";

const num = () => z.number();
const nullableNum = () => z.number().nullable();
/** A JSON integer that may exceed 2^53 (written exactly; JavaScript readers round it). */
const int64 = () => z.number().refine(Number.isInteger, { error: "expected an integer" }).meta({ type: "integer", format: "int64" });

export const objectItemSchema = z
  .object({
    oid: z.string().describe("Object identifier (ZTF objectId)"),
    ndethist: z.string().nullable().describe("Detections within 1.5\" in the survey's history (a string, as ALeRCE sends it)"),
    ncovhist: z.number().int().nullable().describe("Times the position was covered by the survey"),
    mjdstarthist: nullableNum().describe("MJD of the earliest detection counted in ndethist"),
    mjdendhist: nullableNum().describe("MJD of the latest detection counted in ndethist"),
    corrected: z.boolean().describe("Whether the corrected light curve can be used"),
    stellar: z.boolean().describe("Whether the object is likely a stellar-like source"),
    ndet: z.number().int().describe("Number of detections"),
    g_r_max: nullableNum().describe("g - r of the brightest difference magnitudes"),
    g_r_max_corr: nullableNum().describe("g - r of the brightest corrected magnitudes"),
    g_r_mean: nullableNum().describe("g - r of the mean difference magnitudes"),
    g_r_mean_corr: nullableNum().describe("g - r of the mean corrected magnitudes"),
    firstmjd: num().describe("MJD of the first detection"),
    lastmjd: num().describe("MJD of the last detection"),
    deltajd: num().describe("lastmjd - firstmjd, days"),
    meanra: num().describe("Mean RA, degrees (ICRS)"),
    meandec: num().describe("Mean Dec, degrees (ICRS)"),
    sigmara: nullableNum().describe("Error of the mean RA, degrees"),
    sigmadec: nullableNum().describe("Error of the mean Dec, degrees"),
    step_id_corr: z.string().describe("Version of the correction step"),
  })
  .strict();

export const objectListItemSchema = objectItemSchema
  .extend({
    class: z.string().nullable().describe("Class (top class of the default classifier, or the one filtered on)"),
    classifier: z.string().nullable().describe("Classifier of `class`"),
    probability: nullableNum().describe("Probability of `class`"),
  })
  .strict();

export const objectListPageSchema = z
  .object({
    total: z.number().int().nullable().describe("Matching objects (null unless count=true; counting stops at 50 001)"),
    page: z.number().int(),
    next: z.number().int().nullable(),
    has_next: z.boolean(),
    prev: z.number().int().nullable(),
    has_prev: z.boolean(),
    items: z.array(objectListItemSchema),
  })
  .strict();

export const detectionSchema = z
  .object({
    tid: z.literal("ztf"),
    mjd: num(),
    candid: z.string().describe("Alert candidate id (a string: it exceeds 2^53)"),
    fid: z.number().int().describe("Band: 1 = g, 2 = r, 3 = i"),
    pid: int64(),
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
    rfid: int64().nullable(),
    has_stamp: z.boolean(),
    corrected: z.boolean(),
    dubious: z.boolean(),
    candid_alert: z.string().nullable(),
    step_id_corr: z.string(),
    phase: num(),
    parent_candid: int64().nullable().describe("candid of the alert that carried this detection as a previous candidate"),
  })
  .strict();

export const nonDetectionSchema = z.object({ tid: z.literal("ztf"), mjd: num(), fid: z.number().int(), diffmaglim: num() }).strict();

export const lightcurveSchema = z.object({ detections: z.array(detectionSchema), non_detections: z.array(nonDetectionSchema) }).strict();

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

export const probabilitySchema = z
  .object({
    classifier_name: z.string(),
    classifier_version: z.string(),
    class_name: z.string(),
    probability: num(),
    ranking: z.number().int(),
  })
  .strict();

export const featureSchema = z.object({ name: z.string(), value: nullableNum(), fid: z.number().int(), version: z.string() }).strict();

export const classifierSchema = z
  .object({ classifier_name: z.string(), classifier_version: z.string(), classes: z.array(z.string()) })
  .strict();

export const classSchema = z.object({ name: z.string() }).strict();

export const validationErrorSchema = z
  .object({
    errors: z.record(z.string(), z.string()).describe("Message per invalid parameter"),
    message: z.literal("Input payload validation failed").or(z.string()),
    code: errorBodySchema.shape.code,
  })
  .strict();

export const messageErrorSchema = errorBodySchema.omit({ errors: true });
