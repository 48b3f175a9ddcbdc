/**
 * The client address for rate limiting: the X-Forwarded-For entry written by the nearest trusted
 * proxy (the last one, or `trustedHops` before it when several proxies append). Behind no proxy, Next
 * fills the header with the socket address only when the client sent none, so a client can forge
 * it: deploy behind a reverse proxy that sets the header; the per-email limit bounds guessing anyway.
 */
export function clientIpFrom(forwardedFor: string | null, trustedHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries[entries.length - 1 - trustedHops] ?? entries[0] ?? "unknown";
}
