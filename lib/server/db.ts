import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { EMBEDDED_DATABASE, embeddedUrl, hasEmbeddedCredentials } from "./embedded-credentials";
import { getEnv } from "./env";
import { createLogger } from "./logger";

export type Prisma = PrismaClient;

export interface Db {
  prisma: PrismaClient;
  /** The same connections as `prisma`, for raw SQL on hot paths (bulk upserts, cone search). */
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDb(databaseUrl: string, options: { maxConnections?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  pool.on("error", (error) => createLogger("db").error({ err: error }, "idle client error"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
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

/** The process-wide database handle (cached on globalThis so Next's dev reloads reuse it). */
export function getDb(): Db {
  globalForDb.cieloDb ??= createDb(resolveDatabaseUrl());
  return globalForDb.cieloDb;
}
