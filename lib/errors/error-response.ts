import { randomUUID } from "node:crypto";
import { toAppError } from "./to-app-error";

/** The client's X-Request-Id when it is a plain token (it then shows in our log), else a new UUID. */
export function requestIdOf(request: Request | undefined): string {
  const given = request?.headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

/**
 * The one translation of a thrown value into an HTTP answer: the AppError's status from
 * HTTP_STATUS_BY_CODE and its body `{message, code, errors?}`; Retry-After and X-Request-Id when set.
 */
export function errorResponse(error: unknown, options: { request?: Request; headers?: Record<string, string> } = {}): Response {
  const { request } = options;
  const context = request ? { method: request.method, path: new URL(request.url).pathname } : {};
  const appError = toAppError(error, context, requestIdOf(request));
  const headers = new Headers(options.headers);
  headers.set("content-type", "application/json");
  if (appError.retryAfterSeconds !== undefined) headers.set("retry-after", String(appError.retryAfterSeconds));
  if (appError.requestId) headers.set("x-request-id", appError.requestId);
  return new Response(JSON.stringify(appError.body()), { status: appError.status, headers });
}

/** Wraps a hand-written route handler (one that does not go through apiRoute) so that what it throws goes through errorResponse. */
export function withErrorResponses<C>(
  handler: (request: Request, context: C) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, { request });
    }
  };
}
