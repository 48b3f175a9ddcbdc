// The multi-survey API (ADR 0033): ALeRCE's multisurvey route names (object_api/list_objects,
// object_api/object, lightcurve_api/detections, lightcurve_api/forced-photometry,
// lightcurve_api/lightcurve) with its `survey_id` parameter, over the LSST read layer. ZTF keeps its
// ALeRCE ZTF v1 API (/api/ztf/v1); survey_id=ztf here answers 400 and says so.
import { z } from "zod";
import { notFound, parseParams, validationError } from "../errors/app-error";
import type { Sql } from "../db/sql";
import {
  getLsstCutoutFits,
  getLsstDetections,
  getLsstForcedPhotometry,
  getLsstObject,
  LSST_CUTOUT_KINDS,
  lsstObjectIdSchema,
  searchLsstObjects,
} from "../lsst/get-lsst-object";
import { renderLsstCutoutPng } from "../lsst/render-lsst-cutout";
import type { ApiRequest, ApiResult } from "./api-handler";

const surveyIdSchema = z.enum(["lsst"], {
  error: "survey_id must be lsst here (ZTF objects are served by the ALeRCE ZTF v1 API at /api/ztf/v1)",
});

export const multisurveyObjectParamsSchema = z.object({
  oid: lsstObjectIdSchema.describe("LSST diaObjectId"),
  survey_id: surveyIdSchema.describe("survey: lsst"),
});

export const multisurveyListParamsSchema = z.object({
  survey_id: surveyIdSchema.describe("survey: lsst"),
  ra: z.coerce.number().min(0).max(360).optional().describe("cone centre RA, degrees"),
  dec: z.coerce.number().min(-90).max(90).optional().describe("cone centre Dec, degrees"),
  radius: z.coerce.number().positive().max(36000).optional().describe("cone radius, arcsec"),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  page_size: z.coerce.number().int().min(1).max(1000).default(10),
});

export const multisurveyStampParamsSchema = z.object({
  survey_id: surveyIdSchema.describe("survey: lsst"),
  measurement_id: z
    .string()
    .regex(/^\d{1,20}$/, "a diaSourceId")
    .describe("diaSourceId of the detection"),
  kind: z.enum(LSST_CUTOUT_KINDS).describe("science, template or difference"),
  psf: z.enum(["true", "false"]).default("false").describe("the PSF model (PSFIMAGE) instead of the image"),
});

export async function handleListObjects(sql: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const p = parseParams(multisurveyListParamsSchema, req.query);
  const coneParts = [p.ra, p.dec, p.radius].filter((v) => v !== undefined).length;
  if (coneParts !== 0 && coneParts !== 3) throw validationError({ radius: "ra, dec and radius go together" });
  const cone = coneParts === 3 ? { raDeg: p.ra!, decDeg: p.dec!, radiusArcsec: p.radius! } : undefined;
  const result = await searchLsstObjects(sql, { page: p.page, pageSize: p.page_size, cone });
  return { json: { total: result.total, page: p.page, page_size: p.page_size, items: result.items } };
}

export async function handleGetObject(sql: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const { oid } = parseParams(multisurveyObjectParamsSchema, req.query);
  const object = await getLsstObject(sql, oid);
  if (!object) throw notFound(`LSST object ${oid} not found`);
  return { json: object };
}

async function requireObject(sql: Sql, oid: string): Promise<void> {
  if (!(await getLsstObject(sql, oid))) throw notFound(`LSST object ${oid} not found`);
}

export async function handleGetDetections(sql: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const { oid } = parseParams(multisurveyObjectParamsSchema, req.query);
  await requireObject(sql, oid);
  return { json: await getLsstDetections(sql, oid) };
}

export async function handleGetForcedPhotometry(sql: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const { oid } = parseParams(multisurveyObjectParamsSchema, req.query);
  await requireObject(sql, oid);
  return { json: await getLsstForcedPhotometry(sql, oid) };
}

export async function handleGetLightcurve(sql: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const { oid } = parseParams(multisurveyObjectParamsSchema, req.query);
  await requireObject(sql, oid);
  const [detections, forcedPhotometry] = await Promise.all([getLsstDetections(sql, oid), getLsstForcedPhotometry(sql, oid)]);
  // LSST has no upper limits: forced photometry takes their place (ALeRCE's multisurvey shape).
  return { json: { detections, non_detections: [], forced_photometry: forcedPhotometry } };
}

export async function handleGetStamp(sql: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const p = parseParams(multisurveyStampParamsSchema, req.query);
  const fits = await getLsstCutoutFits(sql, p.measurement_id, p.kind);
  if (!fits) throw notFound(`no ${p.kind} cutout for diaSource ${p.measurement_id}`);
  return {
    bytes: renderLsstCutoutPng(fits, { psf: p.psf === "true" }),
    contentType: "image/png",
    cacheControl: "public, max-age=86400, immutable",
  };
}
