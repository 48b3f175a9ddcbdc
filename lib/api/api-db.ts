import pg from "pg";
import { resolveDatabaseUrl } from "../server/db";
import { createLogger } from "../server/logger";
import { API_STATEMENT_TIMEOUT_MS } from "./sql-client";

const globalForApi = globalThis as typeof globalThis & { cieloApiPool?: pg.Pool };

/**
 * The API's read pool: its own connections with statement_timeout set at connect, so a costly
 * query is cancelled by PostgreSQL instead of holding a connection (the shared pool in
 * lib/server/db.ts also serves the ingest worker's long transactions and has no such limit).
 */
export function getApiPool(): pg.Pool {
  if (!globalForApi.cieloApiPool) {
    const pool = new pg.Pool({
      connectionString: resolveDatabaseUrl(),
      max: 10,
      statement_timeout: API_STATEMENT_TIMEOUT_MS,
      application_name: "cielo-api",
    });
    pool.on("error", (error) => createLogger("api-db").error({ err: error }, "idle client error"));
    globalForApi.cieloApiPool = pool;
  }
  return globalForApi.cieloApiPool;
}
