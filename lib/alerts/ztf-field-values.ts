import { z } from "zod";
import type { ZtfFieldKind } from "./ztf-field-kinds";

/**
 * Values ZTF writes for "no value" in float fields: -999 in candidate / prv_candidate (e.g.
 * ssdistnr, sgscore1, magnr when there is no such neighbour), -99999 in forced photometry.
 */
export const ZTF_NULL_FLOAT_SENTINELS: ReadonlySet<number> = new Set([-999, -99999]);

const ISDIFFPOS_SIGNS: Readonly<Record<string, 1 | -1>> = { t: 1, "1": 1, true: 1, f: -1, "0": -1, false: -1 };

export function isdiffposSign(isdiffpos: string | null | undefined): 1 | -1 | null {
  if (isdiffpos === null || isdiffpos === undefined) return null;
  return ISDIFFPOS_SIGNS[isdiffpos.toLowerCase()] ?? null;
}

type Ctx = z.core.$RefinementCtx;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === "number" || typeof value === "bigint") return `${typeof value} ${String(value)}`;
  return Array.isArray(value) ? "an array" : typeof value;
}

function fail(ctx: Ctx, value: unknown, expected: string): never {
  ctx.addIssue({ code: "custom", message: `expected ${expected}, got ${describe(value)}`, input: value });
  return z.NEVER;
}

function toId(value: unknown, ctx: Ctx): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  return fail(ctx, value, "a 64-bit integer id");
}

function toInt(value: unknown, ctx: Ctx): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "bigint" && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER))
    return Number(value);
  return fail(ctx, value, "an integer");
}

function toFloat(value: unknown, ctx: Ctx): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === "bigint" ? Number(value) : value;
  if (typeof n !== "number") return fail(ctx, value, "a number");
  return Number.isFinite(n) && !ZTF_NULL_FLOAT_SENTINELS.has(n) ? n : null;
}

function toStr(value: unknown, ctx: Ctx): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") return fail(ctx, value, "a string");
  return value === "null" ? null : value;
}

function toIsdiffpos(value: unknown, ctx: Ctx): string | null {
  const s = toStr(value, ctx);
  if (s !== null && isdiffposSign(s) === null) return fail(ctx, value, "isdiffpos 't', 'f', '1' or '0'");
  return s;
}

const converters: Readonly<Record<ZtfFieldKind, (value: unknown, ctx: Ctx) => unknown>> = {
  id: toId,
  int: toInt,
  float: toFloat,
  string: toStr,
  isdiffpos: toIsdiffpos,
};

/**
 * The conversion the zod shape of `optionalFieldsShape(kinds)` (+ `required`) performs, without
 * zod's per-field machinery: ~10× faster on alerts with long prv_candidates histories, where it
 * dominated ingestion. Returns null when a field fails or a required field is missing; the caller
 * then runs the zod schema, which produces the error message.
 */
export function convertFieldsFast(
  record: Record<string, unknown>,
  kinds: Readonly<Record<string, ZtfFieldKind>>,
  required: Readonly<Record<string, ZtfFieldKind>>,
): Record<string, unknown> | null {
  let failed = false;
  const ctx = { addIssue: () => (failed = true) } as unknown as Ctx;
  const out: Record<string, unknown> = { ...record };
  for (const name in kinds) {
    if (!(name in record)) continue;
    out[name] = converters[kinds[name]!](record[name], ctx);
    if (failed) return null;
  }
  for (const name in required) {
    const value = converters[required[name]!](record[name], ctx);
    if (failed || value === null || value === undefined) return null;
    out[name] = value;
  }
  return out;
}

const nullableSchemas = {
  id: z.unknown().transform(toId),
  int: z.unknown().transform(toInt),
  float: z.unknown().transform(toFloat),
  string: z.unknown().transform(toStr),
  isdiffpos: z.unknown().transform(toIsdiffpos),
};

type NullableSchemas = typeof nullableSchemas;
type OptionalNullable<K extends ZtfFieldKind> = z.ZodOptional<NullableSchemas[K]>;

/** One optional, nullable zod field per entry of a field-kind table. */
export function optionalFieldsShape<T extends Record<string, ZtfFieldKind>>(kinds: T): { [K in keyof T]: OptionalNullable<T[K]> } {
  const shape: Record<string, OptionalNullable<ZtfFieldKind>> = {};
  for (const [name, kind] of Object.entries(kinds)) shape[name] = nullableSchemas[kind].optional();
  return shape as { [K in keyof T]: OptionalNullable<T[K]> };
}

function required<T>(convert: (value: unknown, ctx: Ctx) => T | null, expected: string) {
  return z.unknown().transform((value, ctx): T => {
    const converted = convert(value, ctx);
    if (converted === null) return fail(ctx, value, expected);
    return converted;
  });
}

export const requiredId = required(toId, "a 64-bit integer id");
export const requiredInt = required(toInt, "an integer");
export const requiredFloat = required(toFloat, "a number (not null / NaN / a -999 sentinel)");
