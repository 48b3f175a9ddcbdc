// OpenAPI paths of the multi-survey API (multisurvey-api.ts), from the zod schemas that validate the
// routes and shape their answers.
import { z } from "zod";
import { lsstDetectionSchema, lsstForcedPhotometrySchema, lsstObjectListItemSchema, lsstObjectSchema } from "../lsst/get-lsst-object";
import type { OpenApiHelpers } from "./catshtm-openapi";
import { multisurveyListParamsSchema, multisurveyObjectParamsSchema, multisurveyStampParamsSchema } from "./multisurvey-api";

type JsonObject = Record<string, unknown>;
const TAG = "Multi-survey API (LSST)";

export function multisurveyOpenApiPaths({ queryParameters, json, errors, jsonSchema }: OpenApiHelpers): Record<string, JsonObject> {
  const op = (summary: string, params: z.ZodObject, response: JsonObject, notFound = true) => ({
    get: {
      summary,
      tags: [TAG],
      parameters: queryParameters(params),
      responses: {
        "200": json(response),
        "400": errors["400"],
        ...(notFound ? { "404": { description: "No such LSST object" } } : {}),
        "429": errors["429"],
      },
    },
  });
  return {
    "/api/multisurvey/object_api/list_objects": op(
      "LSST objects, newest first, optionally in a cone",
      multisurveyListParamsSchema,
      jsonSchema(
        z.object({
          total: z.number().int(),
          page: z.number().int(),
          page_size: z.number().int(),
          items: z.array(lsstObjectListItemSchema),
        }),
      ),
      false,
    ),
    "/api/multisurvey/object_api/object": op(
      "One LSST object and the ZTF objects within 1.5″",
      multisurveyObjectParamsSchema,
      jsonSchema(lsstObjectSchema),
    ),
    "/api/multisurvey/lightcurve_api/detections": op(
      "Detections (diaSources), fluxes in nJy, AB magnitudes derived (m = 31.4 − 2.5 log10 f)",
      multisurveyObjectParamsSchema,
      jsonSchema(z.array(lsstDetectionSchema)),
    ),
    "/api/multisurvey/lightcurve_api/forced-photometry": op(
      "Forced photometry (diaForcedSources), nJy",
      multisurveyObjectParamsSchema,
      jsonSchema(z.array(lsstForcedPhotometrySchema)),
    ),
    "/api/multisurvey/lightcurve_api/lightcurve": op(
      "Detections and forced photometry (LSST has no upper limits: non_detections is empty)",
      multisurveyObjectParamsSchema,
      jsonSchema(
        z.object({
          detections: z.array(lsstDetectionSchema),
          non_detections: z.array(z.never()),
          forced_photometry: z.array(lsstForcedPhotometrySchema),
        }),
      ),
    ),
    "/api/multisurvey/stamp_api/stamp": {
      get: {
        summary: "A cutout rendered as PNG, north up and east left from the FITS WCS (psf=true: the PSF model)",
        tags: [TAG],
        parameters: queryParameters(multisurveyStampParamsSchema),
        responses: {
          "200": { description: "Success", content: { "image/png": { schema: { type: "string", contentMediaType: "image/png" } } } },
          "400": errors["400"],
          "404": { description: "No such cutout" },
          "429": errors["429"],
        },
      },
    },
  };
}
