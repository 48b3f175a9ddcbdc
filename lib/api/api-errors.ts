// Errors in ALeRCE's shapes (flask-restx): 400 {"errors": {field: message}, "message": "Input
// payload validation failed"}, 404 {"message": ...}; the Python client reads `errors` and raises
// ParseError (400) or ObjectNotFoundError (404).
import { z } from "zod";

export const VALIDATION_MESSAGE = "Input payload validation failed";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  body(): { message: string; errors?: Record<string, string> } {
    return this.errors ? { errors: this.errors, message: this.message } : { message: this.message };
  }
}

export const notFound = (message = "Object not found") => new ApiError(404, message);

export function validationError(errors: Record<string, string>): ApiError {
  return new ApiError(400, VALIDATION_MESSAGE, errors);
}

/** zod issues → { field: "message; message" } keyed by the first path element (the query parameter). */
export function zodErrorToErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "query";
    const message = issue.message.replace(/^Invalid input: /, "");
    errors[key] = errors[key] ? `${errors[key]}; ${message}` : message;
  }
  return errors;
}

/** Parses query/path parameters, throwing a 400 ApiError in ALeRCE's shape. */
export function parseParams<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(zodErrorToErrors(parsed.error));
  return parsed.data;
}
