import http from "node:http";

/**
 * The request header that carries the TCP peer's address to proxy.ts, route handlers and actions.
 * Next hands them no socket, and it keeps an X-Forwarded-For the client wrote, so without this the
 * app could not tell clients apart when no reverse proxy is in front (CIELO_TRUSTED_PROXY_HOPS=0).
 */
export const PEER_ADDRESS_HEADER = "x-cielo-peer-address";
/** "https" when the client's connection to this server is TLS, else "http" (Next derives its URL's scheme from X-Forwarded-Proto). */
export const PEER_PROTO_HEADER = "x-cielo-peer-proto";

/** Set on globalThis (shared by Next's separate bundles) once the server writes the header itself. */
const RECORDED = Symbol.for("cielo.peer-address-recorded");
type Marked = typeof globalThis & { [RECORDED]?: boolean };

/** Whether PEER_ADDRESS_HEADER comes from the server (else a client could have written it: ignored). */
export function peerAddressesRecorded(): boolean {
  return (globalThis as Marked)[RECORDED] === true;
}

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) → "192.0.2.1". */
export function normalizePeerAddress(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

let installed = false;

/**
 * Writes the socket's remote address into PEER_ADDRESS_HEADER (and its scheme into PEER_PROTO_HEADER) of every request this process's HTTP
 * servers receive, replacing any value the client sent, before Next reads the headers. Installed
 * from instrumentation's register() (the same wrapper of the 'request' event as refuseTraceRequests).
 */
export function recordPeerAddresses(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req] = args as [http.IncomingMessage];
      const address = req.socket?.remoteAddress;
      if (address) req.headers[PEER_ADDRESS_HEADER] = normalizePeerAddress(address);
      else delete req.headers[PEER_ADDRESS_HEADER];
      req.headers[PEER_PROTO_HEADER] = (req.socket as { encrypted?: boolean } | undefined)?.encrypted ? "https" : "http";
    }
    return emit.call(this, event, ...args);
  } as typeof emit;
  (globalThis as Marked)[RECORDED] = true;
}
