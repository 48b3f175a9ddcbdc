import type { Sql } from "../db/sql";

export interface CounterLimit {
  key: string;
  /** Hits allowed in one window; the hit that goes past it is refused. */
  limit: number;
}

export interface CounterVerdict {
  allowed: boolean;
  /** Seconds until the window of the first exhausted counter ends (0 when allowed). */
  retryAfterSeconds: number;
  /** The key that refused, for the message. */
  exhausted: string | null;
}

/**
 * Counts one hit on each key and says whether all are within their limits, in one SQL statement:
 * the upsert takes a row lock per key, so parallel requests are counted one after the other and no
 * more than `limit` of them are ever allowed (a read-then-write check lets a burst through). Fixed
 * windows of `windowSeconds` starting at a key's first hit; refused hits count too.
 */
export async function takeRateLimit(sql: Sql, limits: CounterLimit[], windowSeconds: number): Promise<CounterVerdict> {
  if (limits.length === 0) return { allowed: true, retryAfterSeconds: 0, exhausted: null };
  const { rows } = await sql.query<{ key: string; hits: number; retry_after_s: number }>(
    `INSERT INTO rate_limit_counter AS c (key, window_start, hits)
     SELECT k, now(), 1 FROM unnest($1::text[]) AS k
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN c.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE c.hits + 1 END,
       window_start = CASE WHEN c.window_start <= now() - make_interval(secs => $2) THEN now() ELSE c.window_start END
     RETURNING key, hits, greatest(1, ceil(extract(epoch FROM c.window_start + make_interval(secs => $2) - now())))::int AS retry_after_s`,
    [limits.map((l) => l.key), windowSeconds],
  );
  // Old windows are useless: trim now and then instead of running a cron job.
  if (Math.random() < 0.01) await sql.query("DELETE FROM rate_limit_counter WHERE window_start < now() - interval '1 day'");
  for (const { key, limit } of limits) {
    const row = rows.find((r) => r.key === key);
    if (row && row.hits > limit) return { allowed: false, retryAfterSeconds: row.retry_after_s, exhausted: key };
  }
  return { allowed: true, retryAfterSeconds: 0, exhausted: null };
}

/** Takes hits back (a sign-in that succeeded should not count against the address or the account). */
export async function releaseRateLimit(sql: Sql, keys: string[], opts: { reset: boolean }): Promise<void> {
  if (keys.length === 0) return;
  if (opts.reset) await sql.query("DELETE FROM rate_limit_counter WHERE key = ANY($1::text[])", [keys]);
  else await sql.query("UPDATE rate_limit_counter SET hits = greatest(0, hits - 1) WHERE key = ANY($1::text[])", [keys]);
}
