// GET /objects of ALeRCE's ZTF API v1, as a typed query function: the API route and the Explorer's
// search page both call searchObjects. Semantics follow ALeRCE's API (alerts-api, astro_object):
// - without classifier / classifier_version / class / ranking / probability, every object is listed
//   with the top class (ranking 1) of the default classifier (outer join; class null if none);
// - with any of them, objects are joined to their probability rows; ranking defaults to 1 when a
//   classifier, classifier_version or class is given (`probability` alone keeps every ranking);
// - ndet / firstmjd / lastmjd take [min] or [min, max]; oid takes a list, `*` is a wildcard;
// - ra/dec/radius: cone search, radius in arcsec (default 30);
// - count=false (the default) leaves total null; counts stop at 50 001 like ALeRCE's;
// Differences (documented in docs/api.md): has_next/next are right even without count (one extra
// row is fetched), the order is deterministic when order_by is absent (given oid order, else
// probability desc when filtering by classifier, else lastmjd desc; ties by oid), nulls sort last.
import { z } from "zod";
import { CURRENT_ANOMALY_MODEL_NAME } from "../classifiers/anomaly/anomaly-model-version";
import { floatParam, intItem, floatItem, intParam, listParam, stringParam, boolParam } from "../http/query-params";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { coneSqlCondition, MAX_CONE_RADIUS_ARCSEC } from "../sky/cone-search";
import { type AstroObject, OBJECT_COLUMNS_SQL, objectSchema } from "./get-object";

export const OBJECT_ORDER_COLUMNS = [
  "oid",
  "ndethist",
  "ncovhist",
  "mjdstarthist",
  "mjdendhist",
  "corrected",
  "stellar",
  "ndet",
  "g_r_max",
  "g_r_max_corr",
  "g_r_mean",
  "g_r_mean_corr",
  "meanra",
  "meandec",
  "sigmara",
  "sigmadec",
  "deltajd",
  "firstmjd",
  "lastmjd",
  "step_id_corr",
] as const;
export const PROBABILITY_ORDER_COLUMNS = ["class_name", "classifier_name", "classifier_version", "probability", "ranking"] as const;
/** Orders by the current anomaly detector's score (docs/anomaly.md); unscored objects last. */
export const ANOMALY_ORDER_COLUMN = "anomaly_score";
export const ORDER_BY_COLUMNS = [...OBJECT_ORDER_COLUMNS, ...PROBABILITY_ORDER_COLUMNS, ANOMALY_ORDER_COLUMN] as const;
export type OrderByColumn = (typeof ORDER_BY_COLUMNS)[number];

/** Names ALeRCE's docs and client also use for the same columns. */
const ORDER_BY_ALIASES: Record<string, OrderByColumn> = { class: "class_name", classifier: "classifier_name", deltamjd: "deltajd" };

/** Classifiers whose top class is shown when no classifier filter is given, in order of preference. */
export const DEFAULT_CLASSIFIERS = ["lc_classifier", "stamp_classifier"] as const;
export const MAX_PAGE_SIZE = 1000;
export const MAX_PAGE = 100_000;
/** Like ALeRCE (max_results = 50 000): counting stops after this many rows + 1. */
export const MAX_COUNT = 50_000;
export const DEFAULT_CONE_RADIUS_ARCSEC = 30;

const OID_PATTERN = /^[A-Za-z0-9_*-]{1,40}$/;
const name = (max: number) => stringParam().pipe(z.string().max(max, { error: `at most ${max} characters` }));

/** The query parameters of GET /objects (before the `class` alias and the cone check). */
export const searchObjectsFieldsSchema = z.object({
  oid: listParam(z.string().regex(OID_PATTERN, { error: "an object id (letters, digits, _ - and * wildcards)" }), 1000)
    .optional()
    .describe("Object ids (repeat the parameter for several); `*` is a wildcard, e.g. ZTF20aa*"),
  classifier: name(100).optional().describe("Classifier name, e.g. stamp_classifier or lc_classifier"),
  classifier_version: name(100).optional().describe("Classifier version"),
  class_name: name(100).optional().describe("Class name (ALeRCE's client sends it as `class`; both are accepted)"),
  ranking: intParam()
    .pipe(z.number().int().min(1).max(1000))
    .optional()
    .describe("Class ranking by probability (default 1 when a classifier, version or class is given)"),
  probability: floatParam().pipe(z.number().min(0).max(1)).optional().describe("Minimum probability"),
  anomaly_score: floatParam()
    .pipe(z.number().min(0).max(1))
    .optional()
    .describe("Minimum anomaly score of the current anomaly detector (objects without a score are left out)"),
  ndet: listParam(intItem().pipe(z.number().int().min(0).max(2_147_483_647)), 2)
    .optional()
    .describe("Number of detections: min, or min and max (ndet=2&ndet=10)"),
  firstmjd: listParam(floatItem().pipe(z.number().min(-1e7).max(1e7)), 2)
    .optional()
    .describe("First detection MJD: min, or min and max"),
  lastmjd: listParam(floatItem().pipe(z.number().min(-1e7).max(1e7)), 2)
    .optional()
    .describe("Last detection MJD: min, or min and max"),
  ra: floatParam().pipe(z.number().min(0).max(360)).optional().describe("Cone search centre RA, degrees (with dec)"),
  dec: floatParam().pipe(z.number().min(-90).max(90)).optional().describe("Cone search centre Dec, degrees (with ra)"),
  radius: floatParam().pipe(z.number().gt(0).max(MAX_CONE_RADIUS_ARCSEC)).optional().describe("Cone search radius, arcsec (default 30)"),
  page: intParam().pipe(z.number().int().min(1).max(MAX_PAGE)).default(1).describe("Page number, from 1"),
  page_size: intParam().pipe(z.number().int().min(1).max(MAX_PAGE_SIZE)).default(10).describe(`Objects per page, at most ${MAX_PAGE_SIZE}`),
  count: boolParam().default(false).describe("Count the matching objects (total); counting stops at 50 001"),
  order_by: stringParam()
    .transform((v) => ORDER_BY_ALIASES[v] ?? v)
    .pipe(z.enum(ORDER_BY_COLUMNS, { error: `one of ${ORDER_BY_COLUMNS.join(", ")}` }))
    .optional()
    .describe("Column to order by"),
  order_mode: stringParam()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(["ASC", "DESC"], { error: "ASC or DESC" }))
    .optional()
    .describe("ASC (default) or DESC"),
});

