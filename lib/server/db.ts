import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { watchPoolAvailability } from "../db/database-outage";
import { READ_STATEMENT_TIMEOUT_MS } from "../db/query-rows";
import { PrismaClient } from "../generated/prisma/client";
import { EMBEDDED_DATABASE, embeddedUrl, hasEmbeddedCredentials } from "./embedded-credentials";
import { getEnv } from "./env";
import { createLogger } from "./logger";

export type Prisma = PrismaClient;

/**
 * A process's database handles. Every lib/ function takes one of the pools as a `Sql`
 * (lib/db/sql.ts); see docs/decisions/0015-one-read-layer.md.
 */
export interface Db {
  /** Writes and transactions (ingest, votes, catalog loads, accounts): no statement timeout. */
  pool: pg.Pool;
  /**
   * Every read of the Explorer, the API and the downloads (lib/objects): connections opened with
   * statement_timeout, so a costly query is cancelled by PostgreSQL instead of holding a
   * connection. Plain pool queries, never an interactive transaction.
   */
  readPool: pg.Pool;
  /** Prisma Client over `pool`, for the accounts and sessions CRUD of lib/auth only. */
  prisma: PrismaClient;
  close(): Promise<void>;
}

export interface DbPoolSizes {
  /** Connections of the write pool (default 10). */
  maxConnections?: number;
  /** Connections of the read pool (default: maxConnections). */
  maxReadConnections?: number;
}

export function createDb(databaseUrl: string, options: DbPoolSizes = {}): Db {
  const max = options.maxConnections ?? 10;
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  // A lost connection is a warning (the pool reconnects; callers see the failed query): docs/operations.md.
  watchPoolAvailability(pool, (error) => createLogger("db").warn({ err: error.message }, "database connection lost"));
  // pg opens connections on first use, so a process that never reads (a worker) never connects this pool.
  const readPool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxReadConnections ?? max,
    statement_timeout: READ_STATEMENT_TIMEOUT_MS,
    application_name: "cielo-read",
  });
  watchPoolAvailability(readPool, (error) => createLogger("db").warn({ err: error.message }, "database read connection lost"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    pool,
    readPool,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await Promise.all([pool.end(), readPool.end()]);
    },
  };
}

/**
 * DATABASE_URL when set; otherwise the embedded server that `npm start` (or `npm run ingest`)
 * runs in the data folder. The app never starts PostgreSQL itself: the launcher does, before it.
 */
export function resolveDatabaseUrl(): string {
  const env = getEnv();
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (!hasEmbeddedCredentials(env.dataDir)) {
    throw new Error("DATABASE_URL is not set and there is no embedded PostgreSQL in the data folder: start Cielo with `npm start`.");
  }
  return embeddedUrl(env.dataDir, env.CIELO_EMBEDDED_PG_PORT, EMBEDDED_DATABASE);
}

const globalForDb = globalThis as typeof globalThis & { cieloDb?: Db };

/**
 * The process-wide database handles (cached on globalThis so Next's dev reloads reuse them); reads use `getDb().readPool`.
 * Pool sizes: CIELO_DB_READ_POOL_MAX / CIELO_DB_WRITE_POOL_MAX (docs/operations.md). lib/http/load-shedding.ts reads
 * the pools' wait queues from the same global.
 */
export function getDb(): Db {
  const env = getEnv();
  globalForDb.cieloDb ??= createDb(resolveDatabaseUrl(), {
    maxConnections: env.CIELO_DB_WRITE_POOL_MAX,
    maxReadConnections: env.CIELO_DB_READ_POOL_MAX,
  });
  return globalForDb.cieloDb;
}
