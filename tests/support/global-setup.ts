import pg from "pg";
import type { TestProject } from "vitest/node";
import { type DatabaseServer, databaseUrl, ensureDatabaseExists, startEmbeddedPostgres } from "../../lib/server/embedded-postgres";
import { applyMigrations } from "../../lib/server/migrate";
import { TEST_CLUSTER } from "./test-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDatabase: string;
  }
}

let server: DatabaseServer | undefined;
let template: string | undefined;

/**
 * One real PostgreSQL for the whole run (TEST_DATABASE_URL = an admin URL of another server, or the
 * embedded test cluster), with a template database migrated once; each test file clones it.
 */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env.TEST_DATABASE_URL;
  server = external
    ? { adminUrl: external, owned: false, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: TEST_CLUSTER.dataDir, port: TEST_CLUSTER.port });
  template = `cielo_test_template_${process.pid}_${Date.now()}`;
  await dropStaleTestDatabases(server.adminUrl);
  await ensureDatabaseExists(server.adminUrl, template);
  await applyMigrations(databaseUrl(server.adminUrl, template));
  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("pgTemplateDatabase", template);
}

export async function teardown(): Promise<void> {
  if (server && template) {
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${template}%`]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    await client.end();
  }
  await server?.stop();
}

/** Databases left by an interrupted earlier run. */
async function dropStaleTestDatabases(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'cielo_test_template_%'");
    for (const { datname } of rows) {
      const pid = Number(datname.split("_")[3]);
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = pid !== process.pid;
      } catch {
        alive = false;
      }
      if (!alive) await client.query(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await client.end();
  }
}
