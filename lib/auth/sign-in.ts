import type { Db } from "../server/db";
import { AppError } from "../errors/app-error";
import type { SignInInput } from "./credentials";
import { decoyPasswordHash, verifyPassword } from "./password";
import { createSession, type SessionUser } from "./sessions";
import { checkSignInRateLimit, recordSignInAttempt } from "./sign-in-rate-limit";

/** Checks the rate limit, then the password; the same message for an unknown email and a wrong password. */
export async function signIn(db: Db, input: SignInInput, clientIp: string): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const verdict = await checkSignInRateLimit(db.pool, clientIp, input.email);
  if (!verdict.allowed) {
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    throw new AppError("rate_limited", `Too many failed sign-in attempts: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const user = await db.prisma.appUser.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, display_name: true, password_hash: true },
  });
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyPasswordHash()));
  await recordSignInAttempt(db.pool, clientIp, input.email, ok && !!user);
  if (!ok || !user) throw new AppError("unauthorized", "Wrong email or password.");
  const session = await createSession(db.prisma, user.id);
  return { user: { id: user.id, email: user.email, displayName: user.display_name }, ...session };
}
