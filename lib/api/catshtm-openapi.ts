// OpenAPI paths of the catalog service, built with the API document's own helpers (lib/api/openapi.ts)
// from the zod schemas that validate the routes (catshtm-api.ts).
import type { z } from "zod";
import {
  catalogListItemSchema,
  conesearchAllParamsSchema,
  conesearchParamsSchema,
  crossmatchAllParamsSchema,
  crossmatchParamsSchema,
} from "./catshtm-api";

type JsonObject = Record<string, unknown>;

export interface OpenApiHelpers {
  queryParameters: (schema: z.ZodObject) => JsonObject[];
  json: (schema: JsonObject, description?: string) => JsonObject;
  errors: Record<"400" | "429", JsonObject>;
  jsonSchema: (schema: z.ZodType) => JsonObject;
}

const TAG = "Catalog service (catsHTM-compatible)";

const columnsSchema: JsonObject = {
  type: "object",
  description: "Column name → { units, values[] } (id, RA, Dec, the catalog's numeric columns, class, period, distance in arcsec)",
  additionalProperties: { type: "object", properties: { units: { type: "string" }, values: { type: "array" } } },
};
const rowSchema: JsonObject = {
  type: "object",
  description: "Column name → { value, unit } of the nearest source; {} when none is within the radius",
  additionalProperties: { type: "object", properties: { value: {}, unit: { type: "string" } } },
};

export function catshtmOpenApiPaths({ queryParameters, json, errors, jsonSchema }: OpenApiHelpers): Record<string, JsonObject> {
  const op = (summary: string, schema: z.ZodObject | null, response: JsonObject) => ({
    get: {
      summary,
      tags: [TAG],
      parameters: schema ? queryParameters(schema) : [],
      responses: { "200": json(response), ...(schema ? { "400": errors["400"] } : {}), "429": errors["429"] },
    },
  });
  return {
    "/api/catshtm/catalogs": op("Loaded catalogs, their columns and default crossmatch radius", null, {
      type: "object",
      properties: { catalogs: { type: "array", items: jsonSchema(catalogListItemSchema) } },
    }),
    "/api/catshtm/conesearch": op("Every source of one catalog within the radius, nearest first (at most 10,000)", conesearchParamsSchema, {
      type: "object",
      description: "{ <catalog>: columns }, or {} when the cone is empty",
      additionalProperties: columnsSchema,
    }),
    "/api/catshtm/conesearch_all": op("The cone in every loaded catalog", conesearchAllParamsSchema, {
      type: "object",
      properties: { catalogs: { type: "array", items: { type: "object", additionalProperties: columnsSchema } } },
    }),
    "/api/catshtm/crossmatch": op("The nearest source of one catalog within the radius", crossmatchParamsSchema, rowSchema),
    "/api/catshtm/crossmatch_all": op("The nearest source of every loaded catalog within the radius", crossmatchAllParamsSchema, {
      type: "array",
      items: { type: "object", additionalProperties: rowSchema },
    }),
  };
}
