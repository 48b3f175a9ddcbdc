import type { Duplex } from "node:stream";
import type { Connection, PoolClient, Submittable } from "pg";
import { preparedQuery } from "./bulk-insert";

/** Column types the binary COPY writer encodes. */
export type CopyType = "bigint" | "int" | "text" | "bytea";
export type CopyColumnTypes<Row> = { [K in keyof Row]-?: CopyType };

/** PGCOPY\n\377\r\n\0, then flags (int32 0) and the header extension's length (int32 0). */
const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
const TRAILER = Buffer.from([0xff, 0xff]);

/**
 * The chunks of a `COPY … FROM STDIN (FORMAT binary)` stream of `rows`: every bytea value is its own
 * chunk, the row's own bytes, never copied; everything else (the file header, each tuple's field
 * count, lengths and small values) is written into one buffer that the other chunks view.
 */
export function binaryCopyChunks<Row extends object>(columnTypes: CopyColumnTypes<Row>, rows: readonly Row[]): Buffer[] {
  const columns = Object.keys(columnTypes) as (keyof Row & string)[];
  // First pass: the size of everything but the bytea values.
  let small = SIGNATURE.length + TRAILER.length;
  for (const row of rows) {
    small += 2;
    for (const column of columns) {
      const value = row[column] as unknown;
      small += 4;
      if (value === null || value === undefined) continue;
      const type = columnTypes[column];
      if (type === "bigint") small += 8;
      else if (type === "int") small += 4;
      else if (type === "text") small += Buffer.byteLength(String(value), "utf8");
    }
  }
  const arena = Buffer.allocUnsafe(small);
  const chunks: Buffer[] = [];
  let start = 0;
  let at = SIGNATURE.copy(arena, 0);
  for (const row of rows) {
    at = arena.writeInt16BE(columns.length, at);
    for (const column of columns) {
      const value = row[column] as unknown;
      if (value === null || value === undefined) {
        at = arena.writeInt32BE(-1, at);
        continue;
      }
      switch (columnTypes[column]) {
        case "bigint":
          at = arena.writeInt32BE(8, at);
          at = arena.writeBigInt64BE(typeof value === "bigint" ? value : BigInt(value as number | string), at);
          break;
        case "int":
          at = arena.writeInt32BE(4, at);
          at = arena.writeInt32BE(value as number, at);
          break;
        case "text": {
          const text = String(value);
          const length = arena.write(text, at + 4, "utf8");
          arena.writeInt32BE(length, at);
          at += 4 + length;
          break;
        }
        case "bytea": {
          if (!(value instanceof Uint8Array)) throw new TypeError(`binaryCopyChunks: ${column} is bytea but a value is a ${typeof value}`);
          at = arena.writeInt32BE(value.byteLength, at);
          chunks.push(arena.subarray(start, at), Buffer.from(value.buffer, value.byteOffset, value.byteLength));
          start = at;
          break;
        }
      }
    }
  }
  at = TRAILER.copy(arena, at) + at;
  chunks.push(arena.subarray(start, at));
  return chunks.filter((chunk) => chunk.length > 0);
}

/** Payload of one CopyData message at most (rows may span messages; PostgreSQL reads each whole). */
const COPY_DATA_MAX = 1 << 20;

/**
 * A `COPY … FROM STDIN` run as a node-postgres Submittable (the protocol pg-copy-streams speaks, minus
 * the stream): when PostgreSQL asks for the data, every chunk goes to the socket at once, corked, so
 * they leave in one `writev` instead of a system call (and a 5-byte header) per chunk.
 */
class CopyIn implements Submittable {
  rowCount = 0;
  /** Set by node-postgres when a query timeout is configured. */
  callback: (error?: Error) => void = () => undefined;
  readonly done: Promise<number>;
  private settle!: { resolve: (rows: number) => void; reject: (error: Error) => void };

  constructor(
    readonly text: string,
    private readonly chunks: readonly Buffer[],
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    const socket = connection.stream as Duplex;
    socket.cork();
    for (let i = 0; i < this.chunks.length;) {
      let end = i;
      let length = 0;
      while (end < this.chunks.length && (end === i || length + this.chunks[end]!.length <= COPY_DATA_MAX))
        length += this.chunks[end++]!.length;
      const header = Buffer.allocUnsafe(5);
      header[0] = 0x64; // CopyData
      header.writeInt32BE(length + 4, 1);
      socket.write(header);
      for (; i < end; i++) socket.write(this.chunks[i]!);
    }
    socket.write(Buffer.from([0x63, 0, 0, 0, 4])); // CopyDone
    socket.uncork();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rowCount = Number(/^COPY (\d+)/.exec(message.text ?? "")?.[1] ?? 0);
  }

  handleReadyForQuery(): void {
    this.callback();
    this.settle.resolve(this.rowCount);
  }

  handleError(error: Error): void {
    this.callback();
    this.settle.reject(error);
  }
}

/**
 * Writes `rows` into `table` with one binary `COPY … FROM STDIN` (no ON CONFLICT: only for rows
 * known to be new). Large bytea values go to the socket as they are: no joined parameter, no copy
 * into node-postgres's message buffer, no `substring()` in PostgreSQL. Returns the rows copied.
 */
export async function copyRowsBinary<Row extends object>(
  client: PoolClient,
  table: string,
  columnTypes: CopyColumnTypes<Row>,
  rows: readonly Row[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const quoted = Object.keys(columnTypes)
    .map((c) => `"${c}"`)
    .join(", ");
  const copy = new CopyIn(`COPY "${table}" (${quoted}) FROM STDIN (FORMAT binary)`, binaryCopyChunks(columnTypes, rows));
  client.query(copy);
  return copy.done;
}

/**
 * Runs `insert` (an `INSERT … ON CONFLICT DO NOTHING RETURNING <key>` from unnestInsert) as a prepared
 * statement and gives, for each key it inserted, the `kind`s of the rows `childTable` already holds
 * for that key (rows left behind when parent rows went without their delete trigger). A binary COPY
 * into `childTable`, which has no ON CONFLICT, must leave those out; another transaction can only add
 * child rows along with their parent row, which the insert now holds (ADRs 0051, 0052).
 */
export async function insertReturningStoredKinds(
  client: PoolClient,
  insert: { sql: string; params: unknown[] },
  key: string,
  childTable: string,
): Promise<Map<string, Set<string>>> {
  const { rows } = await preparedQuery<{ key: string; stored_kinds: string[] }>(
    client,
    `WITH inserted AS (${insert.sql})
     SELECT i."${key}"::text AS key, array(SELECT c.kind::text FROM "${childTable}" c WHERE c."${key}" = i."${key}") AS stored_kinds
     FROM inserted i`,
    insert.params,
  );
  return new Map(rows.map((r) => [r.key, new Set(r.stored_kinds)]));
}
