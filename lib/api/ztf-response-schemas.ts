// Response shapes of the public API (ALeRCE ZTF API v1 field names and types). Each is the read
// layer's schema (lib/objects/*) or, where ALeRCE's JSON differs from Cielo's row, a mapping of it
// (toObjectItem, toObjectListPage). The OpenAPI document is generated from these schemas and the
// tests validate real responses with them.
import { z } from "zod";
import { type AstroObject, objectSchema } from "../objects/get-object";
import type { ObjectListItem, ObjectListPage } from "../objects/search-objects";
import { objectListItemSchema as readerListItemSchema, objectListPageSchema as readerListPageSchema } from "../objects/search-objects";
import { errorBodySchema } from "../errors/app-error";

export { detectionSchema } from "../objects/get-object-detections";
export { featureSchema } from "../objects/get-object-features";
export { lightcurveSchema } from "../objects/get-object-lightcurve";
export { magstatSchema } from "../objects/get-object-magstats";
export { nonDetectionSchema } from "../objects/get-object-non-detections";
export { probabilitySchema } from "../objects/get-object-probabilities";
export { classifierSchema, classSchema } from "../objects/list-classifiers";

const ndethistText = z.string().nullable().describe("Detections within 1.5\" in the survey's history (a string, as ALeRCE sends it)");

/**
 * ALeRCE's "Single Object": the object row with ndethist as a string, plus Cielo's data-quality
 * count (ALeRCE has no such field; its Python client passes unknown keys through untouched).
 */
export const objectItemSchema = objectSchema
  .extend({
    ndethist: ndethistText,
    quarantined_detections: z
      .number()
      .int()
      .describe("Cielo only: detections kept out of this object's light curve because they lie far from its position (ADR 0028)"),
  })
  .strict();
export type ObjectItem = z.infer<typeof objectItemSchema>;

export const objectListItemSchema = readerListItemSchema.extend({ ndethist: ndethistText }).strict();
export type ObjectListItemV1 = z.infer<typeof objectListItemSchema>;

export const objectListPageSchema = readerListPageSchema.extend({ items: z.array(objectListItemSchema) }).strict();
export type ObjectListPageV1 = z.infer<typeof objectListPageSchema>;

const ndethistV1 = (ndethist: number | null): string | null => (ndethist === null ? null : String(ndethist));

export function toObjectItem(object: AstroObject, quarantinedDetections: number): ObjectItem {
  return { ...object, ndethist: ndethistV1(object.ndethist), quarantined_detections: quarantinedDetections };
}

/** ALeRCE's list items carry step_id_corr last, after the class columns. */
function toObjectListItem({ step_id_corr, ndethist, ...item }: ObjectListItem): ObjectListItemV1 {
  const { oid, ...rest } = item;
  return { oid, ndethist: ndethistV1(ndethist), ...rest, step_id_corr };
}

export function toObjectListPage(page: ObjectListPage): ObjectListPageV1 {
  return { ...page, items: page.items.map(toObjectListItem) };
}

export const validationErrorSchema = z
  .object({
    errors: z.record(z.string(), z.string()).describe("Message per invalid parameter"),
    message: z.literal("Input payload validation failed").or(z.string()),
    code: errorBodySchema.shape.code,
  })
  .strict();

export const messageErrorSchema = errorBodySchema.omit({ errors: true });