export const searchObjectsParamsSchema = z
  .preprocess((raw) => {
    // ALeRCE's client sends `class`; accept `class_name` too.
    if (raw && typeof raw === "object" && !Array.isArray(raw)) {
      const r = raw as Record<string, unknown>;
      if (r.class_name === undefined && r.class !== undefined) return { ...r, class_name: r.class };
    }
    return raw;
  }, searchObjectsFieldsSchema)
  .superRefine((p, ctx) => {
    if ((p.ra === undefined) !== (p.dec === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [p.ra === undefined ? "ra" : "dec"],
        message: "ra and dec must be given together for a cone search",
      });
    }
  });

export type SearchObjectsInput = z.input<typeof searchObjectsParamsSchema>;
export type SearchObjectsParams = z.output<typeof searchObjectsParamsSchema>;

/** One matching object with the chosen classifier's class (ALeRCE's "Object List Item", ndethist a number). */
export const objectListItemSchema = objectSchema
  .extend({
    class: z.string().nullable().describe("Class (top class of the default classifier, or the one filtered on)"),
    classifier: z.string().nullable().describe("Classifier of `class`"),
    probability: z.number().nullable().describe("Probability of `class`"),
  })
  .strict();

export type ObjectListItem = z.infer<typeof objectListItemSchema>;

export const objectListPageSchema = z
  .object({
    total: z.number().int().nullable().describe("Matching objects (null unless count=true; counting stops at 50 001)"),
    page: z.number().int(),
    next: z.number().int().nullable(),
    has_next: z.boolean(),
    prev: z.number().int().nullable(),
    has_prev: z.boolean(),
    items: z.array(objectListItemSchema),
  })
  .strict();

export type ObjectListPage = z.infer<typeof objectListPageSchema>;

function usesProbabilityFilter(p: SearchObjectsParams): boolean {
  return (
    p.classifier !== undefined ||
    p.classifier_version !== undefined ||
    p.class_name !== undefined ||
    p.ranking !== undefined ||
    p.probability !== undefined
  );
}

/**
 * The SQL of a search, without ORDER BY / LIMIT (shared by the page and the count). `options`
 * lets a caller that embeds the search (lib/streams filters) number the parameters after its own
 * and add a trusted condition on `o` (e.g. correlate with an outer query).
 */
