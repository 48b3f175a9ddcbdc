/**
 * The Explorer search page's URL: its fields and how a form becomes a link. Kept free of zod and
 * other server-side parsing so the search form (a client component) imports only this;
 * search-state.ts parses and validates the same fields on the server.
 */
export const SEARCH_FIELDS = [
  "oid",
  "classifier",
  "class",
  "probability",
  "anomaly",
  "ndetMin",
  "ndetMax",
  "firstmjdMin",
  "firstmjdMax",
  "ra",
  "dec",
  "radius",
  "orderBy",
  "orderMode",
  "page",
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type SearchForm = Record<SearchField, string>;

export const SEARCH_PAGE_SIZE = 20;
export const MAX_OIDS = 200;
export const DEFAULT_RADIUS_ARCSEC = 30;
/** Columns the results table sorts by (server side). */
export const SORT_COLUMNS = ["oid", "ndet", "firstmjd", "lastmjd", "meanra", "meandec", "probability", "anomaly_score"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortMode = "ASC" | "DESC";

/** The URL query string for a form (empty fields left out), with optional overrides. */
export function searchHref(form: Partial<SearchForm>, overrides: Partial<SearchForm> = {}): string {
  const merged = { ...form, ...overrides };
  const params = new URLSearchParams();
  for (const field of SEARCH_FIELDS) {
    const value = merged[field]?.trim();
    if (value) params.set(field, value);
  }
  const text = params.toString();
  return text === "" ? "/" : `/?${text}`;
}
