// Cielo's "why this class" API (not part of ALeRCE's ZTF v1): GET /api/objects/{oid}/explanation.
import { z } from "zod";
import type { Sql } from "../db/sql";
import { notFound, parseParams } from "../errors/app-error";
import { getObjectLcExplanation, lcExplanationSchema } from "../explanations/lc-explanation";
import { ztfObjectIdSchema } from "../objects/object-id";
import { getDb } from "../server/db";
import type { ApiRequest, ApiResult } from "./api-handler";
import type { OpenApiHelpers } from "./catshtm-openapi";

export const explanationParamsSchema = z.object({ oid: ztfObjectIdSchema });

export const explanationResponseSchema = z.object({
  oid: z.string(),
  /** null when the object has no light-curve features of the served model's feature version. */
  lc_classifier: lcExplanationSchema.nullable(),
});

export async function handleGetExplanation(req: ApiRequest<{ oid: string }>, sql: Sql = getDb().readPool): Promise<ApiResult> {
  const { oid } = parseParams(explanationParamsSchema, req.params);
  const lc = await getObjectLcExplanation(sql, oid);
  if (lc === undefined) throw notFound();
  return { json: explanationResponseSchema.parse({ oid, lc_classifier: lc }) };
}

export function explanationOpenApiPaths({ json, errors, jsonSchema }: OpenApiHelpers): Record<string, Record<string, unknown>> {
  return {
    "/api/objects/{oid}/explanation": {
      get: {
        summary:
          "Why this class: the light-curve classifier's predicted class and the five features for and against it (tree path contributions)",
        tags: ["Explanations"],
        parameters: [{ name: "oid", in: "path", required: true, description: "ZTF object id", schema: { type: "string" } }],
        responses: {
          "200": json(jsonSchema(explanationResponseSchema)),
          "400": errors["400"],
          "404": { description: "Unknown object" },
          "429": errors["429"],
        },
      },
    },
  };
}
