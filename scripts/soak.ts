// `npm run soak [-- --minutes 10 --rate 250 --users 20]`: the whole app under a steady load, on this
// machine only (loopback). Starts the app and the worker as `npm start` does (scripts/start.ts
// --ephemeral-database: the embedded PostgreSQL, a fresh database with the bundled sample, the
// production build), feeds `--rate` synthetic alerts per second through the inbox for `--minutes`
// while `--users` simulated users load object pages and the public API, then lets the backlog drain
// (at most --drain-seconds) and stops everything.
// Reports alerts/s ingested, alert→visible p50/p95 (the alert's file renamed into the inbox → the
// object listed by GET /api/ztf/v1/objects?oid=…), page and API p95, HTTP statuses (5xx goal 0), and
// the memory of each process every 10 s with its slope after warm-up, and for the node processes
// their live V8 heap after each full GC (scripts/soak/memory-probe.mjs; docs/operations.md#soak).
// The last line is one JSON object: alerts_per_s, visible_p50_ms, visible_p95_ms, page_p95_ms,
// errors_5xx, rss_slope_mb_per_min (per process), live_heap_slope_mb_per_min, and more.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import readline from "node:readline";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { listProcesses, processTree, pssMb, rssMb } from "./soak/process-memory";
import { type NodeMemoryLine, perMinute, readLastNodeMemoryLine } from "./soak/node-memory";
import { type RequestKind, type RequestRecord, SimulatedUsers } from "./soak/simulated-users";
import { linearSlope, percentile, round } from "./soak/stats";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "250" },
    users: { type: "string", default: "20" },
    "think-ms": { type: "string", default: "1000" },
    "drain-seconds": { type: "string", default: "120" },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const users = Number(values.users);
const thinkMs = Number(values["think-ms"]);
const drainSeconds = Number(values["drain-seconds"]);
if (![minutes, rate, users, thinkMs, drainSeconds].every((v) => Number.isFinite(v) && v >= 0) || minutes <= 0 || minutes > 120) {
  throw new Error("--minutes must be in (0, 120]; --rate, --users, --think-ms, --drain-seconds must be numbers ≥ 0");
}

const PORT = Number(process.env.CIELO_SOAK_PORT ?? 3199);
const PG_PORT = process.env.CIELO_SOAK_PG_PORT ?? "54333";
// Its own data folder (embedded PostgreSQL cluster, inbox, server log) and ports, so that a soak
// can run beside `npm start`, the e2e tests or another checkout's soak on the same machine.
const DATA_DIR = path.resolve(process.env.CIELO_SOAK_DATA_DIR ?? ".data/soak");
const INBOX = path.join(DATA_DIR, "inbox");
/** One file per node process of the server (scripts/soak/memory-probe.mjs): its V8 heap beside its RSS. */
const NODE_MEMORY_DIR = path.join(DATA_DIR, "node-memory");
const BASE_URL = `http://127.0.0.1:${PORT}`;
const SAMPLE_EVERY_MS = 10_000;
const PROBE_EVERY_MS = 250;
/** Oids per visibility query (the URL stays a few kB). */
const PROBE_BATCH = 100;
const log = (line: string) => console.log(`[soak] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The server: the launcher of `npm start` on a database of its own, its output in a log file.

function startServer(): { child: ChildProcess; ready: Promise<void>; exited: Promise<void> } {
  fs.rmSync(INBOX, { recursive: true, force: true });
  fs.rmSync(path.join(DATA_DIR, "soak-staging"), { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.rmSync(NODE_MEMORY_DIR, { recursive: true, force: true });
  fs.mkdirSync(NODE_MEMORY_DIR);
  const probe = pathToFileURL(path.resolve("scripts/soak/memory-probe.mjs")).href;
  const logFile = fs.openSync(path.join(DATA_DIR, "server.log"), "w");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--ephemeral-database"], {
    stdio: ["ignore", "pipe", logFile],
    env: {
      ...process.env,
      PORT: String(PORT),
      CIELO_DATA_DIR: DATA_DIR,
      CIELO_INBOX_DIR: INBOX,
      CIELO_EMBEDDED_PG_PORT: PG_PORT,
      // Loopback only: the app answers this machine alone during the soak.
      CIELO_LISTEN_HOST: "127.0.0.1",
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_FORMAT: "json",
      // The simulated users stand behind one reverse proxy that writes X-Forwarded-For.
      CIELO_TRUSTED_PROXY_HOPS: "1",
      // Each node process of the server writes its heap figures (scripts/soak/memory-probe.mjs).
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import "${probe}"`.trim(),
      CIELO_SOAK_MEMORY_DIR: NODE_MEMORY_DIR,
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      fs.writeSync(logFile, chunk);
      if (chunk.toString().includes("Cielo is running")) resolve();
    });
    void exited.then(() => reject(new Error(`the server exited before it was ready: see ${path.join(DATA_DIR, "server.log")}`)));
  });
  return { child, ready, exited };
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

