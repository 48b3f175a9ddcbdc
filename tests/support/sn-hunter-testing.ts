// Helpers for the SN Hunter integration tests (not a test file itself).
import { ALERT_FIXTURES_DIR } from "./alert-fixtures";
import type { ActionContext, CookieOptions } from "../../lib/auth/define-action";
import { loadStampClassifier } from "../../lib/classifiers/stamp/stamp-classifier";
import { ingestAlertFiles } from "../../lib/ingest/ingest-alerts";
import { createPipeline } from "../../lib/pipeline/pipeline";
import { readAlertSource } from "../../lib/ingest/alert-sources";
import type { Db } from "../../lib/server/db";

/** Every bundled real alert, stamp-classified with the shipped model, as `npm start` does. */
export async function ingestClassifiedSample(db: Db): Promise<void> {
  const classifier = await loadStampClassifier();
  try {
    await ingestAlertFiles(db.pool, readAlertSource(ALERT_FIXTURES_DIR), { pipeline: createPipeline({ models: { stamp: classifier } }) });
  } finally {
    await classifier.close();
  }
}

/** A browser's cookie jar for calling actions the way Next would (the HTTP boundary, not the database). */
export class TestBrowser {
  readonly jar = new Map<string, { value: string; options: CookieOptions }>();
  constructor(
    readonly db: Db,
    readonly clientIp = "203.0.113.7",
  ) {}
  /** The context of a request that proxy.ts gave this id. */
  requestContext(requestId: string): ActionContext {
    return { ...this.context(), requestId };
  }

  context(): ActionContext {
    return {
      db: this.db,
      clientIp: this.clientIp,
      secureCookies: true,
      cookies: {
        get: (name) => this.jar.get(name)?.value,
        set: (name, value, options) => void this.jar.set(name, { value, options }),
        delete: (name) => void this.jar.delete(name),
      },
    };
  }
}
