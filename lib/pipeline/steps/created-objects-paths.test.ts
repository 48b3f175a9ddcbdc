// The batch steps take the rows of objects a batch created from the batch (CreatedObjects) instead of
// reading them back. This ingests the bundled night and samples twice, once that way and once with
// every step reading everything from the database, and expects the same stored rows.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";
import { readAlertSource } from "../../ingest/alert-sources";
import { ingestAlertFiles, type IngestSummary } from "../../ingest/ingest-alerts";
import { createPipeline, type Pipeline } from "../pipeline";
import { type BatchStepContext, NO_CREATED_OBJECTS, type Step } from "../step";
import { PIPELINE_STEPS } from "../steps";

const SAMPLE = [path.join(ALERT_FIXTURES_DIR, "night-2018-11-29"), path.join(ALERT_FIXTURES_DIR, "samples")];

/** Every step as it ran before CreatedObjects: nothing is known to be new, so everything is read back. */
const readBackPipeline: Pipeline = createPipeline({
  steps: PIPELINE_STEPS.map((step): Step =>
    step.stage === "batch" ? { ...step, run: (context: BatchStepContext) => step.run({ ...context, created: NO_CREATED_OBJECTS }) } : step,
  ),
});

const QUERIES = {
  object: "select * from object order by oid",
  magstat: "select * from magstat order by oid, fid",
  detection: "select * from detection order by candid",
  detection_quarantine: "select * from detection_quarantine order by candid",
  ps1_ztf: "select * from ps1_ztf order by oid, candid",
} as const;

type Content = Record<keyof typeof QUERIES, Record<string, unknown>[]>;

async function content(db: TestDatabase): Promise<Content> {
  const out = {} as Content;
  for (const [table, sql] of Object.entries(QUERIES) as [keyof typeof QUERIES, string][]) {
    const { rows } = await db.pool.query<Record<string, unknown>>(sql);
    // Write timestamps differ between two ingests; everything else must not.
    out[table] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !column.endsWith("_at"))));
  }
  return out;
}

async function ingest(db: TestDatabase, pipeline?: Pipeline): Promise<IngestSummary[]> {
  const summaries = [];
  for (const dir of SAMPLE) summaries.push(await ingestAlertFiles(db.pool, readAlertSource(dir), pipeline ? { pipeline } : {}));
  return summaries;
}

describe("objects created by a batch: the batch's rows or the stored rows give the same result", () => {
  let fromBatch: TestDatabase;
  let readBack: TestDatabase;
  beforeAll(async () => {
    [fromBatch, readBack] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([fromBatch?.drop(), readBack?.drop()]);
  });

  it("stores the same detections, quarantine, ps1 flags, magstats and objects", async () => {
    const batchSummaries = await ingest(fromBatch);
    const readBackSummaries = await ingest(readBack, readBackPipeline);
    const [a, b] = await Promise.all([content(fromBatch), content(readBack)]);
    // The sample exercises what is compared: quarantined detections and PS1 ids that changed.
    expect(a.object.length).toBeGreaterThan(350);
    expect(a.detection_quarantine.length).toBeGreaterThan(0);
    expect(a.ps1_ztf.filter((r) => !(r.unique1 && r.unique2 && r.unique3)).length).toBeGreaterThan(0);
    for (const table of Object.keys(QUERIES) as (keyof typeof QUERIES)[]) expect(a[table], table).toEqual(b[table]);
    const steps = (summaries: IngestSummary[]) => summaries.map((s) => s.steps);
    expect(steps(batchSummaries)).toEqual(steps(readBackSummaries));
  });
});
