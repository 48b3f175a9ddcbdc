import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { readAlertFile } from "../lib/alerts/read-alert-file";
import { isPrvDetection } from "../lib/alerts/prv-candidates";
import { type AlertSourceFile, readAlertSource } from "../lib/ingest/alert-sources";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";

const ROOT = path.resolve(import.meta.dirname, "..");
const ALERTS = 3000;

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

async function waitForPackets(db: TestDatabase, atLeast: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await count(db, "select count(*)::int as n from alert_packet")) < atLeast) {
    if (Date.now() > deadline) throw new Error("replay made no progress");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("crash safety of a replay", () => {
  let folder: string;
  let expected: { detections: number; nonDetections: number };

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-crash-"));
    const templates: AlertSourceFile[] = [];
    for await (const f of readAlertSource(path.join(ROOT, "fixtures/alerts/night-2018-11-29"))) templates.push(f);
    const detections = new Set<bigint>();
    const nonDetections = new Set<string>();
    for (const alert of syntheticAlerts(templates, ALERTS, 7)) {
      fs.writeFileSync(path.join(folder, path.basename(alert.name)), alert.bytes);
      const [decoded] = readAlertFile(alert.bytes, alert.name).alerts;
      detections.add(decoded!.alert.candid);
      for (const p of decoded!.alert.prvCandidates) {
        if (isPrvDetection(p) && p.candid != null) detections.add(p.candid);
        else if (p.candid == null && p.diffmaglim != null) nonDetections.add(`${decoded!.alert.objectId}|${p.fid}|${p.jd}`);
      }
    }
    expected = { detections: detections.size, nonDetections: nonDetections.size };
  });

  afterAll(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("kill -9 mid-replay, then a restart, loses nothing and duplicates nothing", async () => {
    const db = await createTestDatabase();
    try {
      const first = startReplay(db, folder);
      await waitForPackets(db, 300);
      first.kill("SIGKILL");
      expect((await exited(first)).signal).toBe("SIGKILL");
      const afterKill = await count(db, "select count(*)::int as n from alert_packet");
      expect(afterKill).toBeLessThan(ALERTS);
      // What was committed is whole: every stored alert has its own detection and its object.
      expect(
        await count(
          db,
          "select count(*)::int as n from alert_packet p where not exists (select 1 from detection d where d.candid = p.candid)",
        ),
      ).toBe(0);

      const second = startReplay(db, folder);
      expect((await exited(second)).code).toBe(0);

      expect(await count(db, "select count(*)::int as n from alert_packet")).toBe(ALERTS);
      expect(await count(db, "select count(*)::int as n from object")).toBe(ALERTS);
      expect(await count(db, "select count(*)::int as n from detection")).toBe(expected.detections);
      expect(await count(db, "select count(distinct candid)::int as n from detection")).toBe(expected.detections);
      expect(await count(db, "select count(*)::int as n from non_detection")).toBe(expected.nonDetections);
      expect(await count(db, "select count(*)::int as n from cutout")).toBe(3 * ALERTS);
      expect(
        await count(db, "select count(*)::int as n from object o where o.ndet <> (select count(*) from detection d where d.oid = o.oid)"),
      ).toBe(0);
      expect(await count(db, "select count(*)::int as n from magstat")).toBeGreaterThanOrEqual(ALERTS);
    } finally {
      await db.drop();
    }
  });

  it("SIGTERM lets the batches being written commit, then exits cleanly", async () => {
    const db = await createTestDatabase();
    try {
      const replay = startReplay(db, folder);
      let output = "";
      replay.stdout?.on("data", (d: Buffer) => (output += d.toString()));
      await waitForPackets(db, 300);
      replay.kill("SIGTERM");
      expect((await exited(replay)).code).toBe(0);
      const stored = await count(db, "select count(*)::int as n from alert_packet");
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(ALERTS);
      expect(output).toContain(`ingested: ${stored}`);
      expect(
        await count(db, "select count(*)::int as n from object o where o.ndet <> (select count(*) from detection d where d.oid = o.oid)"),
      ).toBe(0);
    } finally {
      await db.drop();
    }
  });
});
