import { recordAuditEvent } from "../audit/record-audit-event";
import type { Db } from "../server/db";
import { AppError } from "../errors/app-error";
import type { SignInInput } from "./credentials";
import { decoyPasswordHash, verifyPassword } from "./password";
import { createSession, type SessionUser } from "./sessions";
import { deviceNonce, newDeviceToken } from "./sign-in-device";
import { forgiveSignInAttempt, recordSignInAttempt, takeSignInAttempt, type SignInSource } from "./sign-in-rate-limit";

export interface SignInRequest {
  clientIp: string;
  /** The browser's device cookie, if any. */
  deviceToken?: string;
  /** CIELO_ADMIN_EMAIL: that account is made admin when it signs in (for an account that existed before). */
  adminEmail?: string;
  requestId?: string;
}

export interface SignedIn {
  user: SessionUser;
  token: string;
  expiresAt: Date;
  /** A fresh device cookie for this browser. */
  deviceToken: string;
}

/** Checks the rate limit, then the password; the same message for an unknown email and a wrong password. */
export async function signIn(db: Db, input: SignInInput, request: SignInRequest): Promise<SignedIn> {
  const user = await db.prisma.appUser.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, display_name: true, password_hash: true, role: true, approved_at: true },
  });
  const nonce = deviceNonce(request.deviceToken, input.email, user?.password_hash);
  const source: SignInSource = nonce ? { kind: "device", nonce } : { kind: "address", ip: request.clientIp };
  const verdict = await takeSignInAttempt(db.pool, input.email, source);
  if (!verdict.allowed) {
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    throw new AppError("rate_limited", `Too many failed sign-in attempts: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyPasswordHash()));
  await recordSignInAttempt(db.pool, request.clientIp, input.email, ok && !!user);
  if (!ok || !user?.password_hash) throw new AppError("unauthorized", "Wrong email or password.");
  await forgiveSignInAttempt(db.pool, input.email, source);
  let { role, approved_at: approvedAt } = user;
  if (request.adminEmail === user.email && role !== "admin") {
    const promoted = await db.pool.query<{ approved_at: Date }>(
      "UPDATE app_user SET role = 'admin', approved_at = coalesce(approved_at, now()) WHERE id = $1 RETURNING approved_at",
      [user.id],
    );
    role = "admin";
    approvedAt = promoted.rows[0]!.approved_at;
    await recordAuditEvent(db.pool, { actor: user, action: "admin_by_env", target: user.email, requestId: request.requestId });
  }
  const session = await createSession(db.prisma, user.id);
  return {
    user: { id: user.id, email: user.email, displayName: user.display_name, role, approved: role === "admin" || approvedAt !== null },
    ...session,
    deviceToken: newDeviceToken(user.email, user.password_hash),
  };
}
