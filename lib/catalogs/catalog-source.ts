// A catalog row as the searches return it, and the SQL that selects one.
import crypto from "node:crypto";
import { type CatalogInfo, quoteIdent } from "./catalog-registry";

export interface CatalogSource {
  id: string;
  raDeg: number;
  decDeg: number;
  /** Angular distance to the searched position, arcseconds. */
  distArcsec: number;
  /** The catalog's numeric columns (magnitudes ...) by name; null where the source has none. */
  values: Record<string, number | null>;
  className: string | null;
  period: number | null;
}

/** `c.id, c.ra, c.dec, c."W1mag" AS v0, ...` for a catalog aliased `c`. */
export function sourceSelectList(catalog: CatalogInfo): string {
  const columns = catalog.columns.map((column, i) => `c.${quoteIdent(column.name)} AS v${i}`);
  if (catalog.hasClass) columns.push("c.class");
  if (catalog.hasPeriod) columns.push("c.period");
  return ["c.id", "c.ra", "c.dec", ...columns].join(", ");
}

export type SourceRow = Record<string, unknown> & { id: string; ra: number; dec: number; dist: number };

export function toCatalogSource(catalog: CatalogInfo, row: SourceRow): CatalogSource {
  const values: Record<string, number | null> = {};
  catalog.columns.forEach((column, i) => {
    const value = row[`v${i}`];
    values[column.name] = typeof value === "number" && Number.isFinite(value) ? value : null;
  });
  return {
    id: row.id,
    raDeg: row.ra,
    decDeg: row.dec,
    distArcsec: row.dist,
    values,
    className: catalog.hasClass ? ((row.class as string | null) ?? null) : null,
    period: catalog.hasPeriod ? ((row.period as number | null) ?? null) : null,
  };
}

/** `{a,b,c}`: a float8[]/int[] array literal of finite numbers (one parameter instead of thousands). */
export const numberArray = (values: readonly number[]): string => `{${values.join(",")}}`;

/**
 * A named (server-side prepared) statement: PostgreSQL parses and plans it once per connection,
 * which is most of the cost of a small cone search. The name is a hash of the text, so a catalog
 * reloaded with other columns gets a new statement (and a swapped table a re-plan).
 */
export const prepared = (text: string): { name: string; text: string } => ({
  name: `catalog_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 20)}`,
  text,
});
