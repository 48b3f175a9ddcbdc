import type { PoolClient, QueryResult, QueryResultRow } from "pg";

/** PostgreSQL array element types used by the bulk writers. */
export type PgType = "text" | "int" | "bigint" | "double precision" | "boolean" | "bytea" | "timestamptz" | `"${string}"`;

/** A column list for one table: every column of the row type, with its PostgreSQL type. */
export type ColumnTypes<Row> = { [K in keyof Row]-?: PgType };

const NEEDS_ESCAPE = /[\\"]/;

/** One element of a PostgreSQL array literal. */
function arrayElement(value: unknown, type: PgType): string {
  if (value === null || value === undefined) return "NULL";
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "t" : "f";
    case "string":
      // Most strings (object ids, names) need no escaping: skip the replace.
      return NEEDS_ESCAPE.test(value) ? `"${value.replace(/[\\"]/g, "\\$&")}"` : `"${value}"`;
    default:
      if (value instanceof Date) return `"${value.toISOString()}"`;
      throw new TypeError(`bulkInsert: cannot put a ${typeof value} in a ${type}[] array literal`);
  }
}

/**
 * The array literal `{a,b,NULL}` of a column, built directly: node-postgres's generic array
 * serialisation (per-element escaping, value preparation) was a visible share of ingest CPU.
 * Bytea columns are not handled here (see bulkInsertValues).
 */
function arrayLiteral(values: unknown[], type: PgType): string {
  // Appended in place (one rope, flattened once when sent): ~40 % less CPU than an array of parts
  // joined, measured on 4,500-value columns.
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) literal += ",";
    literal += arrayElement(values[i], type);
  }
  return literal + "}";
}

/** The `INSERT … SELECT FROM unnest(...)` statement and its parameters (see bulkInsert), to wrap in a larger query. */
export function unnestInsert<Row extends object>(
  table: string,
  columnTypes: ColumnTypes<Row>,
  rows: readonly Row[],
  conflict: string,
): { sql: string; params: unknown[] } {
  const columns = Object.keys(columnTypes) as (keyof Row & string)[];
  const params: unknown[] = [];
  const arrays: string[] = [];
  const inputs: string[] = [];
  const selected: string[] = [];
  const blobs: Buffer[] = [];
  for (const column of columns) {
    const type = columnTypes[column];
    if (type !== "bytea") {
      params.push(
        arrayLiteral(
          rows.map((row) => row[column]),
          type,
        ),
      );
      arrays.push(`$${params.length}::${type}[]`);
      inputs.push(`"${column}"`);
      selected.push(`input."${column}"`);
      continue;
    }
    // Bytes go as ONE binary parameter per column (the column's values end to end) with each row's
    // offset and length, cut apart by substring(): inside an array literal they would be hex text,
    // and as one parameter per cell node-postgres copies its message buffer over and over as it grows.
    const offsets: (number | null)[] = [];
    const lengths: (number | null)[] = [];
    const parts: Buffer[] = [];
    let total = 0;
    for (const row of rows) {
      const value = row[column] as unknown;
      if (value === null || value === undefined) {
        offsets.push(null);
        lengths.push(null);
        continue;
      }
      if (!(value instanceof Uint8Array)) throw new TypeError(`bulkInsert: ${table}.${column} is bytea but a value is a ${typeof value}`);
      offsets.push(total + 1);
      lengths.push(value.byteLength);
      parts.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      total += value.byteLength;
    }
    params.push(arrayLiteral(offsets, "int"), arrayLiteral(lengths, "int"));
    arrays.push(`$${params.length - 1}::int[]`, `$${params.length}::int[]`);
    inputs.push(`"${column}__offset"`, `"${column}__length"`);
    blobs.push(Buffer.concat(parts, total));
    selected.push(`substring($blob${blobs.length - 1}::bytea FROM input."${column}__offset" FOR input."${column}__length")`);
  }
  // The large binary parameters last: node-postgres then grows its message buffer once for each.
  let sqlSelected = selected.join(", ");
  blobs.forEach((blob, i) => {
    params.push(blob);
    sqlSelected = sqlSelected.replaceAll(`$blob${i}::`, `$${params.length}::`);
  });
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  return {
    sql: `INSERT INTO "${table}" (${quoted}) SELECT ${sqlSelected} FROM unnest(${arrays.join(", ")}) AS input(${inputs.join(", ")}) ${conflict}`,
    params,
  };
}

/** Statement names by SQL text (see preparedQuery); bounded in case a caller builds SQL per call. */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 500;

/**
 * Runs `sql` as a named prepared statement: each connection parses and analyses it once, and after
 * five executions PostgreSQL keeps a generic plan instead of planning every batch with the
 * parameters' values inlined as constants — which copied each multi-megabyte bytea parameter once
 * more (docs/ingest.md, "PostgreSQL CPU per alert"). For statements whose text does not depend on
 * the data (the bulk writers' SQL depends only on the table, its columns and the conflict clause).
 */
export function preparedQuery<Returned extends QueryResultRow>(
  client: PoolClient,
  sql: string,
  params: unknown[],
): Promise<QueryResult<Returned>> {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `cielo_${statementNames.size}`;
    statementNames.set(sql, name);
  }
  return name === undefined ? client.query<Returned>(sql, params) : client.query<Returned>({ name, text: sql, values: params });
}

/**
 * One INSERT of many rows through `unnest` of one array per column: a single round trip and a
 * single plan whatever the batch size (ZTF nights bring ~10^5 alerts). `conflict` is the
 * ON CONFLICT clause; rows must be unique on the conflict key (see `uniqueBy`).
 */
export async function bulkInsert<Row extends object>(
  client: PoolClient,
  table: string,
  columnTypes: ColumnTypes<Row>,
  rows: readonly Row[],
  conflict: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const { sql, params } = unnestInsert(table, columnTypes, rows, conflict);
  const result = await preparedQuery(client, sql, params);
  return result.rowCount ?? 0;
}

/** bulkInsert with a RETURNING clause (`conflict` ends with it): the returned rows. */
export async function bulkInsertReturning<Row extends object, Returned extends QueryResultRow>(
  client: PoolClient,
  table: string,
  columnTypes: ColumnTypes<Row>,
  rows: readonly Row[],
  conflictAndReturning: string,
): Promise<Returned[]> {
  if (rows.length === 0) return [];
  const { sql, params } = unnestInsert(table, columnTypes, rows, conflictAndReturning);
  return (await preparedQuery<Returned>(client, sql, params)).rows;
}

/** Keeps one row per key; on a tie the row `prefer` ranks higher (or the first seen) wins. Sorted by key. */
export function uniqueBy<Row>(rows: readonly Row[], key: (row: Row) => string, prefer?: (a: Row, b: Row) => boolean): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) {
    const k = key(row);
    const existing = byKey.get(k);
    if (existing === undefined || (prefer !== undefined && prefer(row, existing))) byKey.set(k, row);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** `SET a = excluded.a, ...` for every column but the key columns. */
export function updateFromExcluded<Row extends object>(columnTypes: ColumnTypes<Row>, keyColumns: readonly (keyof Row)[]): string {
  return (Object.keys(columnTypes) as (keyof Row & string)[])
    .filter((c) => !keyColumns.includes(c))
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(", ");
}
