import { cookies } from "next/headers";
import { getDb } from "../server/db";
import { csrfTokenFor } from "./csrf";
import { SESSION_COOKIE, getSessionUser, type SessionUser } from "./sessions";

/** For server components: the signed-in user and the CSRF token its forms must send, or null. */
export async function getCurrentUser(): Promise<(SessionUser & { csrfToken: string }) | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = await getSessionUser(getDb().prisma, token);
  return user && token ? { ...user, csrfToken: csrfTokenFor(token) } : null;
}
