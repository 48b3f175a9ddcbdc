import type pg from "pg";
import { getLiveLatency, type LiveLatency } from "../live/live-alerts";

export interface WorkerHealth {
  id: string;
  kind: string;
  running: boolean;
  heartbeat_age_s: number;
  alerts_ingested: number;
  alerts_duplicate: number;
  alerts_quarantined: number;
  last_batch_at: string | null;
  backlog: number | null;
  /** How long the oldest waiting alert file/message has been waiting: the worker's lag. */
  lag_s: number | null;
  /** Inputs that failed in the last 10 minutes (attempts to be retried, files moved to failed/). */
  recent_errors: number;
  last_error: string | null;
  last_error_at: string | null;
}

export interface Health {
  /**
   * degraded: a worker stopped sending heartbeats without stopping (crashed or hung), or a running
   * worker's inputs keep failing (REPEATED_ERRORS in the last 10 minutes); `reasons` says which.
   */
  status: "ok" | "degraded";
  reasons: string[];
  database: "ok";
  counts: { objects: number; detections: number; non_detections: number; alerts: number; quarantine: number };
  last_ingested_at: string | null;
  /** Median ingested_at − received_at over the last 1000 alerts: the pipeline's own latency. */
  ingest_latency_p50_ms: number | null;
  /** Rolling alert→visible and alert→classified percentiles over the last hour (lib/live; also on /live and /metrics). */
  latency: Omit<LiveLatency, "alerts_per_s">;
  workers: WorkerHealth[];
}

/** A worker is considered gone when its heartbeat is older than this. */
export const HEARTBEAT_STALE_S = 60;
/** This many failed inputs of one worker within its 10-minute window make the app "degraded". */
export const REPEATED_ERRORS = 2;
/** Above this many rows, counts are the planner's estimate (an exact count scans the table). */
const EXACT_COUNT_LIMIT = 1_000_000;

const COUNTED_TABLES = ["object", "detection", "non_detection", "alert_packet", "quarantine"] as const;
type CountedTable = (typeof COUNTED_TABLES)[number];

async function countRows(pool: pg.Pool, table: CountedTable): Promise<number> {
  const estimate = await pool.query<{ n: number }>(
    "SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE relname = $1 AND relkind = 'r'",
    [table],
  );
  const approx = estimate.rows[0]?.n ?? 0;
  if (approx > EXACT_COUNT_LIMIT) return Math.round(approx);
  const exact = await pool.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM "${table}"`);
  return exact.rows[0]?.n ?? 0;
}

export async function getHealth(pool: pg.Pool): Promise<Health> {
  const [counts, recent, workers, live] = await Promise.all([
    Promise.all(COUNTED_TABLES.map((t) => countRows(pool, t))),
    pool.query<{ last_ingested_at: Date | null; latency_ms: number | null }>(
      `SELECT max(ingested_at) AS last_ingested_at,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ingested_at - received_at) * 1000)::float8 AS latency_ms
       FROM (SELECT ingested_at, received_at FROM alert_packet ORDER BY ingested_at DESC LIMIT 1000) recent`,
    ),
    pool.query<{
      id: string;
      kind: string;
      stopped: boolean;
      heartbeat_age_s: number;
      alerts_ingested: number;
      alerts_duplicate: number;
      alerts_quarantined: number;
      last_batch_at: Date | null;
      backlog: number | null;
      lag_s: number | null;
      recent_errors: number;
      last_error: string | null;
      last_error_at: Date | null;
    }>(
      `SELECT id, kind, stopped_at IS NOT NULL AS stopped, extract(epoch FROM now() - heartbeat_at)::float8 AS heartbeat_age_s,
              alerts_ingested, alerts_duplicate, alerts_quarantined, last_batch_at, backlog,
              extract(epoch FROM now() - oldest_pending_at)::float8 AS lag_s,
              CASE WHEN last_error_at > now() - interval '10 minutes' THEN recent_errors ELSE 0 END AS recent_errors,
              last_error, last_error_at
       FROM worker_status WHERE stopped_at IS NULL OR stopped_at > now() - interval '1 day' ORDER BY started_at DESC`,
    ),
    getLiveLatency(pool),
  ]);
  const [objects, detections, nonDetections, alerts, quarantine] = counts as [number, number, number, number, number];
  const row = recent.rows[0];
  const reasons: string[] = [];
  for (const w of workers.rows) {
    if (w.stopped) continue;
    if (w.heartbeat_age_s >= HEARTBEAT_STALE_S) reasons.push(`worker ${w.id} sent no heartbeat for ${Math.round(w.heartbeat_age_s)} s`);
    else if (w.recent_errors >= REPEATED_ERRORS) {
      reasons.push(`worker ${w.id}: ${w.recent_errors} failed inputs in the last 10 minutes (last: ${w.last_error ?? "unknown"})`);
    }
  }
  return {
    status: reasons.length > 0 ? "degraded" : "ok",
    reasons,
    database: "ok",
    counts: { objects, detections, non_detections: nonDetections, alerts, quarantine },
    last_ingested_at: row?.last_ingested_at?.toISOString() ?? null,
    ingest_latency_p50_ms: row?.latency_ms == null ? null : Math.round(row.latency_ms),
    latency: {
      window_s: live.window_s,
      alerts: live.alerts,
      visible_p50_ms: live.visible_p50_ms,
      visible_p95_ms: live.visible_p95_ms,
      classified_p50_ms: live.classified_p50_ms,
      classified_p95_ms: live.classified_p95_ms,
    },
    workers: workers.rows.map((w) => ({
      id: w.id,
      kind: w.kind,
      running: !w.stopped && w.heartbeat_age_s < HEARTBEAT_STALE_S,
      heartbeat_age_s: Math.round(w.heartbeat_age_s),
      alerts_ingested: w.alerts_ingested,
      alerts_duplicate: w.alerts_duplicate,
      alerts_quarantined: w.alerts_quarantined,
      last_batch_at: w.last_batch_at?.toISOString() ?? null,
      backlog: w.backlog,
      lag_s: w.lag_s === null ? null : Math.round(w.lag_s),
      recent_errors: w.recent_errors,
      last_error: w.last_error,
      last_error_at: w.last_error_at?.toISOString() ?? null,
    })),
  };
}
