// The inbox worker's claims and poison handling (workers/ingest-worker.ts): real worker processes on
// a real database. Waits poll the outcome (files, rows) with a deadline; nothing sleeps a fixed time.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readAlertFile } from "../lib/alerts/read-alert-file";
import { isPrvDetection } from "../lib/alerts/prv-candidates";
import { getHealth } from "../lib/health/get-health";
import { type AlertSourceFile, readAlertSource } from "../lib/ingest/alert-sources";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";

const ROOT = path.resolve(import.meta.dirname, "..");

interface Worker {
  process: ChildProcess;
  output: () => string;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startWorker(db: TestDatabase, inbox: string): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/ingest-worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, CIELO_INBOX_DIR: inbox, CIELO_INBOX_POLL_MS: "200", LOG_FORMAT: "json" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return { process: child, output: () => output };
}

async function stopWorker(worker: Worker): Promise<number | null> {
  if (worker.process.exitCode !== null) return worker.process.exitCode;
  const exited = new Promise<number | null>((resolve) => worker.process.once("exit", (code) => resolve(code)));
  worker.process.kill("SIGTERM");
  return exited;
}

/** Writes `files` into the inbox, dated a minute ago (the worker leaves files younger than a second alone). */
function drop(inbox: string, files: { name: string; bytes: Buffer }[]): void {
  const old = new Date(Date.now() - 60_000);
  for (const f of files) {
    const staged = path.join(inbox, `.${f.name}.part`);
    fs.writeFileSync(staged, f.bytes);
    fs.utimesSync(staged, old, old);
    fs.renameSync(staged, path.join(inbox, f.name));
  }
}

describe("the inbox worker's claims and poison inputs", () => {
  let templates: AlertSourceFile[];
  let db: TestDatabase | undefined;
  let inbox: string | undefined;
  const workers: Worker[] = [];

  beforeAll(async () => {
    templates = [];
    for await (const f of readAlertSource(path.join(ROOT, "fixtures/alerts/night-2018-11-29"))) templates.push(f);
  });

  afterEach(async () => {
    for (const w of workers.splice(0)) if (w.process.exitCode === null) w.process.kill("SIGKILL");
    if (inbox) fs.rmSync(inbox, { recursive: true, force: true });
    await db?.drop();
    db = undefined;
    inbox = undefined;
  });

  it("moves a corrupt .tar.gz to failed/ after two tries, with its reason, and health turns degraded", async () => {
    db = await createTestDatabase();
    inbox = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-poison-"));
    const worker = startWorker(db, inbox);
    workers.push(worker);
    // gzip's magic bytes, then garbage: gunzip fails part-way, as with a truncated download.
    drop(inbox, [
      { name: "night-corrupt.tar.gz", bytes: Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(4096, 0x5a)]) },
    ]);

    const failed = path.join(inbox, "failed", "night-corrupt.tar.gz");
    await waitFor("the file in failed/", () => (fs.existsSync(failed) ? true : undefined));
    const reason = fs.readFileSync(`${failed}.reason.txt`, "utf8");
    expect(reason).toMatch(/^failed 2 times; last error: .*night-corrupt\.tar\.gz/);
    expect(fs.readdirSync(inbox).filter((n) => n.endsWith(".tar.gz"))).toEqual([]);

    // Health reads worker_status; the worker writes it right after the failure.
    const health = await waitFor("a degraded health", async () => {
      const h = await getHealth(db!.pool);
      return h.status === "degraded" ? h : undefined;
    });
    expect(health.reasons).toHaveLength(1);
    expect(health.reasons[0]).toMatch(/2 failed inputs in the last 10 minutes \(last: night-corrupt\.tar\.gz: /);
    expect(health.workers[0]).toMatchObject({ running: true, recent_errors: 2 });

    expect(await stopWorker(worker)).toBe(0);
    // Two attempts, a delay between them: one warning and one error, not a tight loop.
    const lines = worker.output().split("\n");
    expect(lines.filter((l) => l.includes("ingestion failed")).length).toBe(2);
    const [first, second] = lines.filter((l) => l.includes("ingestion failed")).map((l) => JSON.parse(l) as { time: number | string });
    expect(new Date(second!.time).getTime() - new Date(first!.time).getTime()).toBeGreaterThanOrEqual(2500);
  }, 300_000);

  it("two workers on one inbox claim each file once: exact counts and no ENOENT", async () => {
    db = await createTestDatabase();
    inbox = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-claims-"));
    const files: { name: string; bytes: Buffer }[] = [];
    const detections = new Set<bigint>();
    for (const alert of syntheticAlerts(templates, 60, 11)) {
      files.push({ name: path.basename(alert.name), bytes: alert.bytes });
      const [decoded] = readAlertFile(alert.bytes, alert.name).alerts;
      detections.add(decoded!.alert.candid);
      for (const p of decoded!.alert.prvCandidates) if (isPrvDetection(p) && p.candid != null) detections.add(p.candid);
    }
    const a = startWorker(db, inbox);
    const b = startWorker(db, inbox);
    workers.push(a, b);
    await waitFor("both workers watching", () =>
      a.output().includes("watching the inbox") && b.output().includes("watching the inbox") ? true : undefined,
    );
    drop(inbox, files);

    const done = path.join(inbox, "done");
    await waitFor("every file in done/", () => (fs.readdirSync(done).length === files.length ? true : undefined));
    expect(await stopWorker(a)).toBe(0);
    expect(await stopWorker(b)).toBe(0);

    const count = async (sql: string) => (await db!.pool.query<{ n: number }>(sql)).rows[0]!.n;
    expect(await count("select count(*)::int as n from alert_packet")).toBe(files.length);
    expect(await count("select count(*)::int as n from detection")).toBe(detections.size);
    const { rows } = await db.pool.query<{ ingested: number; duplicate: number; workers: number }>(
      "select sum(alerts_ingested)::int as ingested, sum(alerts_duplicate)::int as duplicate, count(*)::int as workers from worker_status",
    );
    expect(rows[0]).toEqual({ ingested: files.length, duplicate: 0, workers: 2 });
    const output = a.output() + b.output();
    expect(output).not.toMatch(/ENOENT/);
    expect(output).not.toMatch(/"level":(50|60)/);
    expect(fs.readdirSync(path.join(inbox, "processing"))).toEqual([]);
  }, 300_000);
});
