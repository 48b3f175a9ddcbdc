import { z } from "zod";
import { parseDecDeg, parseRaDeg } from "../coords/sexagesimal";
import type { SearchObjectsInput } from "../objects/search-objects";
import {
  DEFAULT_RADIUS_ARCSEC,
  MAX_OIDS,
  SEARCH_FIELDS,
  SEARCH_PAGE_SIZE,
  SORT_COLUMNS,
  searchHref,
  type SearchField,
  type SearchForm,
  type SortColumn,
  type SortMode,
} from "./search-url";

/**
 * The Explorer search page's state, all of it in the URL: `/?oid=ZTF18*&classifier=…&page=2`.
 * The form fields are kept as typed (strings) so an invalid value is shown back with its message;
 * `query` holds the parsed, validated search only when every field is valid.
 */
export interface ExplorerQuery {
  /** Exact ids or patterns with `*` wildcards. */
  oids: string[];
  classifier?: string;
  className?: string;
  probabilityMin?: number;
  /** Minimum anomaly score (current anomaly detector). */
  anomalyMin?: number;
  ndetMin?: number;
  ndetMax?: number;
  firstmjdMin?: number;
  firstmjdMax?: number;
  cone?: { raDeg: number; decDeg: number; radiusArcsec: number };
  orderBy: SortColumn;
  orderMode: SortMode;
  page: number;
  pageSize: number;
}

export interface SearchState {
  form: SearchForm;
  /** Field → message for every invalid field. */
  errors: Partial<Record<SearchField, string>>;
  /** null when a field is invalid (nothing is searched until the input is fixed). */
  query: ExplorerQuery | null;
}

const OID_PATTERN = /^[A-Za-z0-9*]{1,20}$/;
const emptyForm = (): SearchForm => Object.fromEntries(SEARCH_FIELDS.map((f) => [f, ""])) as SearchForm;

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

export function splitOids(text: string): string[] {
  return text.split(/[\s,;]+/).filter((s) => s !== "");
}

