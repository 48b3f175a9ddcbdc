import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { loadAlertFixtures } from "../tests/support/alert-fixtures";

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the ingest worker process", () => {
  let db: TestDatabase;
  let inbox: string;
  let worker: ChildProcess;
  let output = "";

  beforeAll(async () => {
    db = await createTestDatabase();
    inbox = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-inbox-"));
    worker = spawn(process.execPath, ["--import", "tsx", "workers/ingest-worker.ts"], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: db.url, CIELO_INBOX_DIR: inbox, CIELO_INBOX_POLL_MS: "200", LOG_FORMAT: "json" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    worker.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    await waitFor(() => (output.includes("watching the inbox") ? true : undefined), 30_000);
  });

  afterAll(async () => {
    if (worker.exitCode === null) worker.kill("SIGKILL");
    fs.rmSync(inbox, { recursive: true, force: true });
    await db.drop();
  });

  it("ingests files dropped in the inbox, moves them to done/ or failed/, and stops on SIGTERM", async () => {
    const good = loadAlertFixtures().find((f) => f.fixturePath.startsWith("samples/kowalski_2023-10-12/"))!;
    const bad = loadAlertFixtures().find((f) => f.fixturePath.startsWith("malformed/"))!;
    const old = new Date(Date.now() - 60_000);
    for (const f of [good, bad]) {
      const target = path.join(inbox, path.basename(f.absolutePath));
      fs.copyFileSync(f.absolutePath, target);
      fs.utimesSync(target, old, old);
    }

    await waitFor(() => (fs.existsSync(path.join(inbox, "done", path.basename(good.absolutePath))) ? true : undefined), 30_000);
    await waitFor(() => (fs.existsSync(path.join(inbox, "failed", path.basename(bad.absolutePath))) ? true : undefined), 30_000);
    expect(fs.readFileSync(path.join(inbox, "failed", `${path.basename(bad.absolutePath)}.reason.txt`), "utf8")).toMatch(/truncated/);

    const { rows } = await db.pool.query<{ oid: string }>("select oid from alert_packet where candid = $1", [good.candid]);
    expect(rows).toEqual([{ oid: good.objectId }]);

    worker.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => worker.once("exit", (c) => resolve(c)));
    expect(code).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    const { rows: workers } = await db.pool.query<{ kind: string; alerts_ingested: number; alerts_quarantined: number; stopped: boolean }>(
      "select kind, alerts_ingested, alerts_quarantined, stopped_at is not null as stopped from worker_status",
    );
    expect(workers).toEqual([{ kind: "inbox", alerts_ingested: 1, alerts_quarantined: 1, stopped: true }]);
  });
});
