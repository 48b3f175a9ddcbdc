// `node --import tsx scripts/profile-lsst-batch.ts [--alerts 3000] [--no-cutouts]`
//
// Where an LSST batch's time goes (docs/ingest.md, LSST section): decodes N synthetic LSST alerts
// (lib/lsst/synthetic-lsst-alerts.ts, from the real samples) on this thread, then writes them with
// persistLsstBatch in batches of 150 on one connection, one after the other, into a fresh database on
// its own embedded cluster (port CIELO_BENCH_PG_PORT, default 54332) with the sample catalogs and
// every "lsst-batch" step. Reports CPU per alert — decode + rows (this thread; includes the cutouts'
// gzip), the writes (this process) and PostgreSQL (from /proc) — and the wall
// time of each SQL statement per alert. CPU, not wall time, is the figure to compare on a shared
// machine. The first 20 % of the alerts warm up and are not counted. Last line: one JSON object.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type pg from "pg";
import { z } from "zod";
import { ensureSampleCatalogs } from "../lib/catalogs/sample-catalogs";
import { readAlertSource } from "../lib/ingest/alert-sources";
import { decodeLsstAlertFile } from "../lib/lsst/decode-lsst-alert-file";
import { persistLsstBatch } from "../lib/lsst/persist-lsst-batch";
import { syntheticLsstAlerts } from "../lib/lsst/synthetic-lsst-alerts";
import { createPipeline } from "../lib/pipeline/pipeline";
import { createDb } from "../lib/server/db";
import { databaseUrl, dropDatabase, ensureDatabaseExists, startEmbeddedPostgres } from "../lib/server/embedded-postgres";
import { applyMigrations } from "../lib/server/migrate";

const { values } = parseArgs({
  options: { alerts: { type: "string", default: "3000" }, "no-cutouts": { type: "boolean", default: false } },
});
const count = z.coerce.number().int().min(300).parse(values.alerts);
const withCutouts = !values["no-cutouts"];

const dataDir = path.resolve(".data/profile-lsst");
const server = await startEmbeddedPostgres({ dataDir, port: Number(process.env.CIELO_BENCH_PG_PORT ?? 54332) });
const database = `cielo_profile_lsst_${Date.now()}`;
await ensureDatabaseExists(server.adminUrl, database);
const url = databaseUrl(server.adminUrl, database);
await applyMigrations(url);
const db = createDb(url, { maxConnections: 2 });
await ensureSampleCatalogs(db.pool);

const templates: Buffer[] = [];
for await (const file of readAlertSource(path.resolve("fixtures/lsst/real"))) templates.push(file.bytes);
const alerts = [...syntheticLsstAlerts(templates, count, { seed: 7, cutouts: withCutouts })];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const decodeStart = process.cpuUsage();
const rows = alerts.flatMap((a) => decodeLsstAlertFile({ name: a.name, bytes: a.bytes }).rows);
const decodeMsPerAlert = cpuMs(decodeStart) / rows.length;

/** CPU milliseconds of the cluster's processes so far (Linux /proc: postmaster with reaped children, live backends). */
function postgresCpuMs(): number {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fields: string[];
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    } catch {
      continue;
    }
    if (Number(entry) === postmaster) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    else if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10; // USER_HZ = 100
}

// Every statement's wall time, keyed by its first words.
const client = await db.pool.connect();
const statementMs = new Map<string, number>();
const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
(client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
  const started = performance.now();
  try {
    return await query(...args);
  } finally {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as pg.QueryConfig).text;
    const key = text.replace(/\s+/g, " ").trim().slice(0, 48);
    statementMs.set(key, (statementMs.get(key) ?? 0) + performance.now() - started);
  }
};
const pipeline = createPipeline({ config: { xmatchRadiusArcsec: 2 } });
const warm = Math.floor(rows.length / 5);
for (let i = 0; i < warm; i += 150) await persistLsstBatch(client, rows.slice(i, Math.min(i + 150, warm)), pipeline);
statementMs.clear();
const nodeStart = process.cpuUsage();
const postgresStart = postgresCpuMs();
const wallStart = performance.now();
for (let i = warm; i < rows.length; i += 150) await persistLsstBatch(client, rows.slice(i, i + 150), pipeline);
const n = rows.length - warm;
const round = (ms: number) => Math.round(ms * 1000) / 1000;
const result = {
  bench: "profile-lsst-batch",
  alerts: n,
  cutouts: withCutouts,
  decode_rows_cpu_ms: round(decodeMsPerAlert),
  write_node_cpu_ms: round(cpuMs(nodeStart) / n),
  write_postgres_cpu_ms: round((postgresCpuMs() - postgresStart) / n),
  write_wall_ms: round((performance.now() - wallStart) / n),
  statements_wall_ms: Object.fromEntries(
    [...statementMs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, ms]) => [k, round(ms / n)]),
  ),
};
client.release();
await db.close();
await dropDatabase(server.adminUrl, database);
await server.stop();
for (const [k, ms] of Object.entries(result.statements_wall_ms)) console.log(`${ms.toFixed(3)} ms/alert  ${k}`);
console.log(JSON.stringify(result));
