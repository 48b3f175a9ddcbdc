// The read layer of users' streams: lists and pages of filters and watchlists. A private filter or
// watchlist is visible to its owner only; to anyone else it does not exist (not_found, not forbidden).
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { type FilterDefinition, filterDefinitionSchema } from "./filter-definition";

export const streamSummarySchema = z
  .object({
    kind: z.enum(["filter", "watchlist"]),
    id: z.string(),
    name: z.string(),
    public: z.boolean(),
    mine: z.boolean(),
    ownerName: z.string(),
    matches: z.number().int(),
    /** Watched positions (watchlists), null for filters. */
    targets: z.number().int().nullable(),
  })
  .strict();
export type StreamSummary = z.infer<typeof streamSummarySchema>;

/** The viewer's filters and watchlists and everyone's public ones, newest first. */
export async function listStreams(sql: Sql, viewerId: string | null): Promise<StreamSummary[]> {
  return queryRows<StreamSummary>(
    sql,
    `select 'filter' as kind, f.id::text as id, f.name, f.public, f.owner_id = $1::uuid is true as mine, u.display_name as "ownerName",
            (select count(*)::int from filter_match m where m.filter_id = f.id) as matches, null::int as targets, f.created_at
       from stream_filter f join app_user u on u.id = f.owner_id where f.public or f.owner_id = $1::uuid
     union all
     select 'watchlist', w.id::text, w.name, w.public, w.owner_id = $1::uuid is true, u.display_name,
            (select count(*)::int from watchlist_match m where m.watchlist_id = w.id),
            (select count(*)::int from watchlist_target t where t.watchlist_id = w.id), w.created_at
       from watchlist w join app_user u on u.id = w.owner_id where w.public or w.owner_id = $1::uuid
     order by created_at desc limit 500`,
    [viewerId],
  );
}

export const matchRowSchema = z
  .object({
    oid: z.string(),
    candid: z.string(),
    mjd: z.number(),
    source: z.string(),
    separationArcsec: z.number().nullable(),
    target: z.string().nullable(),
  })
  .strict();
export type StreamMatchRow = z.infer<typeof matchRowSchema>;

export const nightRateSchema = z.object({ night: z.number().int(), alerts: z.number().int(), objects: z.number().int() }).strict();
export type NightRate = z.infer<typeof nightRateSchema>;

export const replaySchema = z
  .object({
    id: z.string(),
    fromMjd: z.number(),
    toMjd: z.number(),
    status: z.enum(["running", "done", "failed"]),
    alertsTotal: z.number().int(),
    alertsDone: z.number().int(),
    matches: z.number().int(),
    error: z.string().nullable(),
    startedAt: z.string(),
  })
  .strict();
export type FilterReplayRow = z.infer<typeof replaySchema>;

export interface FilterPage {
  id: string;
  name: string;
  description: string;
  public: boolean;
  mine: boolean;
  ownerName: string;
  definition: FilterDefinition;
  totalMatches: number;
  /** The newest 200 matches by alert MJD. */
  matches: StreamMatchRow[];
  /** Matched alerts and objects per night (MJD floor), newest first. */
  perNight: NightRate[];
  replays: FilterReplayRow[];
  /** The newest alert's MJD in the database (the replay form's default range ends there), null when empty. */
  newestAlertMjd: number | null;
}

const PAGE_MATCHES = 200;

export async function getFilterPage(sql: Sql, id: string, viewerId: string | null): Promise<FilterPage> {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "No such filter.");
  const [filter] = await queryRows<{
    id: string;
    name: string;
    description: string;
    public: boolean;
    mine: boolean;
    ownerName: string;
    definition: unknown;
  }>(
    sql,
    `select f.id::text as id, f.name, f.description, f.public, f.owner_id = $2::uuid is true as mine, u.display_name as "ownerName", f.definition
       from stream_filter f join app_user u on u.id = f.owner_id where f.id = $1::uuid and (f.public or f.owner_id = $2::uuid)`,
    [id, viewerId],
  );
  if (!filter) throw new AppError("not_found", "No such filter (or it is private).");
  const [total, matches, perNight, replays, newest] = await Promise.all([
    queryRows<{ n: number }>(sql, "select count(*)::int as n from filter_match where filter_id = $1::uuid", [id]),
    queryRows<StreamMatchRow>(
      sql,
      `select oid, candid::text as candid, mjd, source, null::float8 as "separationArcsec", null::text as target
         from filter_match where filter_id = $1::uuid order by mjd desc, candid desc limit ${PAGE_MATCHES}`,
      [id],
    ),
    queryRows<NightRate>(
      sql,
      `select floor(mjd)::int as night, count(*)::int as alerts, count(distinct oid)::int as objects
         from filter_match where filter_id = $1::uuid group by 1 order by 1 desc limit 366`,
      [id],
    ),
    queryRows<FilterReplayRow>(
      sql,
      `select id::text as id, from_mjd as "fromMjd", to_mjd as "toMjd", status, alerts_total as "alertsTotal", alerts_done as "alertsDone",
              matches, error, to_char(started_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as "startedAt"
         from filter_replay where filter_id = $1::uuid order by started_at desc limit 20`,
      [id],
    ),
    queryRows<{ mjd: number | null }>(sql, "select max(lastmjd) as mjd from object"),
  ]);
  return {
    ...filter,
    definition: filterDefinitionSchema.parse(filter.definition),
    totalMatches: total[0]?.n ?? 0,
    matches,
    perNight,
    replays,
    newestAlertMjd: newest[0]?.mjd ?? null,
  };
}