const intSchema = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);
const numberSchema = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .refine(Number.isFinite, `${label} must be a number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

function parseField<T>(schema: z.ZodType<T>, text: string, field: SearchField, errors: SearchState["errors"]): T | undefined {
  if (text === "") return undefined;
  const parsed = schema.safeParse(text);
  if (parsed.success) return parsed.data;
  errors[field] = parsed.error.issues[0]?.message ?? "invalid value";
  return undefined;
}

/** Reads the search page's URL parameters (Next's searchParams) into form, messages and query. */
export function parseSearchState(raw: Record<string, string | string[] | undefined>): SearchState {
  const form = emptyForm();
  for (const field of SEARCH_FIELDS) form[field] = firstValue(raw[field]);
  const errors: SearchState["errors"] = {};

  const oids = splitOids(form.oid);
  if (oids.length > MAX_OIDS) errors.oid = `at most ${MAX_OIDS} object ids (got ${oids.length})`;
  const badOid = oids.find((o) => !OID_PATTERN.test(o));
  if (badOid !== undefined) errors.oid = `"${badOid.slice(0, 30)}" is not an object id or pattern (letters, digits and *)`;

  const probabilityMin = parseField(numberSchema("Probability", 0, 1), form.probability, "probability", errors);
  if ((form.class !== "" || probabilityMin !== undefined) && form.classifier === "")
    errors.classifier = "choose a classifier for the class / probability filter";
  const anomalyMin = parseField(numberSchema("Anomaly score", 0, 1), form.anomaly, "anomaly", errors);
  const ndetMin = parseField(intSchema("Minimum detections", 0, 1_000_000), form.ndetMin, "ndetMin", errors);
  const ndetMax = parseField(intSchema("Maximum detections", 0, 1_000_000), form.ndetMax, "ndetMax", errors);
  if (ndetMin !== undefined && ndetMax !== undefined && ndetMin > ndetMax) errors.ndetMax = "maximum detections is below the minimum";
  const firstmjdMin = parseField(numberSchema("First detection from (MJD)", 0, 100_000), form.firstmjdMin, "firstmjdMin", errors);
  const firstmjdMax = parseField(numberSchema("First detection to (MJD)", 0, 100_000), form.firstmjdMax, "firstmjdMax", errors);
  if (firstmjdMin !== undefined && firstmjdMax !== undefined && firstmjdMin > firstmjdMax)
    errors.firstmjdMax = "the end date is before the start date";

  let cone: ExplorerQuery["cone"];
  const coneTyped = form.ra !== "" || form.dec !== "" || form.radius !== "";
  if (coneTyped) {
    let raDeg: number | undefined;
    let decDeg: number | undefined;
    try {
      raDeg = parseRaDeg(form.ra);
    } catch (e) {
      errors.ra = form.ra === "" ? "a cone search needs RA" : (e as Error).message;
    }
    try {
      decDeg = parseDecDeg(form.dec);
    } catch (e) {
      errors.dec = form.dec === "" ? "a cone search needs Dec" : (e as Error).message;
    }
    const radiusArcsec =
      form.radius === ""
        ? DEFAULT_RADIUS_ARCSEC
        : parseField(numberSchema("Radius (arcsec)", 0.001, 36_000), form.radius, "radius", errors);
    if (raDeg !== undefined && decDeg !== undefined && radiusArcsec !== undefined) cone = { raDeg, decDeg, radiusArcsec };
  }

  const orderBy = (SORT_COLUMNS as readonly string[]).includes(form.orderBy) ? (form.orderBy as SortColumn) : undefined;
  if (form.orderBy !== "" && !orderBy) errors.orderBy = `cannot sort by "${form.orderBy}"`;
  if (orderBy === "probability" && form.classifier === "") errors.orderBy = "sorting by probability needs a classifier";
  const orderMode: SortMode | undefined =
    form.orderMode === ""
      ? undefined
      : form.orderMode.toUpperCase() === "ASC"
        ? "ASC"
        : form.orderMode.toUpperCase() === "DESC"
          ? "DESC"
          : undefined;
  if (form.orderMode !== "" && !orderMode) errors.orderMode = "sort order is ASC or DESC";
  const page = parseField(intSchema("Page", 1, 100_000), form.page, "page", errors) ?? 1;

  if (Object.keys(errors).length > 0) return { form, errors, query: null };
  return {
    form,
    errors,
    query: {
      oids,
      classifier: form.classifier || undefined,
      className: form.class || undefined,
      probabilityMin,
      anomalyMin,
      ndetMin,
      ndetMax,
      firstmjdMin,
      firstmjdMax,
      cone,
      // A minimum anomaly score lists the most anomalous first unless a sort is chosen.
      orderBy: orderBy ?? (anomalyMin !== undefined ? "anomaly_score" : "lastmjd"),
      orderMode: orderMode ?? "DESC",
      page,
      pageSize: SEARCH_PAGE_SIZE,
    },
  };
}

/** A header link: sort by `column`, toggling the order when it is already the sort column; back to page 1. */
export function sortHref(form: SearchForm, query: ExplorerQuery | null, column: SortColumn): string {
  const current = query?.orderBy ?? "lastmjd";
  const mode = query?.orderMode ?? "DESC";
  const nextMode = current === column ? (mode === "DESC" ? "ASC" : "DESC") : column === "oid" ? "ASC" : "DESC";
  return searchHref(form, { orderBy: column, orderMode: nextMode, page: "" });
}

/** The search as ALeRCE /objects parameters, for searchObjects (lib/objects/search-objects.ts). */
export function toSearchObjectsInput(query: ExplorerQuery): SearchObjectsInput {
  const range = (min: number | undefined, max: number | undefined) =>
    min === undefined && max === undefined ? undefined : max === undefined ? [min ?? 0] : [min ?? 0, max];
  return {
    oid: query.oids.length > 0 ? query.oids : undefined,
    classifier: query.classifier,
    class_name: query.className,
    probability: query.probabilityMin,
    anomaly_score: query.anomalyMin,
    ndet: range(query.ndetMin, query.ndetMax),
    firstmjd: range(query.firstmjdMin, query.firstmjdMax),
    ra: query.cone?.raDeg,
    dec: query.cone?.decDeg,
    radius: query.cone?.radiusArcsec,
    page: query.page,
    page_size: query.pageSize,
    count: true,
    order_by: query.orderBy,
    order_mode: query.orderMode,
  };
}

/**
 * The state with the classifier and class checked against the stored taxonomies: an unknown
 * classifier or class is a field error (with the known names) rather than an empty result under a
 * form that shows "any classifier".
 */
export function checkAgainstTaxonomies(
  state: SearchState,
  taxonomies: readonly { classifier_name: string; classes: string[] }[],
): SearchState {
  const { classifier, class: className } = state.form;
  if (classifier === "") return state;
  const errors = { ...state.errors };
  const known = [...new Set(taxonomies.map((t) => t.classifier_name))];
  if (!known.includes(classifier)) {
    errors.classifier =
      known.length === 0
        ? `unknown classifier "${classifier.slice(0, 40)}": no classifier has stored classes yet`
        : `unknown classifier "${classifier.slice(0, 40)}"; known: ${known.join(", ")}`;
  } else if (className !== "") {
    const classes = [...new Set(taxonomies.filter((t) => t.classifier_name === classifier).flatMap((t) => t.classes))];
    if (!classes.includes(className))
      errors.class = `"${className.slice(0, 40)}" is not a class of ${classifier}; its classes: ${classes.join(", ")}`;
  }
  return Object.keys(errors).length === Object.keys(state.errors).length ? state : { ...state, errors, query: null };
}
