import crypto from "node:crypto";
import type { Sql } from "./sql";

/** Ceiling on one read statement: the read pool (lib/server/db.ts) sets it on every connection it opens. */
export const READ_STATEMENT_TIMEOUT_MS = 5000;

/**
 * Runs one parameterised query and returns its rows (int8 columns come back as decimal text, pg's
 * default). A named statement is parsed and planned once per connection (planning dominated the
 * small queries of the read layer); the name is the text's hash, so every query shape gets its own.
 */
export async function queryRows<Row extends object>(sql: Sql, text: string, values: readonly unknown[] = []): Promise<Row[]> {
  const result = await sql.query({ name: statementName(text), text, values: [...values] });
  return result.rows as Row[];
}

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `cielo_read_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    if (statementNames.size > 10_000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/** PostgreSQL cancelled the statement because it ran past statement_timeout (SQLSTATE 57014). */
export function isStatementTimeout(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (e.code === "57014") return true;
  if (typeof e.message === "string" && /canceling statement due to statement timeout/.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isStatementTimeout(e.cause);
}
