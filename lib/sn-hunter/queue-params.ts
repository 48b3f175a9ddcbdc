import { z } from "zod";
import { ztfObjectIdSchema } from "../objects/object-id";

/** "uncertainty": active learning, the candidates the serving vote model is least sure of first (ADR 0043). */
export const QUEUE_SORTS = ["probability", "first_detection", "magnitude", "uncertainty"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Window choices offered by the page (hours); any value in 12..168 is accepted from the URL. */
export const WINDOW_HOURS_CHOICES = [12, 24, 48, 72, 168] as const;

/** The queue's URL parameters, parsed at the page boundary; a bad value falls back to its default. */
export const queueParamsSchema = z.object({
  windowHours: z.coerce.number().int().min(12).max(168).catch(24),
  limit: z.coerce.number().int().min(10).max(1000).catch(100),
  sort: z.enum(QUEUE_SORTS).catch("probability"),
  hideReviewed: z
    .enum(["1", "0", "true", "false", "on"])
    .optional()
    .transform((v) => v === "1" || v === "true" || v === "on")
    .catch(false),
  hideFlagged: z
    .enum(["1", "0", "true", "false", "on"])
    .optional()
    .transform((v) => v === "1" || v === "true" || v === "on")
    .catch(false),
  /** End of the window, UTC ("2023-10-18T12:00", seconds optional); unset = anchored to the data. */
  end: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
    .optional()
    .catch(undefined),
  oid: ztfObjectIdSchema.optional().catch(undefined),
});
export type QueueParams = z.infer<typeof queueParamsSchema>;

const strictFields = {
  windowHours: z.coerce
    .number({ error: "a number of hours, 12 to 168" })
    .int("a whole number of hours, 12 to 168")
    .min(12, "12 to 168 hours")
    .max(168, "12 to 168 hours"),
  limit: z.coerce.number({ error: "a number, 10 to 1000" }).int("a whole number, 10 to 1000").min(10, "10 to 1000").max(1000, "10 to 1000"),
  sort: z.enum(QUEUE_SORTS, { error: `one of ${QUEUE_SORTS.join(", ")}` }),
  hideReviewed: z.enum(["1", "0", "true", "false", "on"], { error: "1 or 0" }),
  hideFlagged: z.enum(["1", "0", "true", "false", "on"], { error: "1 or 0" }),
  end: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "a UTC date and time, e.g. 2018-11-29T12:00")
    .refine((v) => !Number.isNaN(Date.parse(`${v}Z`)), "not a real date"),
  oid: ztfObjectIdSchema,
} as const;

/**
 * The queue's parameters from the URL; a bad value falls back to its default and is reported in
 * `ignored` ("limit: 10 to 1000") so the page can say what it did instead of failing.
 */
export function parseQueueParams(raw: Record<string, string | string[] | undefined>): { params: QueueParams; ignored: string[] } {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)]));
  const ignored: string[] = [];
  for (const [key, schema] of Object.entries(strictFields)) {
    const value = values[key];
    if (value === undefined) continue;
    const checked = schema.safeParse(value);
    if (!checked.success) {
      ignored.push(`${key}: ${checked.error.issues[0]?.message ?? "invalid"}`);
      delete values[key];
    }
  }
  return { params: queueParamsSchema.parse(values), ignored };
}

/** The URL query of a queue view (defaults left out), e.g. for links to the next candidate. */
export function queueQuery(params: QueueParams, overrides: Partial<QueueParams> = {}): string {
  const p = { ...params, ...overrides };
  const q = new URLSearchParams();
  if (p.windowHours !== 24) q.set("windowHours", String(p.windowHours));
  if (p.limit !== 100) q.set("limit", String(p.limit));
  if (p.sort !== "probability") q.set("sort", p.sort);
  if (p.hideReviewed) q.set("hideReviewed", "1");
  if (p.hideFlagged) q.set("hideFlagged", "1");
  if (p.end) q.set("end", p.end);
  if (p.oid) q.set("oid", p.oid);
  const s = q.toString();
  return s ? `?${s}` : "";
}
