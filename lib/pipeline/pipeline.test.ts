// The step list as the ingest runs it: in list order, inside the batch transaction, a step left out
// of the list (or turned off by its setting) does not run, a debounced step runs only in a pass.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "../alerts/read-alert-file";
import { alertRows, type AlertRows } from "../ingest/alert-rows";
import { persistAlertBatch } from "../ingest/persist-alert-batch";
import { createLogger } from "../server/logger";
import { createPipeline, describePipeline, type Pipeline, runDebouncedPass } from "./pipeline";
import type { BatchStepContext, DebouncedStep, LsstBatchStepContext, PassStepContext, Step } from "./step";
import { PIPELINE_STEPS } from "./steps";

const NIGHT = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");
const log = createLogger("pipeline-test");

function nightAlerts(count: number): AlertRows[] {
  return fs
    .readdirSync(NIGHT)
    .filter((f) => f.endsWith(".avro"))
    .sort()
    .slice(0, count)
    .map((f) => alertRows(readAlertFile(fs.readFileSync(path.join(NIGHT, f)), f).alerts[0]!, f));
}

/** The same steps, each recording its name in `ran` before it runs. */
function recorded(steps: readonly Step[], ran: string[]): Step[] {
  return steps.map((step: Step): Step => {
    if (step.stage === "batch")
      return {
        ...step,
        run: (context: BatchStepContext) => {
          ran.push(step.name);
          return step.run(context);
        },
      };
    if (step.stage === "lsst-batch")
      return {
        ...step,
        run: (context: LsstBatchStepContext) => {
          ran.push(step.name);
          return step.run(context);
        },
      };
    return {
      ...step,
      run: (context: PassStepContext) => {
        ran.push(step.name);
        return step.run(context);
      },
    };
  });
}

async function persist(db: TestDatabase, alerts: AlertRows[], pipeline: Pipeline) {
  const client = await db.pool.connect();
  try {
    return await persistAlertBatch(client, alerts, [], pipeline);
  } finally {
    client.release();
  }
}

const count = async (db: TestDatabase, sql: string, oids: string[]) => (await db.pool.query<{ n: number }>(sql, [oids])).rows[0]!.n;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("PIPELINE_STEPS", () => {
  it("is one ordered list: the batch steps, then the debounced light-curve classifier", () => {
    expect(PIPELINE_STEPS.map((s) => `${s.stage}:${s.name}`)).toEqual([
      "batch:ps1-unique",
      "batch:detection-quarantine",
      "batch:object-statistics",
      "batch:stamp-classifier",
      "batch:crossmatch",
      "batch:ztf-lsst-link",
      "batch:stream-filters",
      "batch:watchlists",
      "lsst-batch:lsst-flux-statistics",
      "lsst-batch:lsst-crossmatch",
      "lsst-batch:lsst-ztf-link",
      "debounced:lc-classifier",
      "debounced:anomaly-score",
      "debounced:lsst-lc-classifier",
    ]);
    for (const step of PIPELINE_STEPS) {
      expect(step.version).not.toBe("");
      expect(step.writes.length).toBeGreaterThan(0);
    }
  });

  it("says which steps are off and why (no model loaded, radius 0)", () => {
    const pipeline = createPipeline({ config: { xmatchRadiusArcsec: 0 }, log });
    expect(describePipeline(pipeline)).toBe(
      "ps1-unique → detection-quarantine → object-statistics → stamp-classifier [off: no stamp classifier loaded] → crossmatch [off: CIELO_XMATCH_RADIUS_ARCSEC=0]" +
        " → ztf-lsst-link → stream-filters → watchlists → lsst-flux-statistics (LSST) → lsst-crossmatch (LSST) [off: CIELO_XMATCH_RADIUS_ARCSEC=0] → lsst-ztf-link (LSST)" +
        " → lc-classifier (debounced) [off: no light-curve classifier loaded] → anomaly-score (debounced) [off: no anomaly detector loaded]" +
        " → lsst-lc-classifier (debounced) [off: no light-curve classifier loaded]",
    );
  });

  it("rejects two steps with the same name", () => {
    expect(() => createPipeline({ steps: [PIPELINE_STEPS[0]!, PIPELINE_STEPS[0]!], log })).toThrow(
      /two pipeline steps are named ps1-unique/,
    );
  });
});

