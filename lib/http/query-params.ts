// Query-string values as ALeRCE's flask-restx parsers read them: a repeated key is a list
// (`ndet=2&ndet=10`), a scalar argument given twice takes its first value, numbers and booleans
// arrive as text. These zod building blocks accept either text (HTTP) or typed values (server
// components calling the query functions directly).
import { z } from "zod";

export type RawParams = Record<string, string | string[]>;

/** URLSearchParams → { key: value | [values] } (repeated keys become arrays, in order). */
export function searchParamsToRecord(params: URLSearchParams): RawParams {
  const out: RawParams = {};
  for (const [key, value] of params) {
    const previous = out[key];
    if (previous === undefined) out[key] = value;
    else out[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
const blankToUndefined = (value: unknown): unknown => (typeof value === "string" && value.trim() === "" ? undefined : value);

function toNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  // Number("") = 0 and Number("0x10") = 16: only plain decimal notation is a number here.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return value;
  return Number(text);
}

/** A scalar float argument ("1.5", 1.5). */
export const floatParam = () =>
  z.preprocess((v) => toNumber(blankToUndefined(first(v))), z.number({ error: "expected a number" }).finite());

/** A scalar integer argument ("3", 3). */
export const intParam = () =>
  z.preprocess(
    (v) => toNumber(blankToUndefined(first(v))),
    z.number({ error: "expected an integer" }).int({ error: "expected an integer" }),
  );

/** Text PostgreSQL can hold (no NUL characters). */
export const hasNoNul = (text: string): boolean => !text.includes("\u0000");

/** A scalar string argument. */
export const stringParam = () =>
  z.preprocess((v) => blankToUndefined(first(v)), z.string().refine(hasNoNul, { error: "must not contain NUL characters" }));

const TRUE = new Set(["yes", "true", "t", "y", "1"]);
const FALSE = new Set(["no", "false", "f", "n", "0"]);

/** ALeRCE's str2bool: yes/true/t/y/1 and no/false/f/n/0, any case. */
export const boolParam = () =>
  z.preprocess(
    (v) => {
      const value = blankToUndefined(first(v));
      if (typeof value !== "string") return value;
      const lower = value.toLowerCase();
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      return value;
    },
    z.boolean({ error: "Boolean value expected." }),
  );

/** A repeatable argument (`key=a&key=b`), given as one value or a list. */
export function listParam<T extends z.ZodType>(item: T, maxItems: number) {
  return z.preprocess(
    (v) => {
      if (v === undefined || v === null) return undefined;
      const list = (Array.isArray(v) ? v : [v]).map(blankToUndefined).filter((x) => x !== undefined);
      return list.length === 0 ? undefined : list;
    },
    z
      .array(item)
      .min(1)
      .max(maxItems, { error: `at most ${maxItems} values` }),
  );
}

/** Number list items, coerced from text. */
export const floatItem = () => z.preprocess(toNumber, z.number({ error: "expected a number" }).finite());
export const intItem = () => z.preprocess(toNumber, z.number({ error: "expected an integer" }).int({ error: "expected an integer" }));
