import crypto from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "../../lib/server/db";
import { databaseUrl, dropDatabase } from "../../lib/server/embedded-postgres";

export interface TestDatabase extends Db {
  url: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database cloned from the run's template (CREATE DATABASE ... TEMPLATE). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const template = inject("pgTemplateDatabase");
  const name = `${template}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(adminUrl, name);
  const db = createDb(url, { maxConnections: 4 });
  return {
    ...db,
    url,
    drop: async () => {
      await db.close();
      await dropDatabase(adminUrl, name);
    },
  };
}