export interface WatchlistPage {
  id: string;
  name: string;
  public: boolean;
  mine: boolean;
  ownerName: string;
  targets: number;
  maxRadiusArcsec: number;
  totalMatches: number;
  matches: StreamMatchRow[];
  perNight: NightRate[];
}

export async function getWatchlistPage(sql: Sql, id: string, viewerId: string | null): Promise<WatchlistPage> {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "No such watchlist.");
  const [watchlist] = await queryRows<Omit<WatchlistPage, "totalMatches" | "matches" | "perNight">>(
    sql,
    `select w.id::text as id, w.name, w.public, w.owner_id = $2::uuid is true as mine, u.display_name as "ownerName",
            (select count(*)::int from watchlist_target t where t.watchlist_id = w.id) as targets, w.max_radius_arcsec as "maxRadiusArcsec"
       from watchlist w join app_user u on u.id = w.owner_id where w.id = $1::uuid and (w.public or w.owner_id = $2::uuid)`,
    [id, viewerId],
  );
  if (!watchlist) throw new AppError("not_found", "No such watchlist (or it is private).");
  const [total, matches, perNight] = await Promise.all([
    queryRows<{ n: number }>(sql, "select count(*)::int as n from watchlist_match where watchlist_id = $1::uuid", [id]),
    queryRows<StreamMatchRow>(
      sql,
      `select m.oid, m.candid::text as candid, m.mjd, 'ingest' as source, m.separation_arcsec as "separationArcsec", t.name as target
         from watchlist_match m join watchlist_target t on t.watchlist_id = m.watchlist_id and t.target_id = m.target_id
        where m.watchlist_id = $1::uuid order by m.mjd desc, m.candid desc limit ${PAGE_MATCHES}`,
      [id],
    ),
    queryRows<NightRate>(
      sql,
      `select floor(mjd)::int as night, count(*)::int as alerts, count(distinct oid)::int as objects
         from watchlist_match where watchlist_id = $1::uuid group by 1 order by 1 desc limit 366`,
      [id],
    ),
  ]);
  return { ...watchlist, totalMatches: total[0]?.n ?? 0, matches, perNight };
}

export const notificationSchema = z
  .object({
    streamKind: z.enum(["filter", "watchlist"]),
    streamId: z.string(),
    streamName: z.string(),
    oid: z.string(),
    candid: z.string(),
    mjd: z.number(),
    matchedAt: z.string(),
    separationArcsec: z.number().nullable(),
  })
  .strict();
export type StreamNotification = z.infer<typeof notificationSchema>;

/** The in-app feed: the newest matches of the user's own filters and watchlists, newest recorded first. */
export async function listNotifications(sql: Sql, userId: string, limit = 100): Promise<StreamNotification[]> {
  return queryRows<StreamNotification>(
    sql,
    `(select 'filter' as "streamKind", f.id::text as "streamId", f.name as "streamName", m.oid, m.candid::text as candid, m.mjd,
             to_char(m.matched_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as "matchedAt", m.matched_at, null::float8 as "separationArcsec"
        from filter_match m join stream_filter f on f.id = m.filter_id where f.owner_id = $1::uuid order by m.matched_at desc limit $2)
     union all
     (select 'watchlist', w.id::text, w.name, m.oid, m.candid::text, m.mjd,
             to_char(m.matched_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), m.matched_at, m.separation_arcsec
        from watchlist_match m join watchlist w on w.id = m.watchlist_id where w.owner_id = $1::uuid order by m.matched_at desc limit $2)
     order by matched_at desc, candid desc limit $2`,
    [userId, limit],
  ).then((rows) =>
    rows.map(({ streamKind, streamId, streamName, oid, candid, mjd, matchedAt, separationArcsec }) => ({
      streamKind,
      streamId,
      streamName,
      oid,
      candid,
      mjd,
      matchedAt,
      separationArcsec,
    })),
  );
}