export function buildSearchSql(
  p: SearchObjectsParams,
  options: { values?: unknown[]; restrict?: string } = {},
): { from: string; values: unknown[] } {
  const values: unknown[] = options.values ?? [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const where: string[] = [];
  let join: string;
  if (usesProbabilityFilter(p)) {
    const on = ["p.oid = o.oid"];
    if (p.classifier !== undefined) on.push(`p.classifier_name = ${param(p.classifier)}`);
    if (p.classifier_version !== undefined) on.push(`p.classifier_version = ${param(p.classifier_version)}`);
    if (p.class_name !== undefined) on.push(`p.class_name = ${param(p.class_name)}`);
    if (p.probability !== undefined) on.push(`p.probability >= ${param(p.probability)}::float8`);
    const defaultRanking = p.classifier !== undefined || p.class_name !== undefined || p.classifier_version !== undefined ? 1 : undefined;
    const ranking = p.ranking ?? defaultRanking;
    if (ranking !== undefined) on.push(`p.ranking = ${param(ranking)}::int`);
    join = `join probability p on ${on.join(" and ")}`;
  } else {
    const preferred = param([...DEFAULT_CLASSIFIERS]);
    join =
      `left join probability p on p.oid = o.oid and p.ranking = 1 and (p.classifier_name, p.classifier_version) = ` +
      `(select t.classifier_name, t.classifier_version from taxonomy t where t.classifier_name = any(${preferred}::text[]) ` +
      `order by array_position(${preferred}::text[], t.classifier_name), t.classifier_version desc limit 1)`;
  }
  const range = (column: string, bounds: number[] | undefined, cast: string) => {
    if (!bounds) return;
    where.push(`${column} >= ${param(bounds[0])}::${cast}`);
    if (bounds.length > 1) where.push(`${column} <= ${param(bounds[1])}::${cast}`);
  };
  range("o.ndet", p.ndet, "int");
  range("o.firstmjd", p.firstmjd, "float8");
  range("o.lastmjd", p.lastmjd, "float8");
  if (p.oid) {
    if (p.oid.some((oid) => oid.includes("*"))) {
      const patterns = p.oid.map((oid) => oid.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, "%"));
      where.push(`o.oid like any(${param(patterns)}::text[])`);
    } else if (p.oid.length === 1) {
      where.push(`o.oid = ${param(p.oid[0])}`);
    } else {
      where.push(`o.oid = any(${param(p.oid)}::text[])`);
    }
  }
  if (p.ra !== undefined && p.dec !== undefined) {
    const cone = { raDeg: p.ra, decDeg: p.dec, radiusArcsec: p.radius ?? DEFAULT_CONE_RADIUS_ARCSEC };
    where.push(coneSqlCondition(cone, { ra: "o.meanra", dec: "o.meandec" }, param));
  }
  if (p.anomaly_score !== undefined || p.order_by === ANOMALY_ORDER_COLUMN) {
    // Unscored objects stay in a sort (nulls last), a minimum leaves them out.
    const kind = p.anomaly_score !== undefined ? "join" : "left join";
    join += ` ${kind} anomaly_score a on a.oid = o.oid and a.model_version = ${param(CURRENT_ANOMALY_MODEL_NAME)}`;
    if (p.anomaly_score !== undefined) where.push(`a.score >= ${param(p.anomaly_score)}::float8`);
  }
  if (options.restrict) where.push(options.restrict);
  const from = `from object o ${join}${where.length ? ` where ${where.join(" and ")}` : ""}`;
  return { from, values };
}

function orderSql(p: SearchObjectsParams, oidParam: () => string): string {
  const direction = p.order_mode === "DESC" ? "desc" : "asc";
  if (p.order_by === ANOMALY_ORDER_COLUMN) return `order by a.score ${direction} nulls last, o.oid, p.classifier_name, p.class_name`;
  if (p.order_by) {
    const table = (PROBABILITY_ORDER_COLUMNS as readonly string[]).includes(p.order_by) ? "p" : "o";
    const tie = p.order_by === "oid" ? "" : ", o.oid";
    return `order by ${table}.${p.order_by} ${direction} nulls last${tie}, p.classifier_name, p.class_name`;
  }
  if (p.oid && !p.oid.some((oid) => oid.includes("*")) && p.oid.length > 1)
    return `order by array_position(${oidParam()}::text[], o.oid), p.classifier_name, p.class_name`;
  if (usesProbabilityFilter(p)) return "order by p.probability desc, o.oid, p.classifier_name, p.class_name";
  return "order by o.lastmjd desc, o.oid";
}

type ListRow = AstroObject & { class_name: string | null; classifier_name: string | null; probability: number | null };

function toItem({ class_name, classifier_name, probability, ...object }: ListRow): ObjectListItem {
  return { ...object, class: class_name, classifier: classifier_name, probability };
}

/**
 * One page of objects matching ALeRCE /objects parameters. `input` is parsed with
 * searchObjectsParamsSchema (a ZodError for invalid input: validate first with safeParse to show
 * messages). Runs at most two queries (page, and the count when asked), each under the API
 * statement timeout.
 */
export async function searchObjects(sql: Sql, input: SearchObjectsInput): Promise<ObjectListPage> {
  const p = searchObjectsParamsSchema.parse(input);
  const { from, values } = buildSearchSql(p);
  const pageValues = [...values];
  const order = orderSql(p, () => {
    pageValues.push(p.oid);
    return `$${pageValues.length}`;
  });
  pageValues.push(p.page_size + 1, (p.page - 1) * p.page_size);
  const n = pageValues.length;
  const pageSql = `select ${OBJECT_COLUMNS_SQL}, p.class_name, p.classifier_name, p.probability ${from} ${order} limit $${n - 1} offset $${n}`;
  const countSql = `select count(*)::int as total from (select 1 ${from} limit ${MAX_COUNT + 1}) t`;
  const [rows, countRows] = await Promise.all([
    queryRows<ListRow>(sql, pageSql, pageValues),
    p.count ? queryRows<{ total: number }>(sql, countSql, values) : Promise.resolve(null),
  ]);
  const hasNext = rows.length > p.page_size;
  const items = rows.slice(0, p.page_size).map(toItem);
  return {
    total: countRows ? Number(countRows[0]?.total ?? 0) : null,
    page: p.page,
    next: hasNext ? p.page + 1 : null,
    has_next: hasNext,
    prev: p.page > 1 ? p.page - 1 : null,
    has_prev: p.page > 1,
    items,
  };
}
