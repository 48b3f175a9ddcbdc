import type pg from "pg";
import { releaseRateLimit, takeRateLimit, type CounterVerdict } from "./rate-limit-counter";

/**
 * Sign-in throttling, kept in PostgreSQL (rate_limit_counter) rather than in memory: it survives
 * restarts and holds across several app processes behind one database, and each check is one
 * atomic upsert, so 25 parallel guesses get exactly `perIpAndEmail` password checks.
 *
 * A browser without a device cookie for the account counts against three limits per window:
 * attempts for one email from one address (guessing one account), from one address over all
 * emails (spraying), and for one email over all addresses (the backstop against many addresses).
 * A browser with a device cookie (it signed in to this account before: lib/auth/sign-in-device.ts)
 * counts only against its own limit, so the backstop slows an attacker without locking the owner
 * out on their own devices. Refused attempts never reach the password check: no scrypt time.
 */
export const SIGN_IN_LIMITS = { windowMinutes: 15, perIpAndEmail: 5, perIp: 30, perEmail: 20, perDevice: 5 } as const;

export type SignInSource = { kind: "device"; nonce: string } | { kind: "address"; ip: string };

function keysOf(email: string, source: SignInSource) {
  if (source.kind === "device") return [{ key: `sign-in:device:${email}:${source.nonce}`, limit: SIGN_IN_LIMITS.perDevice }];
  return [
    { key: `sign-in:ip-email:${source.ip}:${email}`, limit: SIGN_IN_LIMITS.perIpAndEmail },
    { key: `sign-in:ip:${source.ip}`, limit: SIGN_IN_LIMITS.perIp },
    { key: `sign-in:email:${email}`, limit: SIGN_IN_LIMITS.perEmail },
  ];
}

/** Counts this attempt and says whether it may go on to the password check. */
export function takeSignInAttempt(pool: pg.Pool, email: string, source: SignInSource): Promise<CounterVerdict> {
  return takeRateLimit(pool, keysOf(email, source), SIGN_IN_LIMITS.windowMinutes * 60);
}

/** After a success: the pair (or device) starts over, and the attempt does not count against the address or account. */
export async function forgiveSignInAttempt(pool: pg.Pool, email: string, source: SignInSource): Promise<void> {
  const [first, ...rest] = keysOf(email, source).map((k) => k.key);
  await releaseRateLimit(pool, [first!], { reset: true });
  await releaseRateLimit(pool, rest, { reset: false });
}

/** The sign-in log (auth_attempt): checked attempts only, for the admin and for tests. */
export async function recordSignInAttempt(pool: pg.Pool, ip: string, email: string, succeeded: boolean): Promise<void> {
  await pool.query("INSERT INTO auth_attempt (ip, email, succeeded) VALUES ($1, $2, $3)", [ip, email, succeeded]);
  if (Math.random() < 0.01) await pool.query("DELETE FROM auth_attempt WHERE attempted_at < now() - interval '30 days'");
}
