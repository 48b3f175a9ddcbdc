// The OpenAPI 3.1 document of the public API, generated from the zod schemas that validate the
// routes' parameters (lib/objects, lib/api) and describe their responses (ztf-response-schemas).
import { z } from "zod";
import { alertRefSchema, stampParamsSchema } from "../objects/alert-params";
import { searchObjectsFieldsSchema } from "../objects/search-objects";
import { featuresParamsSchema, probabilitiesParamsSchema } from "./ztf-api";
import { catshtmOpenApiPaths } from "./catshtm-openapi";
import { multisurveyOpenApiPaths } from "./multisurvey-openapi";
import { explanationOpenApiPaths } from "./explanation-api";
import { stampSaliencyOpenApiPaths } from "./stamp-saliency-api";
import { forecastOpenApiPaths } from "./forecast-api";
import {
  classifierSchema,
  classSchema,
  detectionSchema,
  featureSchema,
  lightcurveSchema,
  magstatSchema,
  messageErrorSchema,
  nonDetectionSchema,
  objectItemSchema,
  objectListItemSchema,
  objectListPageSchema,
  probabilitySchema,
  validationErrorSchema,
} from "./ztf-response-schemas";

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "output"): JsonObject {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as JsonObject;
  return rest;
}

const COMPONENTS: Record<string, z.ZodType> = {
  ObjectListItem: objectListItemSchema,
  ObjectListPage: objectListPageSchema,
  Object: objectItemSchema,
  Detection: detectionSchema,
  NonDetection: nonDetectionSchema,
  Lightcurve: lightcurveSchema,
  Magstat: magstatSchema,
  Probability: probabilitySchema,
  Feature: featureSchema,
  Classifier: classifierSchema,
  Class: classSchema,
  ValidationError: validationErrorSchema,
  Message: messageErrorSchema,
};

const ref = (name: keyof typeof COMPONENTS) => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (name: keyof typeof COMPONENTS) => ({ type: "array", items: ref(name) });
const json = (schema: JsonObject, description = "Success") => ({ description, content: { "application/json": { schema } } });

/** Query parameters from a zod object: one per key, `required` when it has neither default nor optional. */
function queryParameters(schema: z.ZodObject, extra: JsonObject[] = []): JsonObject[] {
  const params = Object.entries(schema.shape).map(([name, field]) => {
    const zodField = field as z.ZodType;
    const fieldSchema = jsonSchema(zodField);
    const { description, ...schemaRest } = fieldSchema as JsonObject & { description?: string };
    // Text that becomes a bigint (candid) has no JSON Schema of its own: it is a decimal string.
    const rest = Object.keys(schemaRest).length ? schemaRest : { type: "string", pattern: "^\\d{1,19}$" };
    const required = !zodField.safeParse(undefined).success;
    return {
      name,
      in: "query",
      required,
      ...(description ? { description } : {}),
      schema: rest,
      ...(rest.type === "array" ? { style: "form", explode: true } : {}),
    };
  });
  return [...params, ...extra];
}

const oidParam = { name: "oid", in: "path", required: true, description: "Object id, e.g. ZTF20aafcnby", schema: { type: "string" } };
const errors = {
  "400": json(ref("ValidationError"), "Invalid parameters (ALeRCE's shape)"),
  "404": json(ref("Message"), "Unknown object"),
  "429": json(ref("Message"), "Rate limited: see Retry-After"),
};
const objectErrors = { "404": errors["404"], "429": errors["429"] };

function objectRoute(summary: string, response: JsonObject, parameters: JsonObject[] = []) {
  return {
    get: {
      summary,
      tags: ["ZTF API v1"],
      parameters: [oidParam, ...parameters],
      responses: { "200": json(response), ...objectErrors, ...(parameters.length ? { "400": errors["400"] } : {}) },
    },
  };
}

