// Cielo's forecast resource (GET /api/objects/{oid}/forecast, ADR 0039): not part of ALeRCE's ZTF
// API v1, whose response shapes stay as they are.
import { notFound, parseParams } from "../errors/app-error";
import type { Sql } from "../db/sql";
import { forecastParamsSchema, getObjectForecast, objectForecastSchema } from "../forecast/object-forecast";
import { isPlausibleOid } from "../objects/object-id";
import type { ApiRequest, ApiResult } from "./api-handler";
import type { OpenApiHelpers } from "./catshtm-openapi";

export async function handleGetForecast(req: ApiRequest<{ oid: string }>, sql: Sql): Promise<ApiResult> {
  const params = parseParams(forecastParamsSchema, req.query);
  if (!isPlausibleOid(req.params.oid)) throw notFound("Object not found");
  const forecast = await getObjectForecast(sql, req.params.oid, params);
  if (!forecast) throw notFound("Object not found");
  return { json: objectForecastSchema.parse(forecast) };
}

export function forecastOpenApiPaths({
  queryParameters,
  json,
  errors,
  jsonSchema,
}: OpenApiHelpers): Record<string, Record<string, unknown>> {
  return {
    "/api/objects/{oid}/forecast": {
      get: {
        summary:
          "Light-curve forecast: SPM extrapolation per band with a 90 % prediction band and the expected peak (transients), or the next maximum and minimum (periodic variables)",
        tags: ["Cielo"],
        parameters: [
          { name: "oid", in: "path", required: true, description: "Object id, e.g. ZTF20aafcnby", schema: { type: "string" } },
          ...queryParameters(forecastParamsSchema),
        ],
        responses: {
          "200": json(jsonSchema(objectForecastSchema)),
          "400": errors["400"],
          "404": json({ type: "object", properties: { message: { type: "string" } } }, "Unknown object"),
          "429": errors["429"],
        },
      },
    },
  };
}
