/**
 * The Content-Security-Policy of every page. Scripts: only Next's own, marked with the request's
 * nonce, and what they load ('strict-dynamic'); 'wasm-unsafe-eval' lets Aladin Lite compile its
 * WebAssembly (no JavaScript eval). Styles allow inline: Plotly and Aladin inject <style> elements
 * and style attributes at run time, and style injection cannot run code. Images and fetches may go
 * to https: the sky view loads survey tiles from CDS/HiPS servers. No page may be framed.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    // data: Aladin Lite fetches its WebAssembly from a data: URL bundled in its script.
    `connect-src 'self' https: data:${opts.dev ? " ws:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every response (pages, API, static files): set in next.config.ts. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
] as const;

/** HSTS only where the browser reached us over TLS (browsers ignore it on http anyway; this keeps the header honest). */
export const HSTS_HEADER = "max-age=31536000; includeSubDomains";

/**
 * Whether the browser reached Cielo over TLS: this server's own connection (`peerProto`, recorded
 * from the socket by lib/security/peer-address.ts; Next's URL takes its scheme from
 * X-Forwarded-Proto, so it cannot tell), or, behind trusted reverse proxies
 * (CIELO_TRUSTED_PROXY_HOPS > 0) that terminate TLS, their X-Forwarded-Proto. With no trusted
 * proxy that header is whatever the client wrote and is ignored, like X-Forwarded-For.
 */
export function servedOverTls(forwardedProto: string | null, peerProto: string | null, trustedHops: number): boolean {
  if (peerProto === "https") return true;
  if (trustedHops <= 0 || !forwardedProto) return false;
  // Proxies that append (like X-Forwarded-For): the entry `trustedHops` from the right is the outermost
  // trusted one's; a proxy that overwrites leaves one entry, its own. Anything left of it is the client's.
  const entries = forwardedProto.split(",").map((e) => e.trim().toLowerCase());
  return (entries[entries.length - trustedHops] ?? entries[0]) === "https";
}

/**
 * Whether a server-action POST comes from a page of this site: its Origin's host must equal the
 * host the request was sent to. Browsers send Origin on every POST; a missing or "null" Origin
 * (sandboxed frames, file: pages) is refused too. Next checks this as well, but answers 500.
 */
export function isSameOriginAction(origin: string | null, host: string | null): boolean {
  if (!origin || origin === "null" || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
