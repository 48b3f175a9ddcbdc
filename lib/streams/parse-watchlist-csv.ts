// A watchlist upload: CSV (comma, tab, semicolon or | delimited, detected from the header) with
// columns ra, dec and optionally name and radius (arcsec). RA/Dec in decimal degrees or
// sexagesimal (hh:mm:ss, ±dd:mm:ss). Every bad row is reported with its line and reason; the
// upload is refused when any row is bad, so what is stored is exactly what the file says.
import { splitCsvRecord } from "../catalogs/read-csv-table";
import { parseDecDeg, parseRaDeg } from "../coords/sexagesimal";

export const MAX_WATCHLIST_ROWS = 100_000;
/** Largest target radius: the ingest match probes cones of the largest radius (lib/streams/watchlist-match.ts). */
export const MAX_WATCHLIST_RADIUS_ARCSEC = 600;
export const DEFAULT_WATCHLIST_RADIUS_ARCSEC = 2;
/** Errors listed at most (the first ones; the count is always complete). */
const MAX_LISTED_ERRORS = 100;

export interface WatchlistTargetInput {
  /** 1 = the first data row. */
  targetId: number;
  name: string;
  raDeg: number;
  decDeg: number;
  radiusArcsec: number;
}

export interface WatchlistRowError {
  /** Line of the file (1 = the header). */
  line: number;
  message: string;
}

export type WatchlistParseResult =
  { ok: true; targets: WatchlistTargetInput[] } | { ok: false; errors: WatchlistRowError[]; errorCount: number };

const DELIMITERS = [",", "\t", ";", "|"] as const;
const COLUMN_ALIASES: Record<string, "ra" | "dec" | "name" | "radius"> = {
  ra: "ra",
  raj2000: "ra",
  ra_deg: "ra",
  dec: "dec",
  decj2000: "dec",
  dej2000: "dec",
  dec_deg: "dec",
  name: "name",
  id: "name",
  objectid: "name",
  radius: "radius",
  radius_arcsec: "radius",
};

/** Runs `parse`, prefixing its error with the column it read ("ra: cannot read …"). */
function labelled<T>(column: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new RangeError(`${column}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function parseWatchlistCsv(text: string, options: { defaultRadiusArcsec?: number } = {}): WatchlistParseResult {
  const defaultRadius = options.defaultRadiusArcsec ?? DEFAULT_WATCHLIST_RADIUS_ARCSEC;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const errors: WatchlistRowError[] = [];
  let errorCount = 0;
  const fail = (line: number, message: string) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ line, message });
  };
  const headerIndex = lines.findIndex((l) => l.trim() !== "" && !l.startsWith("#"));
  if (headerIndex < 0)
    return { ok: false, errors: [{ line: 1, message: "the file is empty: expected a header with ra and dec" }], errorCount: 1 };
  const header = lines[headerIndex]!;
  const delimiter = DELIMITERS.reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best), ",");
  const columns = (splitCsvRecord(header, delimiter) ?? []).map((c) => COLUMN_ALIASES[c.trim().toLowerCase()]);
  const at = (column: "ra" | "dec" | "name" | "radius") => columns.indexOf(column);
  if (at("ra") < 0 || at("dec") < 0) {
    return {
      ok: false,
      errors: [{ line: headerIndex + 1, message: `the header must name columns ra and dec (found: ${header.slice(0, 200)})` }],
      errorCount: 1,
    };
  }
  const targets: WatchlistTargetInput[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    const line = i + 1;
    if (targets.length + errorCount >= MAX_WATCHLIST_ROWS) {
      fail(line, `more than ${MAX_WATCHLIST_ROWS} rows: split the list`);
      break;
    }
    const fields = splitCsvRecord(raw, delimiter);
    if (!fields) {
      fail(line, "a quoted field is not closed on this line");
      continue;
    }
    const field = (column: "ra" | "dec" | "name" | "radius") => (at(column) >= 0 ? (fields[at(column)] ?? "").trim() : "");
    try {
      const raDeg = labelled("ra", () => parseRaDeg(field("ra")));
      const decDeg = labelled("dec", () => parseDecDeg(field("dec")));
      const radiusText = field("radius");
      const radiusArcsec = radiusText === "" ? defaultRadius : Number(radiusText);
      if (!Number.isFinite(radiusArcsec) || radiusArcsec <= 0 || radiusArcsec > MAX_WATCHLIST_RADIUS_ARCSEC) {
        throw new RangeError(`radius: must be a number of arcsec in (0, ${MAX_WATCHLIST_RADIUS_ARCSEC}], got "${radiusText}"`);
      }
      const name = field("name").slice(0, 100) || `${raDeg.toFixed(5)} ${decDeg >= 0 ? "+" : ""}${decDeg.toFixed(5)}`;
      targets.push({ targetId: targets.length + 1, name, raDeg, decDeg, radiusArcsec });
    } catch (error) {
      fail(line, error instanceof Error ? error.message : String(error));
    }
  }
  if (errorCount > 0) return { ok: false, errors, errorCount };
  if (targets.length === 0)
    return { ok: false, errors: [{ line: headerIndex + 2, message: "no positions after the header" }], errorCount: 1 };
  return { ok: true, targets };
}
