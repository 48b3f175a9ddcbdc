import { type DatabaseServer, databaseUrl, ensureDatabaseExists, startEmbeddedPostgres } from "./embedded-postgres";
import { EMBEDDED_DATABASE } from "./embedded-credentials";
import { getEnv } from "./env";
import { applyMigrations } from "./migrate";

export interface OpenedDatabase {
  url: string;
  server: DatabaseServer;
  /** Migrations applied by this call (empty when the database was up to date). */
  applied: string[];
}

/**
 * The database every Cielo process uses: DATABASE_URL when set (a managed or clustered
 * PostgreSQL), otherwise the embedded cluster in the data folder, started here or reused.
 * Pending migrations are applied either way.
 */
export async function openDatabase(options: { log?: (line: string) => void; databaseName?: string } = {}): Promise<OpenedDatabase> {
  const env = getEnv();
  const log = options.log ?? (() => undefined);
  let server: DatabaseServer;
  let url: string;
  if (env.DATABASE_URL) {
    server = { adminUrl: env.DATABASE_URL, owned: false, stop: async () => undefined };
    url = env.DATABASE_URL;
  } else {
    server = await startEmbeddedPostgres({ dataDir: env.dataDir, port: env.CIELO_EMBEDDED_PG_PORT, log });
    const name = options.databaseName ?? EMBEDDED_DATABASE;
    await ensureDatabaseExists(server.adminUrl, name);
    url = databaseUrl(server.adminUrl, name);
  }
  try {
    const applied = await applyMigrations(url);
    if (applied.length > 0) log(`applied migrations: ${applied.join(", ")}`);
    return { url, server, applied };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
