import { PEER_ADDRESS_HEADER, peerAddressesRecorded } from "../security/peer-address";

/** The key rate limits use when the client's address is not known. */
export const UNKNOWN_CLIENT = "unknown";

/**
 * The client address for rate limiting. Behind no proxy (`trustedHops` 0) X-Forwarded-For is
 * ignored: Next fills it with the socket address only when the client sent none, so a client can
 * write any value and would get a fresh rate-limit key per request. The address is then the TCP
 * peer's, which the server itself writes into the request (`peerAddress`, from
 * lib/security/peer-address.ts); without it (a server that does not record it) the app cannot
 * tell clients apart and every limit is shared.
 * Behind `trustedHops` proxies that each append the address they saw, the entry `trustedHops`
 * from the right is the one the outermost trusted proxy wrote; entries left of it are the client's.
 */
export function clientIpFrom(forwardedFor: string | null, trustedHops: number, peerAddress: string | null = null): string {
  if (trustedHops <= 0) return peerAddress ? peerAddress.slice(0, 100) : UNKNOWN_CLIENT;
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = entries[entries.length - trustedHops];
  return entry ? entry.slice(0, 100) : UNKNOWN_CLIENT;
}

/** clientIpFrom for a request's headers: the peer address only where the server recorded it. */
export function clientIpOf(headers: { get(name: string): string | null }, trustedHops: number): string {
  const peer = peerAddressesRecorded() ? headers.get(PEER_ADDRESS_HEADER) : null;
  return clientIpFrom(headers.get("x-forwarded-for"), trustedHops, peer);
}
