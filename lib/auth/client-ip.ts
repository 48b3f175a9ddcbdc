/** The key rate limits use when the client's address is not known (no trusted proxy). */
export const UNKNOWN_CLIENT = "unknown";

/**
 * The client address for rate limiting. Behind no proxy (`trustedHops` 0) X-Forwarded-For is
 * ignored: Next fills it with the socket address only when the client sent none, so a client can
 * write any value and would get a fresh rate-limit key per request; the app then cannot tell
 * clients apart and every limit is shared (see docs/sn-hunter.md: deploy behind a reverse proxy).
 * Behind `trustedHops` proxies that each append the address they saw, the entry `trustedHops`
 * from the right is the one the outermost trusted proxy wrote; entries left of it are the client's.
 */
export function clientIpFrom(forwardedFor: string | null, trustedHops: number): string {
  if (trustedHops <= 0) return UNKNOWN_CLIENT;
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = entries[entries.length - trustedHops];
  return entry ? entry.slice(0, 100) : UNKNOWN_CLIENT;
}
