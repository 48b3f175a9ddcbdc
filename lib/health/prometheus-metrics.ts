// GET /metrics for operators (Prometheus text format, prom-client): the numbers of /api/health and
// /live — rolling alert→visible and alert→classified quantiles, alerts/s, counts, each worker's
// heartbeat and lag, and the streams' delivery backlog. Gauges are read from the database at
// scrape time into a fresh registry, so every app instance reports the same shared state.
import type pg from "pg";
import { Gauge, Registry } from "prom-client";
import { getHealth } from "./get-health";
import { getLiveLatency } from "../live/live-alerts";

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export async function renderMetrics(pool: pg.Pool): Promise<string> {
  const [health, live, deliveries] = await Promise.all([
    getHealth(pool),
    getLiveLatency(pool),
    pool.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM delivery WHERE status <> 'delivered' GROUP BY status",
    ),
  ]);
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });

  const visible = gauge("cielo_alert_visible_latency_ms", "Alert read → batch committed (visible), rolling over the last hour", [
    "quantile",
  ]);
  const classified = gauge("cielo_alert_classified_latency_ms", "Alert read → object classified, rolling over the last hour", ["quantile"]);
  for (const [quantile, v, c] of [
    ["0.5", live.visible_p50_ms, live.classified_p50_ms],
    ["0.95", live.visible_p95_ms, live.classified_p95_ms],
  ] as const) {
    if (v !== null) visible.set({ quantile }, v);
    if (c !== null) classified.set({ quantile }, c);
  }
  gauge("cielo_alerts_last_hour", "Alerts committed in the last hour").set(live.alerts);
  const lastMinute = live.alerts_per_s.slice(-60);
  gauge("cielo_alerts_per_second", "Alerts committed per second, mean over the last minute").set(
    lastMinute.reduce((a, b) => a + b, 0) / lastMinute.length,
  );
  const stored = gauge("cielo_rows", "Rows stored (estimates above a million)", ["table"]);
  for (const [table, n] of Object.entries(health.counts)) stored.set({ table }, n);
  const up = gauge("cielo_worker_up", "1 when the worker's heartbeat is fresh", ["worker", "kind"]);
  const lag = gauge("cielo_worker_lag_seconds", "Age of the oldest alert waiting for the worker", ["worker", "kind"]);
  const heartbeat = gauge("cielo_worker_heartbeat_age_seconds", "Seconds since the worker's last heartbeat", ["worker", "kind"]);
  for (const w of health.workers) {
    const labels = { worker: w.id, kind: w.kind };
    up.set(labels, w.running ? 1 : 0);
    heartbeat.set(labels, w.heartbeat_age_s);
    if (w.lag_s !== null) lag.set(labels, w.lag_s);
  }
  const backlog = gauge("cielo_stream_deliveries", "Stream deliveries not delivered (pending, dead)", ["status"]);
  backlog.set({ status: "pending" }, 0);
  backlog.set({ status: "dead" }, 0);
  for (const row of deliveries.rows) backlog.set({ status: row.status }, row.n);
  return registry.metrics();
}
