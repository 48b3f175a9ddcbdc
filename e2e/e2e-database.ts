// The e2e web server's database, for specs that check what the app wrote or set up what it reads.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** Written by `scripts/start.ts --ephemeral-database`, the e2e web server. */
const E2E_DATABASE_URL_FILE = path.resolve(".data/e2e/ephemeral-database-url");

/** The connection string of the e2e server's ephemeral database. */
export function e2eDatabaseUrl(): string {
  return fs.readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim();
}

/** Runs `run` with a fresh connection to the e2e database, closed afterwards. */
export async function withE2eClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The rows of one query on the e2e database (one connection per call). */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return withE2eClient(async (client) => (await client.query<T>(sql, params)).rows);
}
