import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { readAlertFile } from "../lib/alerts/read-alert-file";
import { isPrvDetection } from "../lib/alerts/prv-candidates";
import { type AlertSourceFile, readAlertSource } from "../lib/ingest/alert-sources";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";

const ROOT = path.resolve(import.meta.dirname, "..");
const ALERTS = 3000;

/** No new alert in this long while the replay runs means it is stuck (on an idle machine it writes hundreds a second). */
const STALL_MS = 120_000;
/** Overall bound of each test: two replays of 3000 alerts, on a machine whose cores may be busy with other work. */
const TEST_TIMEOUT_MS = 600_000;

interface Replay {
  child: ChildProcess;
  /** Resolves when the process ended and its output is read to the end ('close', not 'exit'). */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Replays still running when a test ends (it failed): killed, so no process outlives the run. */
const running = new Set<ChildProcess>();

function startReplay(db: TestDatabase, folder: string): Replay {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/ingest.ts", folder], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, LOG_FORMAT: "json" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, closed, output: () => output };
}

async function count(db: TestDatabase, sql: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(sql);
  return rows[0]!.n;
}

/**
 * Waits until the replay has stored `atLeast` alerts, polling the database: no overall deadline
 * (a busy machine is slow, not wrong), but a failure when the replay exits first or stops making
 * progress for STALL_MS.
 */
async function waitForPackets(db: TestDatabase, replay: Replay, atLeast: number): Promise<void> {
  let exited = false;
  void replay.closed.then(() => (exited = true));
  let last = -1;
  let lastProgressMs = Date.now();
  for (;;) {
    const stored = await count(db, "select count(*)::int as n from alert_packet");
    if (stored >= atLeast) return;
    if (exited) throw new Error(`the replay exited after ${stored} alerts, before ${atLeast}:\n${replay.output().slice(-2000)}`);
    if (stored > last) {
      last = stored;
      lastProgressMs = Date.now();
    } else if (Date.now() - lastProgressMs > STALL_MS) {
      throw new Error(`the replay made no progress for ${STALL_MS / 1000} s (${stored} alerts):\n${replay.output().slice(-2000)}`);
    }
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
  }, TEST_TIMEOUT_MS);

  afterEach(() => {
    for (const child of running) child.kill("SIGKILL");
  });

  afterAll(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it(
    "kill -9 mid-replay, then a restart, loses nothing and duplicates nothing",
    async () => {
      const db = await createTestDatabase();
      try {
        const first = startReplay(db, folder);
        await waitForPackets(db, first, 300);
        first.child.kill("SIGKILL");
        expect((await first.closed).signal).toBe("SIGKILL");
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
        expect((await second.closed).code, second.output().slice(-2000)).toBe(0);

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
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "SIGTERM lets the batches being written commit, then exits cleanly",
    async () => {
      const db = await createTestDatabase();
      try {
        const replay = startReplay(db, folder);
        await waitForPackets(db, replay, 300);
        replay.child.kill("SIGTERM");
        expect((await replay.closed).code, replay.output().slice(-2000)).toBe(0);
        const stored = await count(db, "select count(*)::int as n from alert_packet");
        expect(stored).toBeGreaterThan(0);
        expect(stored).toBeLessThan(ALERTS);
        expect(replay.output()).toContain(`ingested: ${stored}`);
        expect(
          await count(db, "select count(*)::int as n from object o where o.ndet <> (select count(*) from detection d where d.oid = o.oid)"),
        ).toBe(0);
      } finally {
        await db.drop();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
