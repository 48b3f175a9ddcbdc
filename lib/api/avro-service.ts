// ALeRCE's avro service (avro.alerce.online: /get_stamp, /get_avro, /get_avro_info) on Cielo's
// stored alerts. The route files under app/api/avro/ only bind these handlers.
import { z } from "zod";
import type { Sql } from "../db/sql";
import { detectCutoutFormat, type ZtfCutoutKind } from "../alerts/ztf-cutouts";
import { FitsError, readFitsImage } from "../fits/read-fits-image";
import { alertRefSchema, stampParamsSchema } from "../objects/alert-params";
import { getAlertAvro, getAlertRecord } from "../objects/get-alert-avro";
import { getAlertStamp } from "../objects/get-alert-stamp";
import { renderStampPng, type StampStretch } from "../stamps/render-stamp-png";
import { AppError, notFound, parseParams } from "../errors/app-error";
import type { ApiRequest, ApiResult } from "./api-handler";
import { intParam, stringParam } from "../http/query-params";

/** Stamps and packets never change once ingested. */
const IMMUTABLE = "public, max-age=86400, immutable";

/** Cielo's extras to the PNG rendering (ALeRCE ignores unknown parameters too). */
const pngOptionsSchema = z.object({
  stretch: stringParam()
    .pipe(z.enum(["zscale", "asinh", "linear"], { error: "zscale, asinh or linear" }))
    .default("zscale"),
  scale: intParam().pipe(z.number().int().min(1).max(8)).default(1),
});

export function stampResponse(
  stampData: Buffer,
  meta: { oid: string; candid: bigint; kind: ZtfCutoutKind; format: string },
  png: { stretch: StampStretch; scale: number },
): ApiResult {
  const base = `${meta.oid}_${meta.candid}_${meta.kind}`;
  const kind = detectCutoutFormat(stampData);
  if (meta.format === "fits") {
    if (kind !== "fits.gz") throw new AppError("not_found", `The ${meta.kind} stamp of this alert is not a FITS file (${kind}).`);
    return { bytes: stampData, contentType: "application/fits+gzip", fileName: `${base}.fits.gz`, cacheControl: IMMUTABLE };
  }
  // The 2016 IPAC pre-survey packets carry JPEG stamps: show them as they are.
  if (kind === "jpeg") return { bytes: stampData, contentType: "image/jpeg", fileName: `${base}.jpg`, cacheControl: IMMUTABLE };
  try {
    const image = readFitsImage(stampData);
    return { bytes: renderStampPng(image, png), contentType: "image/png", fileName: `${base}.png`, cacheControl: IMMUTABLE };
  } catch (error) {
    if (error instanceof FitsError)
      throw new AppError("not_found", `The ${meta.kind} stamp of this alert cannot be read: ${error.message}`);
    throw error;
  }
}

export async function handleGetStamp(sql: Sql, { query }: ApiRequest<unknown>): Promise<ApiResult> {
  const params = parseParams(stampParamsSchema, query);
  const png = parseParams(pngOptionsSchema, query);
  const kind = params.type as ZtfCutoutKind;
  const stamp = await getAlertStamp(sql, params, kind);
  if (!stamp) throw notFound("AVRO not found");
  return stampResponse(stamp.stampData, { oid: params.oid, candid: params.candid, kind, format: params.format }, png);
}

export async function handleGetAvro(sql: Sql, { query }: ApiRequest<unknown>): Promise<ApiResult> {
  const ref = parseParams(alertRefSchema, query);
  const avro = await getAlertAvro(sql, ref);
  if (!avro) throw notFound("AVRO not found");
  return { bytes: avro, contentType: "application/avro+binary", fileName: `${ref.candid}.avro`, cacheControl: IMMUTABLE };
}

export async function handleGetAlert(sql: Sql, { query }: ApiRequest<unknown>): Promise<ApiResult> {
  const ref = parseParams(alertRefSchema, query);
  const record = await getAlertRecord(sql, ref);
  if (!record) throw notFound("AVRO not found");
  return { json: record, cacheControl: IMMUTABLE };
}
