import { z } from "zod";
import { stringParam } from "../http/query-params";
import { ZTF_CUTOUT_KINDS } from "../alerts/ztf-cutouts";
import { ztfObjectIdSchema } from "./object-id";

/**
 * A ZTF candid: a non-zero 64-bit integer, given as decimal text (it exceeds 2^53). Negative in the
 * 2016 IPAC test packets (e.g. -121540793515135000), which ALeRCE holds too.
 */
export const candidSchema = z
  .preprocess((v) => (typeof v === "number" || typeof v === "bigint" ? String(v) : Array.isArray(v) ? v[0] : v), z.string())
  .pipe(z.string().regex(/^-?\d{1,19}$/, { error: "a candid (an integer, e.g. 1127561441415015002)" }))
  .transform((v) => BigInt(v))
  .pipe(
    z
      .bigint()
      .min(-9_223_372_036_854_775_808n)
      .max(9_223_372_036_854_775_807n)
      .refine((v) => v !== 0n, { error: "a candid (an integer, e.g. 1127561441415015002)" }),
  );

/** oid + candid of one alert, as ALeRCE's avro service takes them (`?oid=&candid=`). */
export const alertRefSchema = z.object({
  oid: stringParam().pipe(ztfObjectIdSchema).describe("Object id, e.g. ZTF20aafcnby"),
  candid: candidSchema.describe("Alert candid (decimal digits), e.g. 1127561441415015002"),
});
export type AlertRef = z.output<typeof alertRefSchema>;

export const stampParamsSchema = alertRefSchema.extend({
  type: stringParam()
    .pipe(z.enum(ZTF_CUTOUT_KINDS as [string, ...string[]], { error: "science, template or difference" }))
    .describe("Which stamp"),
  format: stringParam()
    .pipe(z.enum(["png", "fits"], { error: "png or fits" }))
    .default("png")
    .describe("png (rendered, zscale) or fits (gzipped FITS exactly as the alert carried it)"),
});
export type StampParams = z.output<typeof stampParamsSchema>;
