// The response shapes of ALeRCE's catsHTM service (what alerce/crossmatch.py parses): a cone search
// is column-oriented, `{ <catalog>: { <column>: { units, values: [...] } } }`; a crossmatch is one
// row, `{ <column>: { value, unit } }`. Pure functions: the Explorer panel parses them in the browser.
import type { CatalogColumn } from "./catalog-registry";
import type { CatalogSource } from "./catalog-source";

export type CatshtmColumns = Record<string, { units: string; values: (number | string | null)[] }>;
export type CatshtmRow = Record<string, { value: number | string | null; unit: string }>;

/** What describes a catalog's columns (CatalogInfo has it). */
export interface CatalogShape {
  columns: CatalogColumn[];
  hasClass: boolean;
  hasPeriod: boolean;
}

function columnsOf(catalog: CatalogShape): { name: string; unit: string; get: (s: CatalogSource) => number | string | null }[] {
  return [
    { name: "id", unit: "", get: (s) => s.id },
    { name: "RA", unit: "deg", get: (s) => s.raDeg },
    { name: "Dec", unit: "deg", get: (s) => s.decDeg },
    ...catalog.columns.map((c) => ({ name: c.name, unit: c.unit, get: (s: CatalogSource) => s.values[c.name] ?? null })),
    ...(catalog.hasClass ? [{ name: "class", unit: "", get: (s: CatalogSource) => s.className }] : []),
    ...(catalog.hasPeriod ? [{ name: "period", unit: "d", get: (s: CatalogSource) => s.period }] : []),
    { name: "distance", unit: "arcsec", get: (s) => s.distArcsec },
  ];
}

/** Cone search result of one catalog, column-oriented; {} when the cone is empty (as catsHTM). */
export function toCatshtmColumns(catalog: CatalogShape, sources: readonly CatalogSource[]): CatshtmColumns | Record<string, never> {
  if (sources.length === 0) return {};
  const out: CatshtmColumns = {};
  for (const column of columnsOf(catalog)) out[column.name] = { units: column.unit, values: sources.map(column.get) };
  return out;
}

/** Crossmatch result (the nearest source), one value per column; {} when nothing is within the radius. */
export function toCatshtmRow(catalog: CatalogShape, source: CatalogSource | null): CatshtmRow | Record<string, never> {
  if (!source) return {};
  const out: CatshtmRow = {};
  for (const column of columnsOf(catalog)) out[column.name] = { value: column.get(source), unit: column.unit };
  return out;
}

/** One row of a parsed cone search: id, position, distance and every other column by name. */
export interface CatshtmSource {
  catalog: string;
  id: string;
  raDeg: number;
  decDeg: number;
  distArcsec: number;
  /** The other columns (magnitudes ...), with their units. */
  values: { name: string; unit: string; value: number | string | null }[];
}

const CORE = new Set(["id", "RA", "Dec", "distance"]);

/** Rows of a `{ <catalog>: CatshtmColumns }` cone search answer (the panel's reader). */
export function fromCatshtmColumns(catalog: string, columns: CatshtmColumns): CatshtmSource[] {
  const n = columns.id?.values.length ?? 0;
  const rows: CatshtmSource[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      catalog,
      id: String(columns.id!.values[i]),
      raDeg: Number(columns.RA?.values[i]),
      decDeg: Number(columns.Dec?.values[i]),
      distArcsec: Number(columns.distance?.values[i]),
      values: Object.entries(columns)
        .filter(([name]) => !CORE.has(name))
        .map(([name, column]) => ({ name, unit: column.units, value: column.values[i] ?? null })),
    });
  }
  return rows;
}
