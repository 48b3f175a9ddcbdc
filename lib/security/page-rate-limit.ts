// Per-client rate limit of everything the public API's own limiter (lib/api/api-handler.ts) does not
// cover: pages (documents and the RSC requests of client navigations), downloads, server actions.
// Same token bucket and client key as the API (X-Forwarded-For only through trusted proxy hops).
import { clientKeyOf, RateLimiter, type RateLimitDecision } from "../api/rate-limit";
import { AppError } from "../errors/app-error";
import { getEnv } from "../server/env";

/** Paths counted elsewhere (apiRoute's limiter) or never limited (health, for monitors). */
const NOT_PAGE_LIMITED = /^\/api\/(ztf|avro|catshtm)\/|^\/api\/health(\/|$)/;

export function isPageRateLimited(pathname: string): boolean {
  return !NOT_PAGE_LIMITED.test(pathname);
}

const globalForLimiter = globalThis as typeof globalThis & { cieloPageRateLimiter?: RateLimiter };

export function getPageRateLimiter(): RateLimiter {
  if (!globalForLimiter.cieloPageRateLimiter) {
    const env = getEnv();
    globalForLimiter.cieloPageRateLimiter = new RateLimiter({ perMinute: env.CIELO_PAGE_RATE_LIMIT, burst: env.CIELO_PAGE_RATE_BURST });
  }
  return globalForLimiter.cieloPageRateLimiter;
}

/** The limiter's verdict for this request: null to go on, or the 429 to answer (AppError body, Retry-After, RateLimit-*). */
export function takePageRequest(request: Request, limiter: RateLimiter = getPageRateLimiter()): Response | null {
  if (!limiter.enabled) return null;
  const decision: RateLimitDecision = limiter.take(clientKeyOf(request));
  if (decision.allowed) return null;
  const refusal = new AppError("rate_limited", `Too many requests: retry after ${decision.retryAfterSeconds} s.`, {
    retryAfterSeconds: decision.retryAfterSeconds,
  });
  return new Response(JSON.stringify(refusal.body()), {
    status: refusal.status,
    headers: { ...decision.headers, "content-type": "application/json", "cache-control": "no-store" },
  });
}
