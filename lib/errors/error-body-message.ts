// Client-safe (no zod: ADR 0011 keeps it out of client bundles): reads the one error body.
import type { ErrorBody } from "./app-error";

/** The message of an error body a route sent (`{message, code, errors?}`), details appended; null when it is not one. */
export function errorBodyMessage(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const { message, errors } = body as { [K in keyof ErrorBody]?: unknown };
  if (typeof message !== "string") return null;
  const details = typeof errors === "object" && errors !== null ? Object.values(errors).filter((v) => typeof v === "string") : [];
  return details.length ? `${message}: ${details.join("; ")}` : message;
}
