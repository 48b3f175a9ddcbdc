// `npm start` under faults and stop signals (issue 16): the launcher with its own embedded
// PostgreSQL, worker and Next server, on free ports and a data folder of its own. PostgreSQL is
// SIGKILLed during an ingest while pages and the API are requested; Ctrl-C (SIGINT to the group),
// SIGTERM to npm and SIGTERM to the launcher each stop everything. Waits follow events (log lines,
// rows, process exits), polled with deadlines; nothing sleeps a fixed time.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAlertFile } from "../lib/alerts/read-alert-file";
import { isPrvDetection } from "../lib/alerts/prv-candidates";
import { type AlertSourceFile, readAlertSource } from "../lib/ingest/alert-sources";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";
import { EMBEDDED_DATABASE, embeddedUrl } from "../lib/server/embedded-credentials";
import { startEmbeddedPostgres } from "../lib/server/embedded-postgres";
import { ensureNextBuild } from "./next-build";

const ROOT = path.resolve(import.meta.dirname, "..");
const ALERTS_PER_TARBALL = 100;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface ProcessRow {
  pid: number;
  ppid: number;
  stat: string;
  args: string;
}

function processTable(): ProcessRow[] {
  return execFileSync("ps", ["-eo", "pid=,ppid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), stat: m[3]!, args: m[4]! }));
}

/** `root` and every process below it (zombies excluded: they are gone, waiting to be reaped). */
function processTree(root: number): ProcessRow[] {
  const rows = processTable().filter((r) => !r.stat.startsWith("Z"));
  const tree = rows.filter((r) => r.pid === root);
  for (let i = 0; i < tree.length; i++) tree.push(...rows.filter((r) => r.ppid === tree[i]!.pid));
  return tree;
}

const alive = (pids: number[]) => {
  const live = new Set(
    processTable()
      .filter((r) => !r.stat.startsWith("Z"))
      .map((r) => r.pid),
  );
  return pids.filter((pid) => live.has(pid));
};

interface Launch {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe("npm start: a database outage and every way to stop it", () => {
  let dataDir: string;
  let inbox: string;
  let pgPort: number;
  let httpPort: number;
  let templates: AlertSourceFile[];
  let nextAlert = 0;
  const launches: Launch[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-launcher-"));
    inbox = path.join(dataDir, "inbox");
    pgPort = await freePort();
    httpPort = await freePort();
    templates = [];
    for await (const f of readAlertSource(path.join(ROOT, "fixtures/alerts/night-2018-11-29"))) templates.push(f);
    // The launcher builds when the sources changed; done here, so that the launches below are quick.
    await ensureNextBuild(() => undefined, ROOT);
  }, 900_000);

  afterAll(async () => {
    for (const launch of launches) {
      if (launch.child.exitCode === null && launch.child.signalCode === null && launch.child.pid) {
        for (const r of processTree(launch.child.pid)) process.kill(r.pid, "SIGKILL");
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function launch(how: "npm" | "launcher", extraEnv: Record<string, string> = {}): Launch {
    const env = {
      ...process.env,
      ...extraEnv,
      CIELO_DATA_DIR: dataDir,
      CIELO_EMBEDDED_PG_PORT: String(pgPort),
      PORT: String(httpPort),
      DATABASE_URL: "",
      CIELO_SKIP_SAMPLE: "1",
      CIELO_INBOX_POLL_MS: "200",
      LOG_FORMAT: "json",
      NEXT_TELEMETRY_DISABLED: "1",
      // vitest's "test" would make Next run a non-production server.
      NODE_ENV: "production" as const,
    };
    // detached: a process group of its own, as a terminal gives a command (Ctrl-C = SIGINT to the group).
    const child =
      how === "npm"
        ? spawn("npm", ["start", "--silent"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
        : spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
            cwd: ROOT,
            env,
            detached: true,
            stdio: ["ignore", "pipe", "pipe"],
          });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    const entry = { child, output: () => output, exited };
    launches.push(entry);
    return entry;
  }

  /** Writes `tarballs` .tar.gz files of new synthetic alerts into the inbox; returns their candids and detections. */
  async function dropAlerts(tarballs: number): Promise<{ candids: bigint[]; detections: Set<bigint> }> {
    fs.mkdirSync(inbox, { recursive: true });
    const first = nextAlert;
    nextAlert += tarballs * ALERTS_PER_TARBALL;
    const alerts = [...syntheticAlerts(templates, nextAlert, 5)].slice(first);
    const candids: bigint[] = [];
    const detections = new Set<bigint>();
    for (let t = 0; t < tarballs; t++) {
      const name = `alerts-${first}-${t}.tar.gz`;
      const staged = path.join(dataDir, name);
      const pack = tar.pack();
      for (const alert of alerts.slice(t * ALERTS_PER_TARBALL, (t + 1) * ALERTS_PER_TARBALL)) {
        pack.entry({ name: path.basename(alert.name) }, alert.bytes);
        const [decoded] = readAlertFile(alert.bytes, alert.name).alerts;
        candids.push(decoded!.alert.candid);
        detections.add(decoded!.alert.candid);
        for (const p of decoded!.alert.prvCandidates) if (isPrvDetection(p) && p.candid != null) detections.add(p.candid);
      }
      pack.finalize();
      await pipeline(pack, createGzip(), fs.createWriteStream(staged));
      const old = new Date(Date.now() - 60_000);
      fs.utimesSync(staged, old, old);
      fs.renameSync(staged, path.join(inbox, name));
    }
    return { candids, detections };
  }

  /** One query on a connection of its own (PostgreSQL comes and goes in these tests). */
  async function query<Row extends object>(sql: string, values: unknown[] = []): Promise<Row[]> {
    const client = new pg.Client({ connectionString: embeddedUrl(dataDir, pgPort, EMBEDDED_DATABASE) });
    client.on("error", () => undefined);
    await client.connect();
    try {
      return (await client.query<Row>(sql, values)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const countStored = async (candids: bigint[]) =>
    (await query<{ n: number }>("select count(*)::int as n from alert_packet where candid = any($1::bigint[])", [candids.map(String)]))[0]!
      .n;

  const untilRunning = (l: Launch) =>
    waitFor("Cielo is running", () => {
      if (l.child.exitCode !== null) throw new Error(`the launcher exited:\n${l.output()}`);
      return l.output().includes("Cielo is running") ? true : undefined;
    }).catch((error: Error) => {
      throw new Error(`${error.message}; the launcher said:\n${l.output().slice(-4000)}`);
    });

  async function expectHttpAnswers(): Promise<void> {
    const response = await fetch(`http://127.0.0.1:${httpPort}/icon.svg`);
    expect(response.status).toBe(200);
  }

  /** After a stop: the launcher's exit, no process of its tree left, the stop order in its log. */
  async function expectStoppedCleanly(l: Launch, tree: number[], how: "npm" | "launcher"): Promise<void> {
    const { code } = await l.exited;
    // npm's own exit code after a signal varies with its version; the launcher's is 0.
    if (how === "launcher") expect(code).toBe(0);
    await waitFor("every process of the launch gone", () => (alive(tree).length === 0 ? true : undefined), 120_000);
    const out = l.output();
    const order = ["[cielo] worker stopped", "[cielo] next stopped", "[cielo] stopped"].map((line) => out.indexOf(line));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain('"name":"worker","msg":"stopped"');
  }

  /** The batch being written committed: the worker's last row counts exactly what is stored of this drop. */
  async function expectBatchCommitted(candids: bigint[]): Promise<void> {
    const server = await startEmbeddedPostgres({ dataDir, port: pgPort });
    try {
      const [worker] = await query<{ alerts_ingested: number; stopped: boolean }>(
        "select alerts_ingested, stopped_at is not null as stopped from worker_status order by started_at desc limit 1",
      );
      const stored = await countStored(candids);
      expect(stored).toBeGreaterThan(0);
      expect(worker).toEqual({ alerts_ingested: stored, stopped: true });
      const [mismatch] = await query<{ n: number }>(
        "select count(*)::int as n from object o where o.ndet <> (select count(*) from detection d where d.oid = o.oid)",
      );
      expect(mismatch!.n).toBe(0);
      // The file being ingested went back to the inbox for the next start; none is left claimed.
      const claimed = fs.readdirSync(path.join(inbox, "processing"), { recursive: true }).filter((n) => String(n).endsWith(".tar.gz"));
      expect(claimed).toEqual([]);
    } finally {
      await server.stop();
      // What this launch left in the inbox is not the next launch's to count.
      for (const name of fs.readdirSync(inbox)) if (name.endsWith(".tar.gz")) fs.rmSync(path.join(inbox, name));
    }
  }

  it("answers 503 (never 500) while PostgreSQL is killed during an ingest, and recovers by itself", async () => {
    const l = launch("launcher");
    await untilRunning(l);
    const { candids, detections } = await dropAlerts(6);
    await waitFor("an ingest under way", async () => ((await countStored(candids)) >= 50 ? true : undefined));
    const [{ oid }] = (await query<{ oid: string }>("select oid from object order by oid limit 1")) as [{ oid: string }];

    const statuses: { url: string; status: number; retryAfter: string | null; at: number }[] = [];
    let requesting = true;
    const urls = ["/", `/object/${oid}`, `/api/ztf/v1/objects/${oid}`, "/api/health"];
    const loops = urls.map(async (url) => {
      while (requesting) {
        const response = await fetch(`http://127.0.0.1:${httpPort}${url}`, { redirect: "manual" }).catch(() => null);
        if (!response) continue;
        await response.arrayBuffer();
        statuses.push({ url, status: response.status, retryAfter: response.headers.get("retry-after"), at: Date.now() });
      }
    });

    const postmaster = Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    const killedAt = Date.now();
    process.kill(postmaster, "SIGKILL");
    // During the outage: 503 with Retry-After for pages and the API.
    for (const url of urls) {
      await waitFor(`a 503 from ${url}`, () =>
        statuses.some((s) => s.url === url && s.at > killedAt && s.status === 503 && s.retryAfter === "5") ? true : undefined,
      );
    }
    // The launcher restarts PostgreSQL; the app and the worker carry on without any restart of theirs.
    await waitFor("PostgreSQL restarted by the launcher", () => (l.output().includes("embedded PostgreSQL restarted") ? true : undefined));
    const restartedAt = Date.now();
    for (const url of urls) {
      await waitFor(`${url} answering 200 again`, () =>
        statuses.some((s) => s.url === url && s.at > restartedAt && s.status === 200) ? true : undefined,
      );
    }
    requesting = false;
    await Promise.all(loops);
    expect(statuses.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);

    await waitFor("every tarball ingested", () => (fs.readdirSync(path.join(inbox, "done")).length === 6 ? true : undefined));
    expect(await countStored(candids)).toBe(candids.length);
    const [stored] = await query<{ n: number }>("select count(distinct candid)::int as n from detection where candid = any($1::bigint[])", [
      [...detections].map(String),
    ]);
    expect(stored!.n).toBe(detections.size);
    const [all] = await query<{ n: number; d: number }>("select count(*)::int as n, count(distinct candid)::int as d from detection");
    expect(all!.n).toBe(all!.d);
    expect(l.output()).toContain("the database is back; resuming");
    // Only the database was restarted: the worker and Next are the same processes.
    expect(l.output()).not.toMatch(/(worker|next) exited/);

    const tree = processTree(l.child.pid!).map((r) => r.pid);
    process.kill(l.child.pid!, "SIGTERM");
    await expectStoppedCleanly(l, tree, "launcher");
  }, 900_000);

  it("with no proxy configured, pages are rate limited per TCP peer: a forged X-Forwarded-For does not get a fresh bucket", async () => {
    // A burst of 3 page requests and next to no refill, so that the 4th from one client is refused.
    const l = launch("launcher", { CIELO_PAGE_RATE_BURST: "3", CIELO_PAGE_RATE_LIMIT: "1" });
    await untilRunning(l);
    const get = (from: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = http.get({ host: "127.0.0.1", port: httpPort, path: "/sign-in", localAddress: from, headers }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode!));
        });
        req.on("error", reject);
      });
    const fromA: number[] = [];
    for (let i = 0; i < 4; i++) fromA.push(await get("127.0.0.2", { "x-forwarded-for": `198.51.100.${i + 1}` }));
    expect(fromA).toEqual([200, 200, 200, 429]);
    expect(await get("127.0.0.2", { "x-forwarded-for": "203.0.113.50", "x-cielo-peer-address": "203.0.113.51" })).toBe(429);
    // Another client has a bucket of its own.
    expect(await get("127.0.0.3")).toBe(200);
    // Stop only once the worker is running: a worker stopped while it still loads its models exits
    // without its "stopped" line, which expectStoppedCleanly asks for.
    await waitFor("the worker watching the inbox", () => (l.output().includes('"msg":"watching the inbox"') ? true : undefined));
    const tree = processTree(l.child.pid!).map((r) => r.pid);
    process.kill(l.child.pid!, "SIGTERM");
    await expectStoppedCleanly(l, tree, "launcher");
  }, 600_000);

  for (const how of ["Ctrl-C (SIGINT to the group of npm start)", "SIGTERM to npm", "SIGTERM to the launcher"] as const) {
    it(`${how} stops everything in order, with the batch being written committed`, async () => {
      const started = how === "SIGTERM to the launcher" ? "launcher" : "npm";
      const l = launch(started);
      await untilRunning(l);
      await expectHttpAnswers();
      const { candids } = await dropAlerts(3);
      await waitFor("an ingest under way", async () => ((await countStored(candids)) >= 30 ? true : undefined));
      const tree = processTree(l.child.pid!);
      const launcher = tree.find((r) => r.args.includes("scripts/start.ts") && r.args.includes("node"))!;
      expect(tree.some((r) => r.args.includes("workers/ingest-worker.ts"))).toBe(true);
      // Next renames its process "next-server (vX)".
      expect(tree.some((r) => r.args.startsWith("next-server") || r.args.includes("next/dist/bin/next"))).toBe(true);
      expect(tree.some((r) => /postgres/.test(r.args))).toBe(true);
      if (how === "SIGTERM to the launcher") process.kill(launcher.pid, "SIGTERM");
      else if (how === "SIGTERM to npm") process.kill(l.child.pid!, "SIGTERM");
      else process.kill(-l.child.pid!, "SIGINT");
      await expectStoppedCleanly(
        l,
        tree.map((r) => r.pid),
        started,
      );
      await expectBatchCommitted(candids);
    }, 600_000);
  }
});
