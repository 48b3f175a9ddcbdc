// The one error type of the app: routes, the public API and server actions throw AppError with a
// code from a closed set; one map turns the code into an HTTP status, and one body shape carries it
// to clients. Pure (zod only); client components read error bodies with ./error-body-message.ts
// instead, which keeps zod out of their bundles (ADR 0011).
import { z } from "zod";

export const APP_ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "internal",
  "bad_gateway",
  "unavailable",
  "timeout",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** The one code → HTTP status map (routes answer with it; actions return the code itself). */
export const HTTP_STATUS_BY_CODE = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
  /** An upstream service (TNS) refused or failed. */
  bad_gateway: 502,
  /** The database is down, or a feature is switched off on this server. */
  unavailable: 503,
  /** An upstream service did not answer in time. */
  timeout: 504,
} as const satisfies Record<AppErrorCode, number>;

/** ALeRCE's message for a 400 with per-parameter details (flask-restx); its clients read `errors`. */
export const VALIDATION_MESSAGE = "Input payload validation failed";

/**
 * The one JSON error body: ALeRCE's `{message}` (v1 API contract) plus our `code`; `errors` holds a
 * message per invalid field or query parameter (ALeRCE's 400 shape, also the forms' field errors).
 */
export const errorBodySchema = z
  .object({
    message: z.string().describe("What went wrong, for people"),
    code: z.enum(APP_ERROR_CODES).describe("What went wrong, for programs"),
    errors: z.record(z.string(), z.string()).optional().describe("Message per invalid parameter or field"),
  })
  .strict();
export type ErrorBody = z.infer<typeof errorBodySchema>;

export interface AppErrorOptions {
  /** Per field or query parameter (400s). */
  errors?: Record<string, string>;
  /** When the client may try again (429, 503): becomes a Retry-After header. */
  retryAfterSeconds?: number;
  /** The log line of an unexpected error carries the same id (500s). */
  requestId?: string;
  cause?: unknown;
}

/** An error whose message is meant for the client as it is; anything else is logged and masked as `internal`. */
export class AppError extends Error {
  readonly errors?: Record<string, string>;
  readonly retryAfterSeconds?: number;
  readonly requestId?: string;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.requestId = options.requestId;
  }

  get status(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }

  body(): ErrorBody {
    // `errors` first, as ALeRCE (flask-restx) writes its 400s.
    return this.errors ? { errors: this.errors, message: this.message, code: this.code } : { message: this.message, code: this.code };
  }
}

export const notFound = (message = "Object not found") => new AppError("not_found", message);

/** A 400 in ALeRCE's shape: `{errors: {field: message}, message: "Input payload validation failed"}`. */
export function validationError(errors: Record<string, string>): AppError {
  return new AppError("bad_request", VALIDATION_MESSAGE, { errors });
}

/**
 * zod issues → `{ field: "message; message" }` keyed by the first path element (the query
 * parameter or form field); issues about the whole input go under `rootKey`.
 */
export function zodIssuesByField(error: z.ZodError, rootKey = "query"): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : rootKey;
    const message = issue.message.replace(/^Invalid input: /, "");
    errors[key] = errors[key] ? `${errors[key]}; ${message}` : message;
  }
  return errors;
}

/** Parses query/path parameters, throwing a 400 AppError in ALeRCE's shape. */
export function parseParams<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(zodIssuesByField(parsed.error));
  return parsed.data;
}
