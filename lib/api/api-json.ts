// JSON bodies of the API. 64-bit integers that ALeRCE sends as JSON numbers (parent_candid, pid)
// are kept exact: a bigint is written as a bare integer literal, which Python's json (the ALeRCE
// client, pandas) reads exactly; JavaScript readers get a rounded number unless they parse it as
// text. NaN and ±Infinity become null, as in ALeRCE's responses.
const MARK = "\u0000bigint:";

export function stringifyApiJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return `${MARK}${v.toString()}`;
    if (typeof v === "number" && !Number.isFinite(v)) return null;
    return v;
  });
  if (text === undefined) return "null";
  return text.includes("\\u0000bigint:") ? text.replace(/"\\u0000bigint:(-?\d+)"/g, "$1") : text;
}

/** A PostgreSQL int8 read as text → a JSON-safe number, or a bigint when beyond 2^53. */
export function int8Value(value: unknown): number | bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "bigint") return value;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : BigInt(String(value));
}
