import crypto from "node:crypto";
import type pg from "pg";
import type { PrismaClient } from "../generated/prisma/client";

/**
 * Where the API's read queries run: the API's own pg pool (lib/api/api-db.ts, whose connections
 * carry a statement_timeout) or a Prisma client (the Explorer's server components), in which case
 * each query runs in a short transaction with SET LOCAL statement_timeout.
 */
export type SqlClient = PrismaClient | pg.Pool | pg.PoolClient;

export type SqlRow = Record<string, unknown>;

/** Default ceiling on one API query; the API pool sets the same on its connections. */
export const API_STATEMENT_TIMEOUT_MS = 5000;

function isPrisma(client: SqlClient): client is PrismaClient {
  return typeof (client as PrismaClient).$queryRawUnsafe === "function";
}

/** PostgreSQL refused or cancelled the statement because it ran past statement_timeout. */
export function isStatementTimeout(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (e.code === "57014") return true;
  if (typeof e.message === "string" && /canceling statement due to statement timeout/.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isStatementTimeout(e.cause);
}

/**
 * Runs one parameterised read query. Bigint values come back as decimal strings whichever client
 * ran it (pg returns int8 as text; Prisma returns BigInt), so callers see one representation.
 */
export async function querySql<Row extends object = SqlRow>(
  client: SqlClient,
  text: string,
  values: readonly unknown[] = [],
  timeoutMs: number = API_STATEMENT_TIMEOUT_MS,
): Promise<Row[]> {
  if (isPrisma(client)) {
    const [, rows] = await client.$transaction([
      client.$executeRawUnsafe(`set local statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`),
      client.$queryRawUnsafe<SqlRow[]>(text, ...values),
    ]);
    return rows.map(normaliseRow) as Row[];
  }
  // A named statement is parsed and analysed once per connection (planning dominated the small
  // queries here); the name is the text's hash, so every distinct query shape gets its own.
  const result = await client.query({ name: statementName(text), text, values: values as unknown[] });
  return result.rows as Row[];
}

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `cielo_api_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    if (statementNames.size > 10_000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

function normaliseRow(row: SqlRow): SqlRow {
  const out: SqlRow = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === "bigint" ? value.toString() : value;
  return out;
}
