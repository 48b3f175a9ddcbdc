// The catalogs loaded in the database: one `catalog` registry row each (Prisma model Catalog) and
// one raw-SQL table `catalog_<name>` with the rows (zone, ra, dec, id, numeric columns, class, period).
import { z } from "zod";
import type { Sql } from "../db/sql";

/** Catalog names: lowercase, used in URLs, in xmatch.catid and in the table name. */
export const catalogNameSchema = z
  .string()
  // At most 30 characters: catalog_<name>__load_<8 hex>_zone_ra stays within PostgreSQL's 63-byte identifiers.
  .regex(/^[a-z][a-z0-9_]{0,29}$/, "a catalog name is 1-30 lowercase letters, digits or underscores, starting with a letter");

const RESERVED_COLUMNS = new Set(["zone", "ra", "dec", "id", "class", "period"]);

/** A numeric column kept from the source (magnitudes, their errors ...). */
export const catalogColumnSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "column names are letters, digits and underscores (max 63)")
    .refine((name) => !RESERVED_COLUMNS.has(name.toLowerCase()), "zone, ra, dec, id, class and period are the catalog's own columns"),
  unit: z.string().max(40).default("mag"),
});
export type CatalogColumn = z.infer<typeof catalogColumnSchema>;

export interface CatalogInfo {
  name: string;
  tableName: string;
  rows: number;
  badRows: number;
  columns: CatalogColumn[];
  hasClass: boolean;
  hasPeriod: boolean;
  defaultRadiusArcsec: number;
  zoneHeightDeg: number;
  sourceFile: string;
  sourceSha256: string | null;
  description: string | null;
  loadedAt: Date;
}

export const catalogTableName = (name: string): string => `catalog_${catalogNameSchema.parse(name)}`;

/** A double-quoted SQL identifier (names are validated by the schemas above before they get here). */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

interface RegistryRow {
  name: string;
  table_name: string;
  rows: string;
  bad_rows: string;
  columns: unknown;
  has_class: boolean;
  has_period: boolean;
  default_radius_arcsec: number;
  zone_height_deg: number;
  source_file: string;
  source_sha256: string | null;
  description: string | null;
  loaded_at: Date;
}

function toInfo(row: RegistryRow): CatalogInfo {
  return {
    name: row.name,
    tableName: row.table_name,
    rows: Number(row.rows),
    badRows: Number(row.bad_rows),
    columns: z.array(catalogColumnSchema).parse(row.columns),
    hasClass: row.has_class,
    hasPeriod: row.has_period,
    defaultRadiusArcsec: row.default_radius_arcsec,
    zoneHeightDeg: row.zone_height_deg,
    sourceFile: row.source_file,
    sourceSha256: row.source_sha256,
    description: row.description,
    loadedAt: row.loaded_at,
  };
}

const SELECT_REGISTRY = `SELECT name, table_name, rows::text, bad_rows::text, columns, has_class, has_period, default_radius_arcsec,
  zone_height_deg, source_file, source_sha256, description, loaded_at FROM catalog`;

/** Every loaded catalog, by name. */
export async function listCatalogs(client: Sql): Promise<CatalogInfo[]> {
  const { rows } = await client.query<RegistryRow>(`${SELECT_REGISTRY} ORDER BY name`);
  return rows.map(toInfo);
}

/** One loaded catalog, or null when no catalog of that name is loaded. */
export async function getCatalog(client: Sql, name: string): Promise<CatalogInfo | null> {
  const { rows } = await client.query<RegistryRow>(`${SELECT_REGISTRY} WHERE name = $1`, [name]);
  return rows[0] ? toInfo(rows[0]) : null;
}
