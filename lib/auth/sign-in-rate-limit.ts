import type { Sql } from "../db/sql";

/**
 * Sign-in throttling, kept in PostgreSQL (auth_attempt) rather than in memory: it survives restarts
 * and holds across several app processes behind one database. Three limits over a sliding window:
 * failures for one email from one IP (guessing one account; a success clears it), failures from one
 * IP over all emails (spraying), and failures for one email over all IPs — the backstop when client
 * addresses can be forged (X-Forwarded-For without a proxy), at the price that an attacker can lock
 * an account for 15 minutes. Blocked attempts are not recorded and never reach the password check,
 * so a locked-out guesser learns nothing and pays no scrypt time.
 */
export const SIGN_IN_LIMITS = { windowMinutes: 15, perIpAndEmail: 5, perIp: 30, perEmail: 20 } as const;

export interface RateLimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

export async function checkSignInRateLimit(sql: Sql, ip: string, email: string, now = new Date()): Promise<RateLimitVerdict> {
  const { rows } = await sql.query<{ pair_failures: number; pair_oldest: Date | null; ip_failures: number; ip_oldest: Date | null }>(
    `WITH recent AS (
       SELECT email, succeeded, attempted_at FROM auth_attempt
       WHERE ip = $1 AND attempted_at > $3::timestamptz - make_interval(mins => $4)
     ), last_success AS (
       SELECT max(attempted_at) AS at FROM recent WHERE email = $2 AND succeeded
     )
     SELECT
       count(*) FILTER (WHERE email = $2 AND NOT succeeded AND attempted_at > coalesce((SELECT at FROM last_success), '-infinity'))::int AS pair_failures,
       min(attempted_at) FILTER (WHERE email = $2 AND NOT succeeded AND attempted_at > coalesce((SELECT at FROM last_success), '-infinity')) AS pair_oldest,
       count(*) FILTER (WHERE NOT succeeded)::int AS ip_failures,
       min(attempted_at) FILTER (WHERE NOT succeeded) AS ip_oldest
     FROM recent`,
    [ip, email, now, SIGN_IN_LIMITS.windowMinutes],
  );
  const r = rows[0]!;
  const perEmail = await sql.query<{ failures: number; oldest: Date | null }>(
    `SELECT count(*)::int AS failures, min(attempted_at) AS oldest FROM auth_attempt
     WHERE email = $1 AND NOT succeeded AND attempted_at > $2::timestamptz - make_interval(mins => $3)`,
    [email, now, SIGN_IN_LIMITS.windowMinutes],
  );
  const windowMs = SIGN_IN_LIMITS.windowMinutes * 60_000;
  const retryAfter = (oldest: Date | null) =>
    Math.max(1, Math.ceil(((oldest?.getTime() ?? now.getTime()) + windowMs - now.getTime()) / 1000));
  if (r.pair_failures >= SIGN_IN_LIMITS.perIpAndEmail) return { allowed: false, retryAfterSeconds: retryAfter(r.pair_oldest) };
  if (r.ip_failures >= SIGN_IN_LIMITS.perIp) return { allowed: false, retryAfterSeconds: retryAfter(r.ip_oldest) };
  const e = perEmail.rows[0]!;
  if (e.failures >= SIGN_IN_LIMITS.perEmail) return { allowed: false, retryAfterSeconds: retryAfter(e.oldest) };
  return { allowed: true, retryAfterSeconds: 0 };
}

export async function recordSignInAttempt(sql: Sql, ip: string, email: string, succeeded: boolean): Promise<void> {
  await sql.query("INSERT INTO auth_attempt (ip, email, succeeded) VALUES ($1, $2, $3)", [ip, email, succeeded]);
  // Old rows are useless for the window: trim now and then instead of running a cron job.
  if (Math.random() < 0.01) await sql.query("DELETE FROM auth_attempt WHERE attempted_at < now() - interval '1 day'");
}
