// Loads a catalog file into PostgreSQL: records stream from the file reader through the column
// mapping into COPY FROM STDIN on a new staging table; the (zone, ra) index is built on it; then
// one transaction drops the previous table, renames the staging table into place and updates the
// registry. Until that transaction commits, readers see the previous version; any failure before
// it (unreadable file, too many bad rows, a crash) leaves the previous version untouched.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { withTransaction } from "../db/sql";
import { type CatalogMappingInput, type CatalogRow, mapRecord, resolveMapping } from "./catalog-mapping";
import { type CatalogColumn, catalogNameSchema, catalogTableName, quoteIdent } from "./catalog-registry";
import { openTableFile, type TableFormat } from "./open-table-file";
import { DEFAULT_ZONE_HEIGHT_DEG } from "./sky-zones";
import type { TableSource } from "./table-source";

export interface LoadCatalogOptions {
  name: string;
  /** One file, or several with the same columns loaded as one catalog (e.g. Gaia's 3,386 gaia_source parts). */
  file: string | string[];
  format?: TableFormat;
  /** CSV delimiter (default: detected from the header). */
  delimiter?: string;
  /** Column names of header-less CSV files (e.g. IRSA's AllWISE bulk files); then every line is data. */
  header?: string[];
  mapping?: CatalogMappingInput;
  zoneHeightDeg?: number;
  defaultRadiusArcsec?: number;
  description?: string;
  /** Fail (keeping the previous version) when more rows than this are bad (default: no limit, all reported). */
  maxBadRows?: number;
  /** Called about every 50 000 rows and at the end. */
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadProgress {
  phase: "reading" | "indexing" | "done";
  rows: number;
  badRows: number;
  bytesRead: number;
  bytesTotal: number;
  elapsedMs: number;
}

export interface BadRow {
  /** Line (CSV, VOTable) or row (FITS) number in the file, 1-based. */
  line: number;
  reason: string;
  /** The file's name, when several files are loaded. */
  file?: string;
}

export interface LoadCatalogResult {
  name: string;
  tableName: string;
  rows: number;
  badRows: number;
  /** The first bad rows with their line numbers (all of them up to 1000). */
  badRowSamples: BadRow[];
  /** "line" or "row": what BadRow.line counts. */
  position: TableSource["position"];
  columns: CatalogColumn[];
  mappedFrom: { id: string; ra: string; dec: string; class: string | null; period: string | null };
  seconds: number;
  rowsPerSecond: number;
}

/** The load stopped before replacing anything (the previous version of the catalog is still served). */
export class CatalogLoadError extends Error {
  override readonly name = "CatalogLoadError";
  constructor(
    message: string,
    readonly badRowSamples: BadRow[] = [],
    options?: { cause?: unknown },
    /** What BadRow.line counts in badRowSamples. */
    readonly position: TableSource["position"] = "line",
  ) {
    super(message, options);
  }
}

const MAX_BAD_ROW_SAMPLES = 1000;

/** COPY text format: backslash, tab, newline and carriage return escaped; null is \N. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!)
    : value;
}
const copyNumber = (value: number | null): string => (value === null ? "\\N" : String(value));

function copyLine(row: CatalogRow, hasClass: boolean, hasPeriod: boolean): string {
  let line = `${row.zone}\t${row.raDeg}\t${row.decDeg}\t${copyText(row.id)}`;
  for (const value of row.values) line += `\t${copyNumber(value)}`;
  if (hasClass) line += `\t${row.className === null ? "\\N" : copyText(row.className)}`;
  if (hasPeriod) line += `\t${copyNumber(row.period)}`;
  return line + "\n";
}

async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Serialises one loader per catalog name across processes (session advisory lock). */
const lockKey = (name: string) => `cielo_catalog_load:${name}`;

/**
 * Loads `file` as catalog `name`, replacing the previous version atomically. Bad rows are skipped,
 * counted and returned with their line numbers.
 */
export async function loadCatalog(pool: pg.Pool, options: LoadCatalogOptions): Promise<LoadCatalogResult> {
  const name = catalogNameSchema.parse(options.name);
  const zoneHeightDeg = options.zoneHeightDeg ?? DEFAULT_ZONE_HEIGHT_DEG;
  if (!(zoneHeightDeg > 0 && zoneHeightDeg <= 10)) throw new RangeError(`zone height must be within (0, 10] degrees, got ${zoneHeightDeg}`);
  const started = Date.now();
  const files = typeof options.file === "string" ? [options.file] : options.file;
  if (files.length === 0) throw new CatalogLoadError("no file to load");
  const open = (file: string) => openTableFile(file, options.format, { delimiter: options.delimiter, header: options.header });
  const bytesTotal = files.reduce((sum, file) => sum + (fs.existsSync(file) ? fs.statSync(file).size : 0), 0);
  const source = await open(files[0]!);
  let current: TableSource = source;
  /** Bytes of the files read completely, and whether `current` is still being read. */
  let bytesDone = 0;
  let reading = true;
  const client = await pool.connect();
  const tableName = catalogTableName(name);
  const staging = `${tableName}__load_${crypto.randomBytes(4).toString("hex")}`;
  let locked = false;
  try {
    const mapping = resolveMapping(options.mapping ?? {}, source.columns, source.units);
    const { rows: lockRows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [lockKey(name)]);
    locked = lockRows[0]!.ok;
    if (!locked) throw new CatalogLoadError(`catalog ${name} is being loaded by another process; try again when it has finished`);
    // Staging tables of loads that crashed before their swap.
    const { rows: stale } = await client.query<{ relname: string }>(
      "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND starts_with(relname, $1)",
      [`${tableName}__load_`],
    );
    for (const { relname } of stale) await client.query(`DROP TABLE IF EXISTS ${quoteIdent(relname)}`);

    const hasClass = mapping.classIndex !== null;
    const hasPeriod = mapping.periodIndex !== null;
    const columnDefs = [
      "zone int NOT NULL",
      "ra double precision NOT NULL",
      "dec double precision NOT NULL",
      "id text NOT NULL",
      ...mapping.columns.map((c) => `${quoteIdent(c.name)} double precision`),
      ...(hasClass ? ["class text"] : []),
      ...(hasPeriod ? ["period double precision"] : []),
    ];
    await client.query(`CREATE TABLE ${quoteIdent(staging)} (${columnDefs.join(", ")})`);

    let rows = 0;
    let badRows = 0;
    const badRowSamples: BadRow[] = [];
    const progress = (phase: LoadProgress["phase"]) =>
      options.onProgress?.({
        phase,
        rows,
        badRows,
        bytesRead: bytesDone + (reading ? current.bytesRead() : 0),
        bytesTotal,
        elapsedMs: Date.now() - started,
      });
    const maxBad = options.maxBadRows ?? Infinity;
    const hashes: string[] = [];
    async function* copyChunks(): AsyncGenerator<string> {
      let chunk = "";
      for (let k = 0; k < files.length; k++) {
        if (k > 0) {
          current = await open(files[k]!);
          reading = true;
          if (current.columns.join("\u0000") !== source.columns.join("\u0000")) {
            current.close();
            throw new CatalogLoadError(
              `${path.basename(files[k]!)} does not have the columns of ${path.basename(files[0]!)} (${source.columns.join(", ")})`,
            );
          }
        }
        const fileName = files.length > 1 ? path.basename(files[k]!) : undefined;
        try {
          for await (const record of current.records) {
            const mapped = record.error ?? mapRecord(record.values, mapping, zoneHeightDeg);
            if (typeof mapped === "string") {
              badRows += 1;
              if (badRowSamples.length < MAX_BAD_ROW_SAMPLES)
                badRowSamples.push({ line: record.line, reason: mapped, ...(fileName ? { file: fileName } : {}) });
              if (badRows > maxBad) {
                const where = `${fileName ? `${fileName} ` : ""}${current.position} ${record.line}`;
                throw new CatalogLoadError(
                  `more than ${maxBad} bad rows (the last: ${where}: ${mapped})`,
                  badRowSamples,
                  undefined,
                  current.position,
                );
              }
              continue;
            }
            chunk += copyLine(mapped, hasClass, hasPeriod);
            rows += 1;
            if (rows % 50_000 === 0) progress("reading");
            if (chunk.length >= 1 << 18) {
              yield chunk;
              chunk = "";
            }
          }
          // FITS readers stop at the end of the table: hash the rest of the file for an exact fingerprint.
          hashes.push(current.bytesRead() >= current.bytesTotal ? current.sha256() : await fileSha256(files[k]!));
          bytesDone += current.bytesTotal;
          reading = false;
        } finally {
          if (k > 0) current.close();
        }
      }
      if (chunk.length > 0) yield chunk;
    }
    const copyColumns = [
      "zone",
      "ra",
      "dec",
      "id",
      ...mapping.columns.map((c) => quoteIdent(c.name)),
      ...(hasClass ? ["class"] : []),
      ...(hasPeriod ? ["period"] : []),
    ];
    await pipeline(
      Readable.from(copyChunks()),
      client.query(copyFrom(`COPY ${quoteIdent(staging)} (${copyColumns.join(", ")}) FROM STDIN`)),
    );

    const sha256 = hashes.length === 1 ? hashes[0]! : crypto.createHash("sha256").update(hashes.join("\n")).digest("hex");
    progress("indexing");
    await client.query(`CREATE INDEX ${quoteIdent(`${staging}_zone_ra`)} ON ${quoteIdent(staging)} (zone, ra)`);
    // Lookups by source id (xmatch.oid_catalog → the catalog row, e.g. the AllWISE colours of the light-curve features).
    await client.query(`CREATE INDEX ${quoteIdent(`${staging}_id`)} ON ${quoteIdent(staging)} (id)`);
    await client.query(`ANALYZE ${quoteIdent(staging)}`);

    // The swap and the registry row commit together: readers see the old table or the new one.
    await withTransaction(client, async (tx) => {
      await tx.query(`DROP TABLE IF EXISTS ${quoteIdent(tableName)}`);
      await tx.query(`ALTER TABLE ${quoteIdent(staging)} RENAME TO ${quoteIdent(tableName)}`);
      await tx.query(`ALTER INDEX ${quoteIdent(`${staging}_zone_ra`)} RENAME TO ${quoteIdent(`${tableName}_zone_ra`)}`);
      await tx.query(`ALTER INDEX ${quoteIdent(`${staging}_id`)} RENAME TO ${quoteIdent(`${tableName}_id`)}`);
      await tx.query(
        `INSERT INTO catalog (name, table_name, rows, bad_rows, columns, has_class, has_period, default_radius_arcsec, zone_height_deg,
           source_file, source_sha256, description, loaded_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, now())
         ON CONFLICT (name) DO UPDATE SET table_name = excluded.table_name, rows = excluded.rows, bad_rows = excluded.bad_rows,
           columns = excluded.columns, has_class = excluded.has_class, has_period = excluded.has_period,
           default_radius_arcsec = excluded.default_radius_arcsec, zone_height_deg = excluded.zone_height_deg,
           source_file = excluded.source_file, source_sha256 = excluded.source_sha256, description = excluded.description,
           loaded_at = excluded.loaded_at`,
        [
          name,
          tableName,
          rows,
          badRows,
          JSON.stringify(mapping.columns),
          hasClass,
          hasPeriod,
          options.defaultRadiusArcsec ?? 2,
          zoneHeightDeg,
          files.length === 1 ? path.basename(files[0]!) : `${path.basename(files[0]!)} (+${files.length - 1} files)`,
          sha256,
          options.description ?? null,
        ],
      );
    });
    progress("done");
    const seconds = (Date.now() - started) / 1000;
    return {
      name,
      tableName,
      rows,
      badRows,
      badRowSamples,
      position: source.position,
      columns: mapping.columns,
      mappedFrom: mapping.sourceNames,
      seconds,
      rowsPerSecond: rows / Math.max(seconds, 1e-3),
    };
  } catch (error) {
    await client.query(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`).catch(() => undefined);
    if (error instanceof CatalogLoadError) throw error;
    throw new CatalogLoadError(
      `loading ${path.basename(files[0]!)}${files.length > 1 ? ` (+${files.length - 1} files)` : ""} as ${name} failed, the previous version is kept: ${(error as Error).message}`,
      [],
      {
        cause: error,
      },
    );
  } finally {
    source.close();
    if (locked) await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey(name)]).catch(() => undefined);
    client.release();
  }
}
