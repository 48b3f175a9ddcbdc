// The live view of ingestion: alerts in commit order with their three times — alert (when the
// worker read it, alert_packet.received_at), ingested (its batch committed: visible in the app and
// the API) and classified (the object's stamp classification commits with its first alert; the
// light-curve classifier's pass stamps lc_classification.classified_at) — and rolling latencies.
import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";

export const liveAlertSchema = z
  .object({
    oid: z.string(),
    candid: z.string(),
    mjd: z.number(),
    alertAt: z.string().describe("when the worker read the alert (ISO 8601)"),
    ingestedAt: z.string().describe("when its batch committed: visible from then on"),
    classifiedAt: z.string().nullable().describe("first classification of the object at or after the alert's commit"),
    className: z.string().nullable().describe("the object's top class (light-curve classifier, else stamp)"),
  })
  .strict();
export type LiveAlert = z.infer<typeof liveAlertSchema>;

/** Position in the commit order: alerts after it are new. */
export interface LiveCursor {
  ingestedAt: string;
  candid: string;
}

/** The first classification commit of the alert's object at or after the alert's own commit. */
const CLASSIFIED_AT_SQL = `(select min(t) from (
    select a.ingested_at as t where exists (select 1 from probability p where p.oid = a.oid and p.classifier_name = 'stamp_classifier')
      and a.candid = (select min(b.candid) from alert_packet b where b.oid = a.oid)
    union all
    select l.classified_at from lc_classification l where l.oid = a.oid and l.classified_at >= a.ingested_at) c)`;

const ALERT_COLUMNS_SQL = `a.oid, a.candid::text as candid, a.mjd,
  to_char(a.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "alertAt",
  to_char(a.ingested_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "ingestedAt",
  to_char(${CLASSIFIED_AT_SQL} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "classifiedAt",
  (select p.class_name from probability p where p.oid = a.oid and p.ranking = 1
    order by array_position(array['lc_classifier', 'stamp_classifier'], p.classifier_name), p.classifier_version desc limit 1) as "className"`;

/** The newest `limit` alerts, newest first. */
export async function listRecentAlerts(sql: Sql, limit = 50): Promise<LiveAlert[]> {
  return queryRows<LiveAlert>(sql, `select ${ALERT_COLUMNS_SQL} from alert_packet a order by a.ingested_at desc, a.candid desc limit $1`, [
    limit,
  ]);
}

/** Alerts committed after `cursor` except `excludeCandids` (already sent), oldest first (at most `limit`). */
export async function listAlertsAfter(
  sql: Sql,
  cursor: LiveCursor,
  excludeCandids: readonly string[] = [],
  limit = 200,
): Promise<LiveAlert[]> {
  return queryRows<LiveAlert>(
    sql,
    `select ${ALERT_COLUMNS_SQL} from alert_packet a
      where (a.ingested_at, a.candid) > ($1::timestamptz, $2::bigint) and a.candid <> all($3::bigint[])
      order by a.ingested_at, a.candid limit $4`,
    [cursor.ingestedAt, cursor.candid, excludeCandids, limit],
  );
}

export const liveLatencySchema = z
  .object({
    window_s: z.number().int(),
    alerts: z.number().int(),
    visible_p50_ms: z.number().nullable(),
    visible_p95_ms: z.number().nullable(),
    classified_p50_ms: z.number().nullable(),
    classified_p95_ms: z.number().nullable(),
    /** Alerts committed in each of the last `sparkline.length` seconds, oldest first. */
    alerts_per_s: z.array(z.number().int()),
  })
  .strict();
export type LiveLatency = z.infer<typeof liveLatencySchema>;

export const LATENCY_WINDOW_S = 3600;
export const SPARKLINE_SECONDS = 120;

/** Rolling p50/p95 of alert→visible and alert→classified over the last hour, and alerts/s over the last two minutes. */
export async function getLiveLatency(sql: Sql): Promise<LiveLatency> {
  const [latency, perSecond] = await Promise.all([
    queryRows<{ alerts: number; v50: number | null; v95: number | null; c50: number | null; c95: number | null }>(
      sql,
      `with recent as (
         select extract(epoch from a.ingested_at - a.received_at) * 1000 as visible_ms,
                extract(epoch from ${CLASSIFIED_AT_SQL} - a.received_at) * 1000 as classified_ms
           from alert_packet a where a.ingested_at > now() - make_interval(secs => $1))
       select count(*)::int as alerts,
              percentile_cont(0.5) within group (order by visible_ms)::float8 as v50,
              percentile_cont(0.95) within group (order by visible_ms)::float8 as v95,
              percentile_cont(0.5) within group (order by classified_ms)::float8 as c50,
              percentile_cont(0.95) within group (order by classified_ms)::float8 as c95
         from recent`,
      [LATENCY_WINDOW_S],
    ),
    queryRows<{ ago: number; n: number }>(
      sql,
      `select floor(extract(epoch from now() - ingested_at))::int as ago, count(*)::int as n
         from alert_packet where ingested_at > now() - make_interval(secs => $1) group by 1`,
      [SPARKLINE_SECONDS],
    ),
  ]);
  const row = latency[0];
  const round = (v: number | null | undefined) => (v == null ? null : Math.round(v));
  const sparkline = new Array<number>(SPARKLINE_SECONDS).fill(0);
  for (const { ago, n } of perSecond) if (ago >= 0 && ago < SPARKLINE_SECONDS) sparkline[SPARKLINE_SECONDS - 1 - ago] = n;
  return {
    window_s: LATENCY_WINDOW_S,
    alerts: row?.alerts ?? 0,
    visible_p50_ms: round(row?.v50),
    visible_p95_ms: round(row?.v95),
    classified_p50_ms: round(row?.c50),
    classified_p95_ms: round(row?.c95),
    alerts_per_s: sparkline,
  };
}
