// Which source columns become the catalog's id, RA, Dec, numeric columns, class and period, and the
// conversion of one source record into a catalog row (or the reason it is a bad row).
import { z } from "zod";
import { parseDecDeg, parseRaDeg } from "../coords/sexagesimal";
import { catalogColumnSchema, type CatalogColumn } from "./catalog-registry";
import { normalizeRaDeg, zoneOf } from "./sky-zones";
import type { RawValue } from "./table-source";

export const catalogMappingSchema = z.object({
  /** Source column of the catalog's source id (default: id, source_id, objID, designation ... whichever exists). */
  id: z.string().min(1).optional(),
  ra: z.string().min(1).optional(),
  dec: z.string().min(1).optional(),
  /** deg: decimal degrees; sexagesimal: RA in hours "hh:mm:ss.s", Dec "±dd:mm:ss"; auto: per value. */
  coords: z.enum(["deg", "sexagesimal", "auto"]).default("auto"),
  /** Numeric columns to keep (magnitudes, errors ...); default: every column whose name contains "mag". */
  columns: z.array(z.string().min(1)).optional(),
  /** Units of the kept columns by name (default: the file's own units, else "mag"). */
  units: z.record(z.string(), z.string()).default({}),
  /** Source column of a class label (e.g. a variable-star type), stored in xmatch.class_catalog. */
  class: z.string().min(1).optional(),
  /** Source column of a period in days, stored in xmatch.period. */
  period: z.string().min(1).optional(),
});
export type CatalogMappingInput = z.input<typeof catalogMappingSchema>;

const ID_CANDIDATES = ["id", "source_id", "objid", "objectid", "designation", "name", "allwise", "obj_id"];
const RA_CANDIDATES = ["ra", "raj2000", "ra_icrs", "radeg", "ra_deg", "ramean", "ra_j2000", "_raj2000"];
const DEC_CANDIDATES = ["dec", "dej2000", "de_icrs", "decdeg", "dec_deg", "decmean", "dec_j2000", "_dej2000", "decl", "declination"];

/** A mapping resolved against the file's columns: indexes into each record's values. */
export interface ResolvedMapping {
  idIndex: number;
  raIndex: number;
  decIndex: number;
  coords: "deg" | "sexagesimal" | "auto";
  columns: CatalogColumn[];
  columnIndexes: number[];
  classIndex: number | null;
  periodIndex: number | null;
  /** The source column names used, for the report. */
  sourceNames: { id: string; ra: string; dec: string; class: string | null; period: string | null };
}

export class CatalogMappingError extends Error {
  override readonly name = "CatalogMappingError";
}

