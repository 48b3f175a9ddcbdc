// Cielo's stamp saliency API (not part of ALeRCE's ZTF v1):
// GET /api/objects/{oid}/stamp-saliency/{kind}?candid=&scale= → the occlusion saliency map of one of
// the alert's three stamps as a grayscale PNG (lib/classifiers/stamp/stamp-saliency.ts).
import { z } from "zod";
import { loadStampClassifierIfPresent, type StampClassifier } from "../classifiers/stamp/stamp-classifier";
import { renderSaliencyPng, stampSaliency, type StampSaliency } from "../classifiers/stamp/stamp-saliency";
import type { Sql } from "../db/sql";
import { AppError, notFound, parseParams } from "../errors/app-error";
import { FitsError } from "../fits/read-fits-image";
import { intParam } from "../http/query-params";
import { readAlertFile } from "../alerts/read-alert-file";
import { alertRows } from "../ingest/alert-rows";
import { candidSchema } from "../objects/alert-params";
import { getAlertAvro } from "../objects/get-alert-avro";
import { ztfObjectIdSchema } from "../objects/object-id";
import { stampInputOf } from "../pipeline/steps/classify-new-objects";
import { StampPreprocessError, STAMP_CHANNELS, stampTensor } from "../stamps/preprocess-stamps";
import { getDb } from "../server/db";
import type { ApiRequest, ApiResult } from "./api-handler";
import type { OpenApiHelpers } from "./catshtm-openapi";

export const stampSaliencyPathSchema = z.object({
  oid: ztfObjectIdSchema,
  kind: z.enum(STAMP_CHANNELS, { error: "science, template or difference" }),
});
export const stampSaliencyQuerySchema = z.object({
  candid: candidSchema.describe("Alert candid (decimal digits), e.g. 1127561441415015002"),
  scale: intParam().pipe(z.number().int().min(1).max(8)).default(3).describe("Integer upscaling of the 21×21 map, 1..8"),
});

const cache = globalThis as typeof globalThis & { cieloStampSaliencyClassifier?: Promise<StampClassifier | null> };
/** The three images of one alert are asked for together: keep the last few maps. */
const recent = new Map<string, Promise<StampSaliency>>();
const RECENT_MAX = 32;

async function alertSaliency(sql: Sql, oid: string, candid: bigint): Promise<StampSaliency> {
  cache.cieloStampSaliencyClassifier ??= loadStampClassifierIfPresent();
  const classifier = await cache.cieloStampSaliencyClassifier;
  if (!classifier) throw new AppError("not_found", "No stamp classifier model on this server.");
  const avro = await getAlertAvro(sql, { oid, candid });
  if (!avro) throw notFound("AVRO not found");
  const name = `${oid}_${candid}.avro`;
  const decoded = readAlertFile(avro, name).alerts[0];
  const cutouts = decoded?.alert.cutouts;
  if (!decoded || !cutouts?.science || !cutouts.template || !cutouts.difference) {
    throw new AppError("not_found", "This alert does not carry three stamps.");
  }
  try {
    const stamps = stampTensor({ science: cutouts.science, template: cutouts.template, difference: cutouts.difference });
    return await stampSaliency(classifier, stampInputOf(alertRows(decoded, name), stamps));
  } catch (error) {
    if (error instanceof StampPreprocessError || error instanceof FitsError)
      throw new AppError("not_found", `The stamps cannot be classified: ${error.message}`);
    throw error;
  }
}

export async function handleGetStampSaliency(
  req: ApiRequest<{ oid: string; kind: string }>,
  sql: Sql = getDb().readPool,
): Promise<ApiResult> {
  const { oid, kind } = parseParams(stampSaliencyPathSchema, req.params);
  const { candid, scale } = parseParams(stampSaliencyQuerySchema, req.query);
  const key = `${oid}|${candid}`;
  let saliency = recent.get(key);
  if (!saliency) {
    saliency = alertSaliency(sql, oid, candid);
    recent.set(key, saliency);
    saliency.catch(() => recent.delete(key));
    if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  }
  const png = renderSaliencyPng(await saliency, kind, scale);
  return { bytes: png, contentType: "image/png", fileName: `${oid}_${candid}_${kind}_saliency.png`, cacheControl: "public, max-age=3600" };
}

export function stampSaliencyOpenApiPaths({ queryParameters, errors }: OpenApiHelpers): Record<string, Record<string, unknown>> {
  return {
    "/api/objects/{oid}/stamp-saliency/{kind}": {
      get: {
        summary:
          "Why this class (stamps): occlusion saliency of one stamp for the stamp classifier's top class, as a grayscale PNG (white = occluding it lowers the probability most)",
        tags: ["Explanations"],
        parameters: [
          { name: "oid", in: "path", required: true, description: "ZTF object id", schema: { type: "string" } },
          { name: "kind", in: "path", required: true, schema: { type: "string", enum: [...STAMP_CHANNELS] } },
          ...queryParameters(stampSaliencyQuerySchema),
        ],
        responses: {
          "200": { description: "PNG", content: { "image/png": { schema: { type: "string", format: "binary" } } } },
          "400": errors["400"],
          "404": { description: "Unknown alert, or no three stamps" },
          "429": errors["429"],
        },
      },
    },
  };
}
