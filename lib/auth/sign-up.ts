import type { Db } from "../server/db";
import { AppError } from "../errors/app-error";
import type { SignUpInput } from "./credentials";
import { hashPassword } from "./password";
import { createSession, type SessionUser } from "./sessions";

/** Accounts one address may create per hour: enough for a lab behind one NAT, not for a vote farm. */
export const SIGN_UPS_PER_IP_PER_HOUR = 20;

export interface SignUpPolicy {
  clientIp: string;
  /** Lower-case email domains allowed to sign up; empty = anyone (CIELO_SIGNUP_EMAIL_DOMAINS). */
  allowedDomains: string[];
}

export function allowedSignUpDomains(setting: string | undefined): string[] {
  return (setting ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
}

/**
 * Votes decide what is reported to TNS, so accounts are the trust boundary: an optional allow-list
 * of email domains keeps sign-up to the team, and a per-IP hourly cap slows account farming.
 */
export async function signUp(
  db: Db,
  input: SignUpInput,
  policy: SignUpPolicy,
): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const domain = input.email.split("@")[1] ?? "";
  if (policy.allowedDomains.length > 0 && !policy.allowedDomains.includes(domain)) {
    throw new AppError("forbidden", `Sign-up is open to ${policy.allowedDomains.map((d) => "@" + d).join(", ")} addresses only.`);
  }
  const recent = await db.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM auth_attempt WHERE ip = $1 AND email = '(sign-up)' AND attempted_at > now() - interval '1 hour'",
    [policy.clientIp],
  );
  if (recent.rows[0]!.n >= SIGN_UPS_PER_IP_PER_HOUR)
    throw new AppError("rate_limited", "Too many accounts created from this address: try again in an hour.");
  // Sign-ups share auth_attempt with sign-ins, under a marker email that no real address can equal.
  await db.pool.query("INSERT INTO auth_attempt (ip, email, succeeded) VALUES ($1, '(sign-up)', true)", [policy.clientIp]);
  const passwordHash = await hashPassword(input.password);
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO app_user (id, email, display_name, password_hash) VALUES (gen_random_uuid(), $1, $2, $3)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [input.email, input.displayName, passwordHash],
  );
  const id = rows[0]?.id;
  if (!id) throw new AppError("conflict", "An account with this email already exists: sign in instead.");
  const session = await createSession(db.prisma, id);
  return { user: { id, email: input.email, displayName: input.displayName }, ...session };
}
