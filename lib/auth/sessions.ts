import crypto from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";

export const SESSION_COOKIE = "cielo_session";
/** Sessions last 30 days; signing out deletes the row at once. */
export const SESSION_DAYS = 30;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

/** The table holds SHA-256(token): a leaked database does not give usable cookies. */
export function hashSessionToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createSession(prisma: PrismaClient, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await prisma.userSession.create({ data: { token_hash: hashSessionToken(token), user_id: userId, expires_at: expiresAt } });
  return { token, expiresAt };
}

/** The user of a live session, or null (unknown, expired, or malformed token). */
export async function getSessionUser(prisma: PrismaClient, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const session = await prisma.userSession.findUnique({
    where: { token_hash: hashSessionToken(token) },
    select: { expires_at: true, user: { select: { id: true, email: true, display_name: true } } },
  });
  if (!session || session.expires_at.getTime() <= Date.now()) return null;
  return { id: session.user.id, email: session.user.email, displayName: session.user.display_name };
}

export async function deleteSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.userSession.deleteMany({ where: { token_hash: hashSessionToken(token) } });
}
