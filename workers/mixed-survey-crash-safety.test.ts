import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { type AlertSourceFile, readAlertSource } from "../lib/ingest/alert-sources";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";
import { syntheticLsstAlerts } from "../lib/lsst/synthetic-lsst-alerts";

const ROOT = path.resolve(import.meta.dirname, "..");
const ZTF_ALERTS = 900;
const LSST_ALERTS = 600;
const LSST_PER_OBJECT = 4;

function startReplay(db: TestDatabase, folder: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/ingest.ts", folder], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, LOG_FORMAT: "json" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

async function count(db: TestDatabase, sql: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(sql);
  return rows[0]!.n;
}

async function waitFor(db: TestDatabase, sql: string, atLeast: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  while ((await count(db, sql)) < atLeast) {
    if (Date.now() > deadline) throw new Error("replay made no progress");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("crash safety of a mixed ZTF + LSST replay", () => {
  let folder: string;

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-mixed-crash-"));
    const templates: AlertSourceFile[] = [];
    for await (const f of readAlertSource(path.join(ROOT, "fixtures/alerts/night-2018-11-29"))) templates.push(f);
    // Interleaved by name (a folder is read in path order): ZTF and LSST alerts share batches.
    let i = 0;
    for (const alert of syntheticAlerts(templates, ZTF_ALERTS, 11))
      fs.writeFileSync(path.join(folder, `${String(i++ * 3).padStart(6, "0")}-ztf.avro`), alert.bytes);
    const lsstTemplates = ["real/boom_7912941781254298.avro", "real/alerce_sample_v9.avro"].map((f) =>
      fs.readFileSync(path.join(ROOT, "fixtures/lsst", f)),
    );
    i = 0;
    for (const alert of syntheticLsstAlerts(lsstTemplates, LSST_ALERTS, { alertsPerObject: LSST_PER_OBJECT, seed: 5, cutouts: false })) {
      fs.writeFileSync(path.join(folder, `${String(i++ * 3 + 1).padStart(6, "0")}-lsst.avro`), alert.bytes);
    }
  });

  afterAll(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("kill -9 mid-replay, then a re-run, loses nothing and duplicates nothing in either survey", async () => {
    const db = await createTestDatabase();
    try {
      const first = startReplay(db, folder);
      await waitFor(db, "select count(*)::int as n from lsst_alert", 60);
      first.kill("SIGKILL");
      expect((await exited(first)).signal).toBe("SIGKILL");
      expect(await count(db, "select count(*)::int as n from lsst_alert")).toBeLessThan(LSST_ALERTS);
      // What was committed is whole: every stored LSST alert has its diaSource and its object.
      expect(
        await count(
          db,
          `select count(*)::int as n from lsst_alert a where not exists (select 1 from lsst_dia_source s where s.dia_source_id = a.dia_source_id)
             or not exists (select 1 from survey_object o where o.survey = 'lsst' and o.oid = a.oid)`,
        ),
      ).toBe(0);

      const second = startReplay(db, folder);
      expect((await exited(second)).code).toBe(0);

      const objects = LSST_ALERTS / LSST_PER_OBJECT;
      expect(await count(db, "select count(*)::int as n from alert_packet")).toBe(ZTF_ALERTS);
      expect(await count(db, "select count(*)::int as n from object")).toBe(ZTF_ALERTS);
      expect(await count(db, "select count(*)::int as n from lsst_alert")).toBe(LSST_ALERTS);
      expect(await count(db, "select count(*)::int as n from survey_object where survey = 'lsst'")).toBe(objects);
      expect(await count(db, "select count(*)::int as n from lsst_dia_source")).toBe(LSST_ALERTS);
      // Each object's alerts carry forced photometry at its earlier visits: 3 distinct points per object.
      expect(await count(db, "select count(*)::int as n from lsst_forced_source")).toBe(objects * (LSST_PER_OBJECT - 1));
      expect(
        await count(
          db,
          "select count(*)::int as n from survey_object o where o.ndet <> (select count(*) from lsst_dia_source s where s.oid = o.oid)",
        ),
      ).toBe(0);
      expect(await count(db, "select count(*)::int as n from survey_object where ndet <> 4 or nforced <> 3")).toBe(0);
      expect(
        await count(
          db,
          "select count(*)::int as n from survey_object o where (select coalesce(sum(ndet), 0) from lsst_flux_stat f where f.oid = o.oid) <> o.ndet",
        ),
      ).toBe(0);
    } finally {
      await db.drop();
    }
  }, 400_000);
});
