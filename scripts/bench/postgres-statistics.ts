// `bench:ingest --pg-stats`: what PostgreSQL spent its time on during the steady state.
// The server is started with pg_stat_statements preloaded (off by default: the extension's hooks cost
// a little CPU per statement); the counters are reset at the end of the warm-up and read before the
// bench drops its database. Only for a server the bench starts itself.
import type pg from "pg";

/** Server settings that load the statement statistics (plan time included). */
export const PG_STATS_SETTINGS = [
  "shared_preload_libraries=pg_stat_statements",
  "pg_stat_statements.track=all",
  "pg_stat_statements.track_planning=on",
  "pg_stat_statements.max=5000",
] as const;

export async function enablePostgresStatistics(pool: pg.Pool): Promise<void> {
  await pool.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
}

/** Zeroes the statement, WAL and table/index counters (called at the end of the warm-up). */
export async function resetPostgresStatistics(pool: pg.Pool): Promise<void> {
  await pool.query("SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal'), pg_stat_reset()");
}

const oneLine = (sql: string, max: number) => {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The report, as text lines: statements by total (plan + execution) time, WAL, tables and indexes written. */
export async function postgresStatisticsReport(pool: pg.Pool, options: { alerts: number; batches: number }): Promise<string[]> {
  const lines: string[] = [];
  const perBatch = (n: number) => (n / Math.max(1, options.batches)).toFixed(2);
  const perAlert = (n: number) => (n / Math.max(1, options.alerts)).toFixed(3);
  await new Promise((resolve) => setTimeout(resolve, 1500)); // backends flush their table counters about once a second
  const statements = await pool.query<{
    query: string;
    calls: string;
    exec_ms: number;
    plan_ms: number;
    plans: string;
    rows: string;
    wal_bytes: string;
    wal_fpi: string;
    blks_dirtied: string;
  }>(
    `SELECT query, calls, total_exec_time AS exec_ms, total_plan_time AS plan_ms, plans, rows, wal_bytes, wal_fpi,
       shared_blks_dirtied AS blks_dirtied
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     ORDER BY total_exec_time + total_plan_time DESC`,
  );
  const total = statements.rows.reduce((sum, s) => sum + s.exec_ms + s.plan_ms, 0);
  lines.push(
    `pg_stat_statements, steady state (${options.alerts} alerts, ${options.batches} batches): ${total.toFixed(0)} ms in statements = ${perAlert(total)} ms per alert`,
  );
  lines.push("share | ms/alert (exec + plan) | calls/batch | rows/call | WAL bytes/alert | FPI | plans/calls | statement");
  for (const s of statements.rows.slice(0, 30)) {
    const calls = Number(s.calls);
    lines.push(
      [
        `${((100 * (s.exec_ms + s.plan_ms)) / total).toFixed(1)} %`,
        `${perAlert(s.exec_ms)} + ${perAlert(s.plan_ms)}`,
        perBatch(calls),
        (Number(s.rows) / Math.max(1, calls)).toFixed(0),
        perAlert(Number(s.wal_bytes)),
        s.wal_fpi,
        `${s.plans}/${s.calls}`,
        oneLine(s.query, 160),
      ].join(" | "),
    );
  }
  const wal = await pool.query<{ wal_records: string; wal_fpi: string; wal_bytes: string; wal_buffers_full: string }>(
    "SELECT wal_records, wal_fpi, wal_bytes, wal_buffers_full FROM pg_stat_wal",
  );
  const w = wal.rows[0]!;
  lines.push(
    `WAL (cluster): ${perAlert(Number(w.wal_bytes))} bytes, ${perAlert(Number(w.wal_records))} records, ${perAlert(Number(w.wal_fpi))} full-page images per alert; buffers full ${w.wal_buffers_full}`,
  );
  const tables = await pool.query<{
    relname: string;
    n_tup_ins: string;
    n_tup_upd: string;
    n_tup_hot_upd: string;
    n_tup_del: string;
    table_mb: number;
    toast_mb: number;
    indexes: number;
  }>(
    `SELECT t.relname, t.n_tup_ins, t.n_tup_upd, t.n_tup_hot_upd, t.n_tup_del,
       (pg_relation_size(t.relid) / 1e6)::float8 AS table_mb,
       (coalesce(pg_total_relation_size(c.reltoastrelid), 0) / 1e6)::float8 AS toast_mb,
       (SELECT count(*) FROM pg_index i WHERE i.indrelid = t.relid)::int AS indexes
     FROM pg_stat_user_tables t JOIN pg_class c ON c.oid = t.relid
     WHERE t.n_tup_ins + t.n_tup_upd + t.n_tup_del > 0 ORDER BY t.n_tup_ins + t.n_tup_upd DESC`,
  );
  lines.push("table | inserted/alert | updated/alert (HOT) | deleted/alert | indexes | heap MB | TOAST MB (whole run)");
  for (const t of tables.rows) {
    lines.push(
      `${t.relname} | ${perAlert(Number(t.n_tup_ins))} | ${perAlert(Number(t.n_tup_upd))} (${perAlert(Number(t.n_tup_hot_upd))}) | ${perAlert(Number(t.n_tup_del))} | ${t.indexes} | ${t.table_mb.toFixed(1)} | ${t.toast_mb.toFixed(1)}`,
    );
  }
  const indexes = await pool.query<{
    relname: string;
    indexrelname: string;
    idx_scan: string;
    idx_tup_read: string;
    mb: number;
    def: string;
  }>(
    `SELECT s.relname, s.indexrelname, s.idx_scan, s.idx_tup_read, (pg_relation_size(s.indexrelid) / 1e6)::float8 AS mb,
       pg_get_indexdef(s.indexrelid) AS def
     FROM pg_stat_user_indexes s JOIN pg_stat_user_tables t ON t.relid = s.relid
     WHERE t.n_tup_ins + t.n_tup_upd > 0 ORDER BY s.relname, s.indexrelname`,
  );
  lines.push("index (tables written) | scans | tuples read | MB | definition");
  for (const i of indexes.rows) {
    lines.push(`${i.indexrelname} | ${i.idx_scan} | ${i.idx_tup_read} | ${i.mb.toFixed(1)} | ${oneLine(i.def, 140)}`);
  }
  return lines;
}
