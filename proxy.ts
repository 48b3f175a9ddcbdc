import { type NextRequest, NextResponse } from "next/server";
import { isPageRateLimited, takePageRequest } from "@/lib/security/page-rate-limit";
import { PEER_PROTO_HEADER, peerAddressesRecorded } from "@/lib/security/peer-address";
import { contentSecurityPolicy, HSTS_HEADER, isSameOriginAction, servedOverTls } from "@/lib/security/security-headers";

/**
 * Runs before every route (Next 16's proxy, formerly middleware): a request id for the logs and
 * the audit log, a CSP with a fresh nonce for the page (Next puts it on its inline scripts), HSTS
 * over TLS, a 403 for server actions posted from another site (Next's own check answers 500), and
 * the per-client rate limit of pages, downloads and actions (429; the public API limits itself).
 * TRACE cannot be refused here: Next fails to build a Request for it before any proxy runs.
 */
export function proxy(request: NextRequest) {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (request.method === "POST" && request.headers.has("next-action") && !isSameOriginAction(request.headers.get("origin"), host)) {
    return new NextResponse("This action must be sent from a Cielo page.\n", { status: 403, headers: { "content-type": "text/plain" } });
  }
  if (isPageRateLimited(request.nextUrl.pathname)) {
    const refusal = takePageRequest(request);
    if (refusal) return refusal;
  }
  const requestId = crypto.randomUUID();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  if (!request.nextUrl.pathname.startsWith("/api/")) response.headers.set("content-security-policy", csp);
  const trustedHops = Number(process.env.CIELO_TRUSTED_PROXY_HOPS ?? 0) || 0;
  const peerProto = peerAddressesRecorded() ? request.headers.get(PEER_PROTO_HEADER) : null;
  if (servedOverTls(request.headers.get("x-forwarded-proto"), peerProto, trustedHops)) {
    response.headers.set("strict-transport-security", HSTS_HEADER);
  }
  return response;
}

export const config = {
  // Not static files (they carry the static headers of next.config.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
