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
