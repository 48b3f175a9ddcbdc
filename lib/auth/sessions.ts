import crypto from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";

export const SESSION_COOKIE = "cielo_session";
/** Sessions last 30 days; signing out deletes the row at once. */
export const SESSION_DAYS = 30;

export type UserRole = "reviewer" | "admin";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  /** Approved by an admin or an invitation (admins always are): may vote. */
  approved: boolean;
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
    select: { expires_at: true, user: { select: { id: true, email: true, display_name: true, role: true, approved_at: true } } },
  });
  if (!session || session.expires_at.getTime() <= Date.now()) return null;
  const u = session.user;
  return { id: u.id, email: u.email, displayName: u.display_name, role: u.role, approved: u.role === "admin" || u.approved_at !== null };
}

export async function deleteSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.userSession.deleteMany({ where: { token_hash: hashSessionToken(token) } });
}

/** Ends every session of a user ("sign out everywhere", and after a password change), or all but one. */
export async function deleteUserSessions(prisma: PrismaClient, userId: string, keepToken?: string): Promise<number> {
  const { count } = await prisma.userSession.deleteMany({
    where: { user_id: userId, ...(keepToken ? { NOT: { token_hash: hashSessionToken(keepToken) } } : {}) },
  });
  return count;
}