/** Resolves the mapping against the file's column names (case-insensitive), with clear errors. */
export function resolveMapping(
  input: CatalogMappingInput,
  sourceColumns: readonly string[],
  sourceUnits: Record<string, string> = {},
): ResolvedMapping {
  const mapping = catalogMappingSchema.parse(input);
  const lower = sourceColumns.map((c) => c.toLowerCase());
  const available = `available columns: ${sourceColumns.join(", ")}`;
  const find = (name: string, role: string): number => {
    const exact = sourceColumns.indexOf(name);
    const index = exact >= 0 ? exact : lower.indexOf(name.toLowerCase());
    if (index < 0) throw new CatalogMappingError(`the ${role} column "${name}" is not in the file (${available})`);
    return index;
  };
  const guess = (candidates: string[], role: string, option: string): number => {
    for (const candidate of candidates) {
      const index = lower.indexOf(candidate);
      if (index >= 0) return index;
    }
    throw new CatalogMappingError(`cannot tell which column is the ${role}: name it with ${option} (${available})`);
  };
  const idIndex = mapping.id ? find(mapping.id, "id") : guess(ID_CANDIDATES, "source id", "--id");
  const raIndex = mapping.ra ? find(mapping.ra, "RA") : guess(RA_CANDIDATES, "RA", "--ra");
  const decIndex = mapping.dec ? find(mapping.dec, "Dec") : guess(DEC_CANDIDATES, "Dec", "--dec");
  const classIndex = mapping.class ? find(mapping.class, "class") : null;
  const periodIndex = mapping.period ? find(mapping.period, "period") : null;
  const used = new Set([idIndex, raIndex, decIndex, classIndex, periodIndex]);
  const columnIndexes = mapping.columns
    ? mapping.columns.map((name) => find(name, "value"))
    : sourceColumns.flatMap((name, i) => (/mag/i.test(name) && !used.has(i) ? [i] : []));
  const columns = columnIndexes.map((i) => {
    const name = sourceColumns[i]!;
    const parsed = catalogColumnSchema.safeParse({ name, unit: mapping.units[name] ?? sourceUnits[name] ?? "mag" });
    if (!parsed.success) throw new CatalogMappingError(`column "${name}": ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return parsed.data;
  });
  const duplicate = columns.find((c, i) => columns.findIndex((d) => d.name.toLowerCase() === c.name.toLowerCase()) !== i);
  if (duplicate) throw new CatalogMappingError(`column "${duplicate.name}" is listed twice`);
  return {
    idIndex,
    raIndex,
    decIndex,
    coords: mapping.coords,
    columns,
    columnIndexes,
    classIndex,
    periodIndex,
    sourceNames: {
      id: sourceColumns[idIndex]!,
      ra: sourceColumns[raIndex]!,
      dec: sourceColumns[decIndex]!,
      class: classIndex === null ? null : sourceColumns[classIndex]!,
      period: periodIndex === null ? null : sourceColumns[periodIndex]!,
    },
  };
}

export interface CatalogRow {
  zone: number;
  raDeg: number;
  decDeg: number;
  id: string;
  values: (number | null)[];
  className: string | null;
  period: number | null;
}

const NULL_TEXT = new Set(["", "nan", "null", "none", "--", "-", "na", "n/a", "inf", "-inf", "infinity", "-infinity"]);

/** A numeric cell: number, null for blanks/NaN/null markers, or undefined when unreadable. */
function numberOf(value: RawValue): number | null | undefined {
  if (value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return undefined;
  // Fast path (millions of cells): a plain number. Number("") is 0, hence the length check.
  if (value.length > 0) {
    const n = Number(value);
    if (Number.isFinite(n) && value.trim().length > 0) return n;
  }
  const text = value.trim();
  if (NULL_TEXT.has(text.toLowerCase())) return null;
  return undefined;
}

const textOf = (value: RawValue): string => (value === null ? "" : String(value).trim());

function coordinate(value: RawValue, axis: "RA" | "Dec", coords: ResolvedMapping["coords"]): number | string {
  const asNumber = numberOf(value);
  if (coords !== "sexagesimal" && typeof asNumber === "number") return asNumber;
  if (coords === "deg" || typeof value !== "string" || value.trim() === "") {
    return `${axis} is not a number of degrees: "${textOf(value)}"`;
  }
  try {
    return axis === "RA" ? parseRaDeg(value) : parseDecDeg(value);
  } catch (error) {
    return `${axis}: ${(error as Error).message}`;
  }
}

/** The catalog row of one record, or the reason it is a bad row. */
export function mapRecord(values: readonly RawValue[], mapping: ResolvedMapping, zoneHeightDeg: number): CatalogRow | string {
  const id = textOf(values[mapping.idIndex] ?? null);
  if (id === "") return `no source id (${mapping.sourceNames.id} is empty)`;
  const ra = coordinate(values[mapping.raIndex] ?? null, "RA", mapping.coords);
  if (typeof ra === "string") return ra;
  if (ra < -360 || ra > 360) return `RA ${ra} is outside [-360, 360] degrees`;
  const dec = coordinate(values[mapping.decIndex] ?? null, "Dec", mapping.coords);
  if (typeof dec === "string") return dec;
  if (dec < -90 || dec > 90) return `Dec ${dec} is outside [-90, 90] degrees`;
  const row: (number | null)[] = [];
  for (let k = 0; k < mapping.columnIndexes.length; k++) {
    const raw = values[mapping.columnIndexes[k]!] ?? null;
    const n = numberOf(raw);
    if (n === undefined) return `${mapping.columns[k]!.name} is not a number: "${textOf(raw)}"`;
    row.push(n);
  }
  let period: number | null = null;
  if (mapping.periodIndex !== null) {
    const raw = values[mapping.periodIndex] ?? null;
    const n = numberOf(raw);
    if (n === undefined) return `${mapping.sourceNames.period} (period) is not a number: "${textOf(raw)}"`;
    period = n;
  }
  const className = mapping.classIndex === null ? null : textOf(values[mapping.classIndex] ?? null) || null;
  const raDeg = normalizeRaDeg(ra);
  return { zone: zoneOf(dec, zoneHeightDeg), raDeg, decDeg: dec, id, values: row, className, period };
}
