import { z } from "zod";
import { ztfObjectIdSchema } from "../objects/object-id";

export const QUEUE_SORTS = ["probability", "first_detection", "magnitude"] as const;
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
  /** End of the window, UTC ("2023-10-18T12:00", seconds optional); unset = anchored to the data. */
  end: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
    .optional()
    .catch(undefined),
  oid: ztfObjectIdSchema.optional().catch(undefined),
});
export type QueueParams = z.infer<typeof queueParamsSchema>;

export function parseQueueParams(raw: Record<string, string | string[] | undefined>): QueueParams {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return queueParamsSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])));
}

/** The URL query of a queue view (defaults left out), e.g. for links to the next candidate. */
export function queueQuery(params: QueueParams, overrides: Partial<QueueParams> = {}): string {
  const p = { ...params, ...overrides };
  const q = new URLSearchParams();
  if (p.windowHours !== 24) q.set("windowHours", String(p.windowHours));
  if (p.limit !== 100) q.set("limit", String(p.limit));
  if (p.sort !== "probability") q.set("sort", p.sort);
  if (p.hideReviewed) q.set("hideReviewed", "1");
  if (p.end) q.set("end", p.end);
  if (p.oid) q.set("oid", p.oid);
  const s = q.toString();
  return s ? `?${s}` : "";
}
