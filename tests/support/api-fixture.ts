// A test database holding the bundled sample alerts (every schema version, real stamps), stamp
// classified with the shipped model, plus a handful of labelled synthetic feature rows (the
// light-curve classifier of issue 6 fills that table in production).
import path from "node:path";
import { ALERT_FIXTURES_DIR } from "./alert-fixtures";
import { loadStampClassifier } from "../../lib/classifiers/stamp/stamp-classifier";
import { readAlertSource } from "../../lib/ingest/alert-sources";
import { ingestAlertFiles } from "../../lib/ingest/ingest-alerts";
import { createPipeline } from "../../lib/pipeline/pipeline";
import { afterAll, beforeAll } from "vitest";
import { serveApiRoutes, type ApiRoutesServer } from "./serve-api-routes";
import { createTestDatabase, type TestDatabase } from "./test-database";

export const SAMPLE_DIRS = [path.join(ALERT_FIXTURES_DIR, "samples")];
/** An object of the samples with 56 detections, non-detections and stamps (Kowalski 2020-02-02). */
export const SAMPLE_OID = "ZTF20aafcnby";
export const SAMPLE_CANDID = "1127561441415015002";

export async function createApiTestDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  const stampClassifier = await loadStampClassifier();
  for (const dir of SAMPLE_DIRS)
    await ingestAlertFiles(db.pool, readAlertSource(dir), { pipeline: createPipeline({ models: { stamp: stampClassifier } }) });
  await db.pool.query(
    `insert into feature (oid, name, value, fid, version)
     values ($1, 'Amplitude', 0.61, 1, 'test_1.0'), ($1, 'Amplitude', 0.48, 2, 'test_1.0'),
            ($1, 'Multiband_period', 'NaN', 12, 'test_1.0'), ($1, 'Amplitude', 0.5, 1, 'test_0.9')`,
    [SAMPLE_OID],
  );
  return db;
}

/**
 * For a test file (or describe block): the sample database, served over HTTP by the real route
 * modules, created before its tests and dropped after them. Read `db` and `server` inside tests/hooks.
 */
export function withApiTestServer(): { readonly db: TestDatabase; readonly server: ApiRoutesServer } {
  const fixture = {} as { db: TestDatabase; server: ApiRoutesServer };
  beforeAll(async () => {
    fixture.db = await createApiTestDatabase();
    fixture.server = await serveApiRoutes(fixture.db);
  }, 180_000);
  afterAll(async () => {
    await fixture.server?.close();
    await fixture.db?.drop();
  });
  return fixture;
}