export function buildOpenApiDocument(): JsonObject {
  const searchParams = queryParameters(searchObjectsFieldsSchema, [
    {
      name: "class",
      in: "query",
      required: false,
      description: "Alias of class_name (what ALeRCE's Python client sends)",
      schema: { type: "string" },
    },
  ]);
  const binary = (type: string) => ({
    description: "Success",
    content: { [type]: { schema: { type: "string", contentMediaType: type } } },
  });
  const document = {
    openapi: "3.1.0",
    info: {
      title: "Cielo public API",
      version: "1.0.0",
      description:
        "ALeRCE ZTF API v1 compatible (point ALeRCE's Python client at /api/ztf/v1) plus ALeRCE's avro service (/api/avro). " +
        "Read-only, CORS open, rate limited per client (RateLimit-* headers, 429 + Retry-After); object resources carry an ETag.",
      license: { name: "MIT" },
    },
    servers: [{ url: "/" }],
    tags: [{ name: "ZTF API v1" }, { name: "Avro service" }],
    paths: {
      "/api/ztf/v1/objects": {
        get: {
          summary: "List objects by filters, cone search, page and order",
          tags: ["ZTF API v1"],
          parameters: searchParams,
          responses: { "200": json(ref("ObjectListPage")), "400": errors["400"], "429": errors["429"] },
        },
      },
      "/api/ztf/v1/objects/limit_values": {
        get: {
          summary: "Ranges of ndet and firstmjd over all objects",
          tags: ["ZTF API v1"],
          responses: {
            "200": json({
              type: "object",
              properties: {
                min_ndet: { type: ["integer", "null"] },
                max_ndet: { type: ["integer", "null"] },
                min_firstmjd: { type: ["number", "null"] },
                max_firstmjd: { type: ["number", "null"] },
              },
            }),
            "429": errors["429"],
          },
        },
      },
      "/api/ztf/v1/objects/{oid}": objectRoute("One object", ref("Object")),
      "/api/ztf/v1/objects/{oid}/lightcurve": objectRoute("Detections and non-detections", ref("Lightcurve")),
      "/api/ztf/v1/objects/{oid}/detections": objectRoute("Detections, oldest first", arrayOf("Detection")),
      "/api/ztf/v1/objects/{oid}/non_detections": objectRoute("Non-detections (upper limits), oldest first", arrayOf("NonDetection")),
      "/api/ztf/v1/objects/{oid}/magstats": objectRoute("Magnitude statistics per band", arrayOf("Magstat")),
      "/api/ztf/v1/objects/{oid}/probabilities": objectRoute(
        "Class probabilities",
        arrayOf("Probability"),
        queryParameters(probabilitiesParamsSchema),
      ),
      "/api/ztf/v1/objects/{oid}/features": objectRoute("Light-curve features", arrayOf("Feature"), queryParameters(featuresParamsSchema)),
      "/api/ztf/v1/objects/{oid}/features/{name}": {
        get: {
          summary: "One feature (its rows per band and version)",
          tags: ["ZTF API v1"],
          parameters: [
            oidParam,
            { name: "name", in: "path", required: true, schema: { type: "string" } },
            ...queryParameters(featuresParamsSchema),
          ],
          responses: { "200": json(arrayOf("Feature")), ...errors },
        },
      },
      "/api/ztf/v1/classifiers": {
        get: {
          summary: "Classifiers and their classes",
          tags: ["ZTF API v1"],
          responses: { "200": json(arrayOf("Classifier")), "429": errors["429"] },
        },
      },
      "/api/ztf/v1/classifiers/{classifier_name}/{classifier_version}/classes": {
        get: {
          summary: "Classes of one classifier version",
          tags: ["ZTF API v1"],
          parameters: [
            { name: "classifier_name", in: "path", required: true, schema: { type: "string" } },
            { name: "classifier_version", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: { "200": json(arrayOf("Class")), ...objectErrors },
        },
      },
      "/api/avro/get_stamp": {
        get: {
          summary: "One stamp of an alert: FITS (gzipped, as the alert carried it) or PNG",
          tags: ["Avro service"],
          parameters: queryParameters(stampParamsSchema, [
            {
              name: "stretch",
              in: "query",
              required: false,
              description: "PNG only: zscale (default), asinh or linear",
              schema: { enum: ["zscale", "asinh", "linear"] },
            },
            {
              name: "scale",
              in: "query",
              required: false,
              description: "PNG only: integer upscaling 1..8 (default 1)",
              schema: { type: "integer", minimum: 1, maximum: 8 },
            },
          ]),
          responses: {
            "200": {
              description: "Success",
              content: { "application/fits+gzip": { schema: { type: "string" } }, "image/png": { schema: { type: "string" } } },
            },
            ...errors,
          },
        },
      },
      "/api/avro/get_avro": {
        get: {
          summary: "The alert as an Avro file",
          tags: ["Avro service"],
          parameters: queryParameters(alertRefSchema),
          responses: { "200": binary("application/avro+binary"), ...errors },
        },
      },
      "/api/avro/get_alert": {
        get: {
          summary: "The alert record as JSON, without cutouts (64-bit integers as strings); ALeRCE's name: /api/avro/get_avro_info",
          tags: ["Avro service"],
          parameters: queryParameters(alertRefSchema),
          responses: { "200": json({ type: "object", additionalProperties: true }), ...errors },
        },
      },
      ...catshtmOpenApiPaths({ queryParameters, json, errors, jsonSchema }),
      ...multisurveyOpenApiPaths({ queryParameters, json, errors, jsonSchema }),
      ...explanationOpenApiPaths({ queryParameters, json, errors, jsonSchema }),
      ...stampSaliencyOpenApiPaths({ queryParameters, json, errors, jsonSchema }),
      ...forecastOpenApiPaths({ queryParameters, json, errors, jsonSchema }),
    },
    components: { schemas: Object.fromEntries(Object.entries(COMPONENTS).map(([name, schema]) => [name, jsonSchema(schema)])) },
  };
  return { ...document, tags: documentTags(document.tags, document.paths) };
}

/** The listed tags, then every other tag an operation uses (OpenAPI tools group by the top-level list). */
function documentTags(listed: { name: string }[], paths: Record<string, unknown>): { name: string }[] {
  const names = new Set(listed.map((t) => t.name));
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item as Record<string, { tags?: string[] }>)) {
      for (const tag of operation.tags ?? []) names.add(tag);
    }
  }
  return [...names].map((name) => ({ name }));
}
