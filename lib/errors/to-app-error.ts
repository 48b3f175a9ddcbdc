import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isDatabaseUnavailableError } from "../db/database-outage";
import { createLogger, type Logger } from "../server/logger";
import { AppError, validationError, zodIssuesByField } from "./app-error";

let logger: Logger | undefined;
const log = () => (logger ??= createLogger("errors"));

/** What a client sees of an error nobody planned for; the details are in the log under the request id. */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on the server; it has been logged";

/**
 * The policy for an error nobody planned for: logged once, at error level, with the request id and
 * `context` (never the input, which may hold a password); answered with a generic `internal` error
 * that quotes the id.
 */
export function reportUnexpectedError(error: unknown, context: Record<string, unknown> = {}, requestId: string = randomUUID()): AppError {
  log().error({ ...context, requestId, err: error }, "unexpected error");
  return new AppError("internal", `${INTERNAL_ERROR_MESSAGE} (request id ${requestId}).`, { requestId });
}

/**
 * Any thrown value → the AppError a client may see: AppError as it is, a ZodError as a 400 with a
 * message per field, an unreachable database as 503 (retry in 5 s), anything else through
 * reportUnexpectedError.
 */
export function toAppError(error: unknown, context: Record<string, unknown> = {}, requestId?: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return validationError(zodIssuesByField(error));
  if (isDatabaseUnavailableError(error)) {
    return new AppError("unavailable", "The database is unavailable; try again shortly.", { retryAfterSeconds: 5, cause: error });
  }
  return reportUnexpectedError(error, context, requestId);
}
