// Handlers of ALeRCE's ZTF API v1 (alerts-api) over the read layer (lib/objects). Route files under
// app/api/ztf/v1/ bind them; tests call them directly with a handle of their own.
import { z } from "zod";
import type { Sql } from "../db/sql";
import { getObject } from "../objects/get-object";
import { getObjectDetections } from "../objects/get-object-detections";
import { getObjectFeatures } from "../objects/get-object-features";
import { getObjectLightcurve } from "../objects/get-object-lightcurve";
import { getObjectLimitValues } from "../objects/get-object-limit-values";
import { getObjectMagstats } from "../objects/get-object-magstats";
import { getObjectNonDetections } from "../objects/get-object-non-detections";
import { getObjectProbabilities } from "../objects/get-object-probabilities";
import { getClassifierClasses, listClassifiers } from "../objects/list-classifiers";
import { searchObjects, searchObjectsParamsSchema } from "../objects/search-objects";
import { getDb } from "../server/db";
import { notFound, parseParams } from "../errors/app-error";
import type { ApiRequest, ApiResult } from "./api-handler";
import { hasNoNul, intParam, stringParam } from "../http/query-params";
import { getObjectDataQuality } from "../objects/get-object-data-quality";
import { toObjectItem, toObjectListPage } from "./ztf-response-schemas";

export type OidParams = { oid: string };

export const probabilitiesParamsSchema = z.object({
  classifier: stringParam().pipe(z.string().max(100)).optional(),
  classifier_version: stringParam().pipe(z.string().max(100)).optional(),
});

export const featuresParamsSchema = z.object({
  fid: intParam().pipe(z.number().int().min(0).max(1000)).optional(),
  version: stringParam().pipe(z.string().max(100)).optional(),
});

const readPool = (): Sql => getDb().readPool;

const found = <T>(value: T | null, message = "Object not found"): T => {
  if (value === null) throw notFound(message);
  return value;
};

export async function handleListObjects(req: ApiRequest<unknown>, sql: Sql = readPool()): Promise<ApiResult> {
  const params = parseParams(searchObjectsParamsSchema, req.query);
  return { json: toObjectListPage(await searchObjects(sql, params)) };
}

export async function handleGetLimitValues(_req: ApiRequest<unknown>, sql: Sql = readPool()): Promise<ApiResult> {
  return { json: await getObjectLimitValues(sql), cacheControl: "public, max-age=60" };
}

export async function handleGetObject(req: ApiRequest<OidParams>, sql: Sql = readPool()): Promise<ApiResult> {
  const [object, quality] = await Promise.all([getObject(sql, req.params.oid), getObjectDataQuality(sql, req.params.oid)]);
  return { json: toObjectItem(found(object), quality.quarantined_detections) };
}

export async function handleGetLightcurve(req: ApiRequest<OidParams>, sql: Sql = readPool()): Promise<ApiResult> {
  return { json: found(await getObjectLightcurve(sql, req.params.oid)) };
}

export async function handleGetDetections(req: ApiRequest<OidParams>, sql: Sql = readPool()): Promise<ApiResult> {
  return { json: found(await getObjectDetections(sql, req.params.oid)) };
}

export async function handleGetNonDetections(req: ApiRequest<OidParams>, sql: Sql = readPool()): Promise<ApiResult> {
  return { json: found(await getObjectNonDetections(sql, req.params.oid)) };
}

export async function handleGetMagstats(req: ApiRequest<OidParams>, sql: Sql = readPool()): Promise<ApiResult> {
  return { json: found(await getObjectMagstats(sql, req.params.oid)) };
}

export async function handleGetProbabilities(req: ApiRequest<OidParams>, sql: Sql = readPool()): Promise<ApiResult> {
  const filter = parseParams(probabilitiesParamsSchema, req.query);
  return { json: found(await getObjectProbabilities(sql, req.params.oid, filter)) };
}

export async function handleGetFeatures(req: ApiRequest<OidParams>, sql: Sql = readPool()): Promise<ApiResult> {
  const filter = parseParams(featuresParamsSchema, req.query);
  return { json: found(await getObjectFeatures(sql, req.params.oid, filter)) };
}

export async function handleGetFeature(req: ApiRequest<OidParams & { name: string }>, sql: Sql = readPool()): Promise<ApiResult> {
  const filter = parseParams(featuresParamsSchema, req.query);
  if (req.params.name.length > 200 || !hasNoNul(req.params.name)) throw notFound();
  return { json: found(await getObjectFeatures(sql, req.params.oid, { ...filter, name: req.params.name })) };
}

export async function handleListClassifiers(_req: ApiRequest<unknown>, sql: Sql = readPool()): Promise<ApiResult> {
  return { json: await listClassifiers(sql), cacheControl: "public, max-age=60" };
}

export async function handleGetClassifierClasses(
  req: ApiRequest<{ classifier_name: string; classifier_version: string }>,
  sql: Sql = readPool(),
): Promise<ApiResult> {
  const classes = await getClassifierClasses(sql, req.params.classifier_name, req.params.classifier_version);
  return { json: found(classes, "Classifier not found"), cacheControl: "public, max-age=60" };
}

/** Any other path under /api/ztf/v1: ALeRCE's (flask) 404 body. */
export async function handleUnknownRoute(): Promise<ApiResult> {
  throw notFound(
    "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
  );
}
