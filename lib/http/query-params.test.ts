import { describe, expect, it } from "vitest";
import { z } from "zod";
import { stringifyApiJson } from "../api/api-json";
import { boolParam, floatParam, intParam, listParam, intItem, searchParamsToRecord } from "./query-params";

describe("query parameters as ALeRCE's parsers read them", () => {
  it("repeated keys become lists; scalars take the first value", () => {
    const raw = searchParamsToRecord(new URLSearchParams("ndet=2&ndet=10&page=3&page=4&class=SN"));
    expect(raw).toEqual({ ndet: ["2", "10"], page: ["3", "4"], class: "SN" });
    const schema = z.object({ ndet: listParam(intItem(), 2).optional(), page: intParam().default(1) });
    expect(schema.parse(raw)).toEqual({ ndet: [2, 10], page: 3 });
  });

  it("numbers only in decimal notation; booleans as str2bool", () => {
    expect(floatParam().safeParse("1e3").data).toBe(1000);
    for (const bad of ["0x10", "1,5", "abc", "Infinity", "NaN", "1e400"]) expect(floatParam().safeParse(bad).success, bad).toBe(false);
    expect(intParam().safeParse("1.5").success).toBe(false);
    for (const t of ["yes", "TRUE", "t", "Y", "1"]) expect(boolParam().parse(t)).toBe(true);
    for (const f of ["no", "False", "f", "n", "0"]) expect(boolParam().parse(f)).toBe(false);
    expect(boolParam().safeParse("maybe").success).toBe(false);
  });
});

describe("API JSON", () => {
  it("writes bigints as exact integer literals and non-finite numbers as null", () => {
    expect(stringifyApiJson({ a: 1127561441415015040n, b: Number.NaN, c: [Infinity, "x"] })).toBe(
      '{"a":1127561441415015040,"b":null,"c":[null,"x"]}',
    );
  });
});
