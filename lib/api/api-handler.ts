// The one wrapper every public API route goes through: per-client rate limit, CORS, ETag /
// If-None-Match, JSON in ALeRCE's shapes, and errors through lib/errors (validation 400, unknown 404,
// a query past the statement timeout 400) instead of 500s.
import { AppError } from "../errors/app-error";
import { errorResponse } from "../errors/error-response";
import { getEnv } from "../server/env";
import { stringifyApiJson } from "./api-json";
import { CORS_HEADERS } from "./cors";
import { computeEtag, ifNoneMatchHits } from "./etag";
import { searchParamsToRecord, type RawParams } from "../http/query-params";
import { clientKeyOf, RateLimiter } from "./rate-limit";
import { isStatementTimeout, READ_STATEMENT_TIMEOUT_MS } from "../db/query-rows";

export interface ApiRequest<P> {
  request: Request;
  url: URL;
  /** Query parameters; repeated keys as arrays (ALeRCE's `action="append"`). */
  query: RawParams;
  params: P;
}

/** A JSON result, or binary content (stamps, Avro). */
export type ApiResult =
  { json: unknown; cacheControl?: string } | { bytes: Uint8Array; contentType: string; fileName?: string; cacheControl?: string };

export interface ApiRouteOptions {
  /** Add an ETag and answer If-None-Match with 304 (object resources, stamps). */
  etag?: boolean;
}

const globalForLimiter = globalThis as typeof globalThis & { cieloApiRateLimiter?: RateLimiter };

export function getApiRateLimiter(): RateLimiter {
  if (!globalForLimiter.cieloApiRateLimiter) {
    const env = getEnv();
    globalForLimiter.cieloApiRateLimiter = new RateLimiter({ perMinute: env.CIELO_API_RATE_LIMIT, burst: env.CIELO_API_RATE_BURST });
  }
  return globalForLimiter.cieloApiRateLimiter;
}

/** A query past the API's statement timeout is the client's to narrow (400 in ALeRCE's shape), not a server fault. */
function queryTooExpensive(error: unknown): AppError {
  return new AppError("bad_request", "Query too expensive", {
    errors: {
      query: `the query ran longer than ${READ_STATEMENT_TIMEOUT_MS / 1000} s and was cancelled: narrow the filters, the cone radius or the page`,
    },
    cause: error,
  });
}

/** errorResponse with the API's reading of a statement timeout. */
export function apiErrorResponse(error: unknown, request?: Request, headers: Record<string, string> = {}): Response {
  return errorResponse(isStatementTimeout(error) ? queryTooExpensive(error) : error, { request, headers });
}

/**
 * Wraps a route handler. `handler` returns the body; throwing AppError (notFound, validationError)
 * gives ALeRCE's error shapes.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (req: ApiRequest<P>) => Promise<ApiResult>,
  options: ApiRouteOptions = {},
  limiter: () => RateLimiter = getApiRateLimiter,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    const decision = limiter().take(clientKeyOf(request));
    const baseHeaders: Record<string, string> = { ...CORS_HEADERS, ...decision.headers };
    if (!decision.allowed) {
      const refusal = new AppError("rate_limited", `Too many requests: retry after ${decision.retryAfterSeconds} s.`, {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
      return errorResponse(refusal, { request, headers: baseHeaders });
    }
    try {
      const url = new URL(request.url);
      const params = ((await context?.params) ?? {}) as P;
      const result = await handler({ request, url, query: searchParamsToRecord(url.searchParams), params });
      const headers: Record<string, string> = { ...baseHeaders };
      let body: string | Uint8Array;
      if ("json" in result) {
        body = stringifyApiJson(result.json);
        headers["content-type"] = "application/json";
      } else {
        body = result.bytes;
        headers["content-type"] = result.contentType;
        if (result.fileName) headers["content-disposition"] = `attachment; filename="${result.fileName.replace(/[^\w.+-]/g, "_")}"`;
      }
      headers["cache-control"] = result.cacheControl ?? "no-cache";
      if (options.etag) {
        const etag = computeEtag(body);
        headers.etag = etag;
        if (ifNoneMatchHits(request.headers.get("if-none-match"), etag)) {
          delete headers["content-type"];
          delete headers["content-disposition"];
          return new Response(null, { status: 304, headers });
        }
      }
      return new Response(typeof body === "string" ? body : new Uint8Array(body), { status: 200, headers });
    } catch (error) {
      return apiErrorResponse(error, request, baseHeaders);
    }
  };
}
