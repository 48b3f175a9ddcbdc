import { recordAuditEvent } from "../audit/record-audit-event";
import { withTransaction } from "../db/sql";
import type { Db } from "../server/db";
import { lockAccountCreation, newAccountRole } from "./account-role";
import { AppError } from "../errors/app-error";
import type { SignUpInput } from "./credentials";
import { hashInvitationToken } from "./invitation-token";
import { hashPassword } from "./password";
import { takeRateLimit } from "./rate-limit-counter";

/** Accounts one address may create per hour: enough for a lab behind one NAT, not for a vote farm. */
export const SIGN_UPS_PER_IP_PER_HOUR = 20;

export interface SignUpPolicy {
  clientIp: string;
  /** Lower-case email domains allowed to sign up; empty = anyone (CIELO_SIGNUP_EMAIL_DOMAINS). */
  allowedDomains: string[];
  /** CIELO_ADMIN_EMAIL (lower case), if set. */
  adminEmail?: string;
  requestId?: string;
}

export function allowedSignUpDomains(setting: string | undefined): string[] {
  return (setting ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
}

/**
 * Creates an account unless the email has one already, and answers the same either way (taking
 * as long: the password is hashed in both cases), so sign-up does not tell who has an account.
 * A new account may look but not vote until an admin approves it, unless it comes with a valid
 * invitation (single use) or is the admin (lib/auth/account-role.ts). Sign-up opens no session:
 * the form signs in next, which is rate limited per account (docs/decisions/0019).
 */
export async function signUp(db: Db, input: SignUpInput, policy: SignUpPolicy): Promise<void> {
  const domain = input.email.split("@")[1] ?? "";
  if (policy.allowedDomains.length > 0 && !policy.allowedDomains.includes(domain)) {
    throw new AppError("forbidden", `Sign-up is open to ${policy.allowedDomains.map((d) => "@" + d).join(", ")} addresses only.`);
  }
  const cap = await takeRateLimit(db.pool, [{ key: `sign-up:ip:${policy.clientIp}`, limit: SIGN_UPS_PER_IP_PER_HOUR }], 3600);
  if (!cap.allowed) throw new AppError("rate_limited", "Too many accounts created from this address: try again in an hour.");
  const invitationHash = input.invitation ? hashInvitationToken(input.invitation) : null;
  if (invitationHash) {
    const { rowCount } = await db.pool.query(
      "SELECT 1 FROM reviewer_invitation WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()",
      [invitationHash],
    );
    if (rowCount === 0)
      throw new AppError("forbidden", "This invitation link was used already or has expired: ask your admin for a new one.");
  }
  const passwordHash = await hashPassword(input.password);
  await withTransaction(db.pool, async (tx) => {
    await lockAccountCreation(tx);
    const role = await newAccountRole(tx, input.email, policy.adminEmail);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO app_user (id, email, display_name, password_hash, role, approved_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4::"UserRole", CASE WHEN $4 = 'admin' THEN now() END)
       ON CONFLICT (email) DO NOTHING RETURNING id::text`,
      [input.email, input.displayName, passwordHash, role],
    );
    const id = rows[0]?.id;
    if (!id) return; // the email has an account: same answer, nothing changes
    let invitedBy: string | null = null;
    if (invitationHash) {
      const used = await tx.query<{ created_by: string }>(
        `UPDATE reviewer_invitation SET used_by = $2, used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING created_by::text`,
        [invitationHash, id],
      );
      invitedBy = used.rows[0]?.created_by ?? null;
      if (invitedBy) await tx.query("UPDATE app_user SET approved_at = now() WHERE id = $1", [id]);
    }
    await recordAuditEvent(tx, {
      actor: { id, email: input.email },
      action: "sign_up",
      target: input.email,
      details: { role, approved: role === "admin" || invitedBy !== null, invitedBy },
      requestId: policy.requestId,
    });
  });
}
