import path from "node:path";

/** The embedded PostgreSQL cluster of the unit/integration tests: its own folder and port, never the app's data. */
export const TEST_CLUSTER = {
  dataDir: path.resolve(import.meta.dirname, "../../.data/test"),
  port: Number(process.env.CIELO_TEST_PG_PORT ?? 54330),
};
