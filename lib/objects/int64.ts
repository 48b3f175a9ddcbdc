import { z } from "zod";

/**
 * A 64-bit integer that ALeRCE sends as a JSON number (pid, rfid, parent_candid): a number when
 * it is a safe integer, a bigint beyond 2^53 (written as an exact integer literal by the API's
 * JSON writer). Documented as `integer, int64` in the OpenAPI document.
 */
export const int64Schema = () =>
  z
    .custom<number | bigint>((v) => typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v)), {
      error: "expected an integer",
    })
    .meta({ type: "integer", format: "int64" });

/** A PostgreSQL int8 read as text → a JSON-safe number, or a bigint when beyond 2^53. */
export function int8Value(value: string): number | bigint;
export function int8Value(value: string | null): number | bigint | null;
export function int8Value(value: string | null): number | bigint | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : BigInt(value);
}