// ---------------------------------------------------------------------------------------------
// Memory of each process, every 10 s.

type ProcessName = "launcher" | "worker" | "next" | "postgres";
type NodeProcessName = Exclude<ProcessName, "postgres">;
const NODE_PROCESSES: readonly NodeProcessName[] = ["launcher", "worker", "next"];
interface MemorySample {
  atMs: number;
  /** PostgreSQL: its processes' own memory, without the shared buffers (reported apart). */
  mb: Record<ProcessName, number>;
  postgresSharedMb: number;
  /** The node processes' own report of their heap (null before their first line). */
  node: Record<NodeProcessName, NodeMemoryLine | null>;
}

function sampleMemory(launcherPid: number): MemorySample {
  const procs = listProcesses();
  const children = procs.filter((p) => p.ppid === launcherPid);
  const treeMb = (match: (cmd: string) => boolean) => {
    const child = children.find((c) => match(c.cmdline));
    return child ? processTree(procs, child.pid).reduce((sum, pid) => sum + rssMb(pid), 0) : 0;
  };
  const isWorker = (cmd: string) => cmd.includes("ingest-worker");
  const isNext = (cmd: string) => /\bnext\b/.test(cmd) && !cmd.includes("ingest-worker");
  const nodeLine = (pid: number | undefined) => (pid === undefined ? null : readLastNodeMemoryLine(NODE_MEMORY_DIR, pid));
  let postgres = 0;
  let postgresSharedMb = 0;
  try {
    const postmaster = Number(fs.readFileSync(path.join(DATA_DIR, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    const pids = processTree(procs, postmaster);
    postgres = pssMb(pids, "Pss_Anon") + pssMb(pids, "Pss_File");
    postgresSharedMb = pssMb(pids, "Pss_Shmem");
  } catch {
    // not running
  }
  return {
    atMs: Date.now(),
    mb: {
      launcher: rssMb(launcherPid),
      worker: treeMb(isWorker),
      next: treeMb(isNext),
      postgres,
    },
    postgresSharedMb,
    node: {
      launcher: nodeLine(launcherPid),
      worker: nodeLine(children.find((c) => isWorker(c.cmdline))?.pid),
      next: nodeLine(children.find((c) => isNext(c.cmdline))?.pid),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The alert feeder: a process of its own (scripts/soak/feed-alerts.ts), one JSON line per file fed.

const feederLineSchema = z.union([
  z.object({ started: z.literal(true), templates: z.number() }),
  z.object({ oids: z.array(z.string()), landedAtMs: z.number(), fed: z.number() }),
  z.object({ done: z.literal(true), fed: z.number(), lateTicks: z.number() }),
]);
type FeedTick = { oids: string[]; landedAtMs: number; fed: number };
const objectListSchema = z.object({ items: z.array(z.object({ oid: z.string() })) });

/** The feeder process, stopped with everything else however the soak ends. */
let feederChild: ChildProcess | undefined;
process.once("exit", () => feederChild?.kill("SIGKILL"));

function startFeeder(onTick: (tick: FeedTick) => void) {
  let fedSoFar = 0;
  let resolveStarted: () => void = () => undefined;
  let resolveDone: (done: { fed: number; lateTicks: number }) => void = () => undefined;
  const started = new Promise<void>((resolve) => (resolveStarted = resolve));
  const done = new Promise<{ fed: number; lateTicks: number }>((resolve) => (resolveDone = resolve));
  return {
    /** Starts the feeder; resolves once it read its templates and began feeding. */
    go(): Promise<void> {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "scripts/soak/feed-alerts.ts",
          "--inbox",
          INBOX,
          "--rate",
          String(rate),
          "--seed",
          String(Date.now() % 1_000_000),
          "--sample-stride",
          "25",
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      feederChild = child;
      readline.createInterface({ input: child.stdout! }).on("line", (line) => {
        const message = feederLineSchema.parse(JSON.parse(line));
        if ("started" in message) resolveStarted();
        else if ("done" in message) resolveDone(message);
        else {
          fedSoFar = message.fed;
          onTick(message);
        }
      });
      child.once("exit", () => resolveDone({ fed: fedSoFar, lateTicks: -1 }));
      return started;
    },
    fedSoFar: () => fedSoFar,
    /** Stops feeding after the file being made; the alerts fed and the ticks that came late. */
    async stop() {
      feederChild?.kill("SIGTERM");
      return done;
    },
  };
}

// ---------------------------------------------------------------------------------------------

const server = startServer();
let stopping = false;
async function stopServer(): Promise<void> {
  feederChild?.kill("SIGTERM");
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill("SIGTERM");
  const killer = setTimeout(() => server.child.kill("SIGKILL"), 60_000);
  await server.exited;
  clearTimeout(killer);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopping = true;
    log(`${signal}: stopping the server`);
    void stopServer().then(() => process.exit(130));
  });
}
// Bounded: start-up (build, sample), the run, the drain and the stop, with room to spare.
const hardLimit = setTimeout(
  () => {
    log("the run exceeded its time bound; stopping");
    void stopServer().then(() => process.exit(1));
  },
  (minutes * 60 + drainSeconds + 900) * 1000,
);
hardLimit.unref();

try {
  log(`starting the app and the worker (scripts/start.ts --ephemeral-database) on ${BASE_URL}; server log ${DATA_DIR}/server.log`);
  await server.ready;
  await waitForHttp(`${BASE_URL}/api/health`, 120_000);
  const databaseUrl = fs.readFileSync(path.join(DATA_DIR, "ephemeral-database-url"), "utf8").trim();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const alertCount = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM alert_packet")).rows[0]!.n;

  const sampleList = objectListSchema.parse(
    await (await fetch(`${BASE_URL}/api/ztf/v1/objects?page_size=200`, { headers: { "x-forwarded-for": "10.78.0.2" } })).json(),
  );
  const knownOids = sampleList.items.map((o) => o.oid);
  log(`ready: ${knownOids.length} sample objects`);

  // Alert → visible: a sample of each tick's alerts, checked with the public API.
  const pending: { oid: string; landedAtMs: number }[] = [];
  const visibleMs: number[] = [];
  const feeder = startFeeder((tick) => {
    for (const oid of tick.oids) pending.push({ oid, landedAtMs: tick.landedAtMs });
  });
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const batch = pending.slice(0, PROBE_BATCH);
      if (batch.length > 0) {
        const query = batch.map((p) => `oid=${p.oid}`).join("&");
        try {
          const response = await fetch(`${BASE_URL}/api/ztf/v1/objects?${query}&page_size=${PROBE_BATCH}`, {
            headers: { "x-forwarded-for": "10.78.0.1" },
          });
          if (response.ok) {
            const seen = new Set(objectListSchema.parse(await response.json()).items.map((o) => o.oid));
            const now = Date.now();
            for (let i = pending.length - 1; i >= 0; i--) {
              if (seen.has(pending[i]!.oid)) {
                visibleMs.push(now - pending[i]!.landedAtMs);
                knownOids.push(pending[i]!.oid);
                pending.splice(i, 1);
              }
            }
            if (knownOids.length > 5000) knownOids.splice(0, knownOids.length - 5000);
          } else {
            await response.arrayBuffer();
          }
        } catch {
          // the server is busy or restarting: try again
        }
      }
      await sleep(PROBE_EVERY_MS);
    }
  })();

  const requests: RequestRecord[] = [];
  const simulated = new SimulatedUsers({
    baseUrl: BASE_URL,
    users,
    thinkMs,
    pickOid: () => knownOids[Math.floor(Math.random() * knownOids.length)],
    onRequest: (r) => requests.push(r),
  });

  log(`feeding ${rate} alerts/s for ${minutes} min with ${users} simulated users`);
  const alertsBefore = await alertCount();
  await feeder.go();
  const feedStartedMs = Date.now();
  simulated.start();
  // Memory from the start of the feed: t=0 is the first file.
  const memory: MemorySample[] = [];
  const launcherPid = server.child.pid!;
  memory.push(sampleMemory(launcherPid));
  const sampler = setInterval(() => {
    const s = sampleMemory(launcherPid);
    memory.push(s);
    const elapsed = ((s.atMs - memory[0]!.atMs) / 60_000).toFixed(1);
    const statuses = requests.filter((r) => r.status >= 500 || r.status === 0).length;
    log(
      `t=${elapsed} min  fed ${feeder.fedSoFar()}  visible ${visibleMs.length} (pending ${pending.length})  requests ${requests.length} (5xx/none ${statuses})  MB ` +
        Object.entries(s.mb)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(", ") +
        ` (+ ${s.postgresSharedMb.toFixed(0)} shared buffers)`,
    );
  }, SAMPLE_EVERY_MS);

  const endAt = feedStartedMs + minutes * 60_000;
  while (!stopping && Date.now() < endAt) await sleep(Math.min(1000, endAt - Date.now()));
  const fed = await feeder.stop();
  const feedSeconds = (Date.now() - feedStartedMs) / 1000;
  const alertsAtFeedEnd = await alertCount();
  await simulated.stop();
  clearInterval(sampler);

  log(`fed ${fed.fed} alerts in ${feedSeconds.toFixed(0)} s; draining the backlog (at most ${drainSeconds} s)`);
  const drainDeadline = Date.now() + drainSeconds * 1000;
  while (!stopping && Date.now() < drainDeadline && (await alertCount()) - alertsBefore < fed.fed) await sleep(500);
  // The visibility of the last sampled alerts (the prober runs on until they show or the drain ends).
  while (!stopping && Date.now() < drainDeadline && pending.length > 0) await sleep(250);
  const drainedSeconds = (drainSeconds * 1000 - Math.max(0, drainDeadline - Date.now())) / 1000;
  probing = false;
  await prober;
  const alertsAtEnd = await alertCount();
  const serverErrorLogs = fs
    .readFileSync(path.join(DATA_DIR, "server.log"), "utf8")
    .split("\n")
    .filter((line) => line.includes('"level":50') || line.includes('"level":60')).length;
  await db.end();

  // -------------------------------------------------------------------------------------------
  // The report.
  const byKind = new Map<RequestKind, RequestRecord[]>();
  for (const r of requests) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  const statusCounts: Record<string, number> = {};
  for (const r of requests) {
    const key = r.status === 0 ? `no_answer:${r.failure ?? "unknown"}` : String(r.status);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
  }
  for (const [kind, list] of byKind) {
    const ok = list.filter((r) => r.status === 200).map((r) => r.ms);
    log(
      `${kind.padEnd(15)} ${String(list.length).padStart(6)} requests  p50 ${percentile(ok, 50)?.toFixed(0)} ms  p95 ${percentile(ok, 95)?.toFixed(0)} ms`,
    );
  }
  const pageMs = requests.filter((r) => r.kind.endsWith("_page") && r.status === 200).map((r) => r.ms);
  const apiMs = requests.filter((r) => r.kind.startsWith("api_") && r.status === 200).map((r) => r.ms);
  const errors5xx = requests.filter((r) => r.status >= 500).length;
  const resetsRetried = requests.reduce((n, r) => n + r.resetsRetried, 0);
  log(`statuses: ${JSON.stringify(statusCounts)}; connection resets retried: ${resetsRetried}; server error log lines: ${serverErrorLogs}`);

  const warmupMs = Math.min(120_000, (minutes * 60_000) / 3);
  const afterWarmup = memory.filter((s) => s.atMs - memory[0]!.atMs >= warmupMs);
  const slopes = {} as Record<ProcessName, number | null>;
  for (const name of ["launcher", "worker", "next", "postgres"] as const) {
    const points = afterWarmup.map((s) => ({ x: (s.atMs - memory[0]!.atMs) / 60_000, y: s.mb[name] }));
    slopes[name] = round(linearSlope(points), 2);
    const first = memory[0]!.mb[name];
    const last = memory.at(-1)!.mb[name];
    log(
      `memory ${name.padEnd(8)} ${first.toFixed(0)} → ${last.toFixed(0)} MB, slope after ${(warmupMs / 60_000).toFixed(1)} min warm-up: ${slopes[name]} MB/min`,
    );
  }
  // The RSS series, one value a minute: a plateau shows as a series that stops rising.
  const t0 = memory[0]!.atMs;
  const minutesOf = (s: MemorySample) => (s.atMs - t0) / 60_000;
  const seriesText = (values: (number | null)[]) => values.map((v) => (v === null ? "-" : v.toFixed(0))).join(" ");
  for (const name of ["launcher", "worker", "next", "postgres"] as const) {
    log(
      `memory ${name.padEnd(8)} RSS each minute, MB: ${seriesText(
        perMinute(
          memory.map((s) => ({ atMs: s.atMs, value: s.mb[name] })),
          t0,
        ),
      )}`,
    );
  }
  // The V8 heap of each node process: the live heap (right after a full GC) tells a leak from the
  // heap's swing between collections, which moves RSS without anything being retained.
  const liveHeapSlopes = {} as Record<NodeProcessName, number | null>;
  const heapTotalMax = {} as Record<NodeProcessName, number | null>;
  for (const name of NODE_PROCESSES) {
    const live = afterWarmup.flatMap((s) => {
      const y = s.node[name]?.liveAfterFullGcMb;
      return y === undefined || y === null ? [] : [{ x: minutesOf(s), y }];
    });
    liveHeapSlopes[name] = round(linearSlope(live), 2);
    const totals = afterWarmup.flatMap((s) => (s.node[name] ? [s.node[name].heapTotalMb] : []));
    heapTotalMax[name] = totals.length > 0 ? Math.max(...totals) : null;
    const liveSeries = perMinute(
      memory.map((s) => ({ atMs: s.atMs, value: s.node[name]?.liveAfterFullGcMb ?? null })),
      t0,
    );
    log(
      `heap ${name.padEnd(8)} live after full GC each minute, MB: ${seriesText(liveSeries)}; slope after warm-up ${liveHeapSlopes[name]} MB/min; ` +
        `heap total at most ${heapTotalMax[name]} MB; ${memory.at(-1)!.node[name]?.fullGcs ?? 0} full GCs`,
    );
  }
  const sharedSlope = round(linearSlope(afterWarmup.map((s) => ({ x: (s.atMs - memory[0]!.atMs) / 60_000, y: s.postgresSharedMb }))), 2);
  log(
    `memory postgres shared buffers ${memory[0]!.postgresSharedMb.toFixed(0)} → ${memory.at(-1)!.postgresSharedMb.toFixed(0)} MB (bounded by shared_buffers), slope ${sharedSlope} MB/min`,
  );
  const ingestedInWindow = alertsAtFeedEnd - alertsBefore;
  log(
    `alerts: fed ${fed.fed} (${(fed.fed / feedSeconds).toFixed(0)}/s, ${fed.lateTicks} late ticks), ingested ${ingestedInWindow} during the feed (${(ingestedInWindow / feedSeconds).toFixed(0)}/s), ${alertsAtEnd - alertsBefore} after ${drainedSeconds.toFixed(0)} s of drain; ${visibleMs.length} sampled for visibility, ${pending.length} never seen`,
  );
  console.log(
    JSON.stringify({
      alerts_per_s: round(ingestedInWindow / feedSeconds, 1),
      visible_p50_ms: round(percentile(visibleMs, 50)),
      visible_p95_ms: round(percentile(visibleMs, 95)),
      page_p95_ms: round(percentile(pageMs, 95)),
      errors_5xx: errors5xx,
      rss_slope_mb_per_min: slopes,
      postgres_shared_buffers_slope_mb_per_min: sharedSlope,
      live_heap_slope_mb_per_min: liveHeapSlopes,
      heap_total_max_mb: heapTotalMax,
      fed_per_s: round(fed.fed / feedSeconds, 1),
      backlog_at_feed_end: fed.fed - ingestedInWindow,
      visible_sampled: visibleMs.length,
      visible_never_seen: pending.length,
      page_p50_ms: round(percentile(pageMs, 50)),
      api_p95_ms: round(percentile(apiMs, 95)),
      requests: requests.length,
      statuses: statusCounts,
      connection_resets_retried: resetsRetried,
      server_error_logs: serverErrorLogs,
      minutes,
      rate,
      users,
    }),
  );
} finally {
  await stopServer();
  clearTimeout(hardLimit);
}
