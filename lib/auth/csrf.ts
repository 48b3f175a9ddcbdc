import crypto from "node:crypto";

/**
 * Synchronizer token for signed-in actions, on top of Next's Origin check and SameSite=Lax cookies:
 * an HMAC of the (secret, httpOnly) session token, so it needs no storage, is rendered into the
 * page by the server, and dies with the session (a request replayed after sign-out is refused).
 */
export function csrfTokenFor(sessionToken: string): string {
  return crypto.createHmac("sha256", sessionToken).update("cielo-csrf-v1").digest("base64url");
}

export function isValidCsrfToken(sessionToken: string, candidate: unknown): boolean {
  if (typeof candidate !== "string") return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(candidate);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}