describe("persistAlertBatch runs the list", () => {
  it("runs the batch steps that are on, in list order, in the batch's transaction, and reports their counters", async () => {
    const ran: string[] = [];
    const alerts = nightAlerts(3);
    const outcome = await persist(
      db,
      alerts,
      createPipeline({ steps: recorded(PIPELINE_STEPS, ran), config: { xmatchRadiusArcsec: 2 }, log }),
    );
    expect(ran).toEqual([
      "ps1-unique",
      "detection-quarantine",
      "object-statistics",
      "crossmatch",
      "ztf-lsst-link",
      "stream-filters",
      "watchlists",
    ]);
    expect(Object.keys(outcome.steps)).toEqual([
      "ps1-unique",
      "detection-quarantine",
      "object-statistics",
      "crossmatch",
      "ztf-lsst-link",
      "stream-filters",
      "watchlists",
    ]);
    expect(outcome.steps["object-statistics"]).toEqual({ objects: outcome.objects.length });
    expect(await count(db, "SELECT count(*)::int AS n FROM magstat WHERE oid = ANY($1::text[])", outcome.objects)).toBeGreaterThan(0);
  });

  it("skips a step removed from the list: no object-statistics, no magstat rows", async () => {
    const ran: string[] = [];
    const alerts = nightAlerts(6).slice(3);
    const withoutStatistics = PIPELINE_STEPS.filter((step) => step.name !== "object-statistics");
    const outcome = await persist(
      db,
      alerts,
      createPipeline({ steps: recorded(withoutStatistics, ran), config: { xmatchRadiusArcsec: 2 }, log }),
    );
    expect(ran).toEqual(["ps1-unique", "detection-quarantine", "crossmatch", "ztf-lsst-link", "stream-filters", "watchlists"]);
    expect(outcome.objects.length).toBeGreaterThan(0);
    expect(await count(db, "SELECT count(*)::int AS n FROM magstat WHERE oid = ANY($1::text[])", outcome.objects)).toBe(0);
    expect(await count(db, "SELECT count(*)::int AS n FROM detection WHERE oid = ANY($1::text[])", outcome.objects)).toBeGreaterThan(0);
  });

  it("rolls the whole batch back when a step throws", async () => {
    const alerts = nightAlerts(8).slice(6);
    const failing: Step = {
      name: "failing",
      version: "1",
      stage: "batch",
      reads: [],
      writes: ["nothing"],
      offReason: () => null,
      run: async () => {
        throw new Error("step failed");
      },
    };
    await expect(persist(db, alerts, createPipeline({ steps: [...PIPELINE_STEPS, failing], log }))).rejects.toThrow("step failed");
    const candids = alerts.map((a) => a.candid.toString());
    const { rows } = await db.pool.query("SELECT 1 FROM alert_packet WHERE candid = ANY($1::bigint[])", [candids]);
    expect(rows).toEqual([]);
  });
});

describe("runDebouncedPass", () => {
  const passStep = (name: string, ran: string[], result: () => Promise<{ classified: number }>): DebouncedStep => ({
    name,
    version: "1",
    stage: "debounced",
    reads: ["object"],
    writes: ["probability"],
    offReason: () => null,
    run: async () => {
      ran.push(name);
      return { counts: await result(), morePending: false };
    },
  });

  it("runs only the debounced steps, in order; a failing one is logged and the next still runs", async () => {
    const ran: string[] = [];
    const steps: Step[] = [
      ...PIPELINE_STEPS.filter((s) => s.stage === "batch"),
      passStep("first", ran, async () => {
        throw new Error("model crashed");
      }),
      passStep("second", ran, async () => ({ classified: 4 })),
    ];
    const outcome = await runDebouncedPass(createPipeline({ steps, log }), db.pool);
    expect(ran).toEqual(["first", "second"]);
    expect(outcome).toEqual({ steps: { second: { classified: 4 } }, morePending: false });
  });
});
