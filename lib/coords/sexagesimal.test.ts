import { describe, expect, it } from "vitest";
import { formatDecDms, formatRaHms, parseDecDeg, parseRaDeg } from "./sexagesimal";

describe("formatRaHms", () => {
  it("formats known positions", () => {
    // M31: RA 10.684708 deg = 00h42m44.33s
    expect(formatRaHms(10.684708)).toBe("00:42:44.33");
    expect(formatRaHms(0)).toBe("00:00:00.00");
    expect(formatRaHms(180)).toBe("12:00:00.00");
  });
  it("carries rounding into minutes and hours instead of printing 60 s", () => {
    expect(formatRaHms(359.99999999)).toBe("00:00:00.00");
    expect(formatRaHms(15 * (59 / 60 + 59.9999 / 3600))).toBe("01:00:00.00");
  });
  it("rejects non-finite input", () => {
    expect(() => formatRaHms(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatDecDms", () => {
  it("formats signs and known positions", () => {
    // M31: Dec +41.269065 = +41d16m08.6s
    expect(formatDecDms(41.269065)).toBe("+41:16:08.6");
    expect(formatDecDms(-0.5)).toBe("-00:30:00.0");
    expect(formatDecDms(-90)).toBe("-90:00:00.0");
  });
  it("rejects declinations outside [-90, 90]", () => {
    expect(() => formatDecDms(91)).toThrow(RangeError);
  });
});

describe("parseRaDeg / parseDecDeg", () => {
  it("reads decimal degrees", () => {
    expect(parseRaDeg("10.684708")).toBeCloseTo(10.684708, 9);
    expect(parseRaDeg(" 359.5° ")).toBe(359.5);
    expect(parseDecDeg("-0.5")).toBe(-0.5);
    expect(parseDecDeg("+41.269065d")).toBeCloseTo(41.269065, 9);
  });
  it("reads sexagesimal in the usual spellings and round-trips the formatter", () => {
    for (const ra of ["00:42:44.33", "00 42 44.33", "0h42m44.33s"]) expect(parseRaDeg(ra)).toBeCloseTo(10.684708, 4);
    for (const dec of ["+41:16:08.6", "41 16 08.6", "+41d16m08.6s", "41°16′08.6″"]) expect(parseDecDeg(dec)).toBeCloseTo(41.269065, 4);
    expect(parseDecDeg("-00:30:00")).toBe(-0.5);
    expect(parseDecDeg("-0 30")).toBe(-0.5);
    for (const deg of [0, 1.23456, 123.4567, 359.99]) expect(formatRaHms(parseRaDeg(formatRaHms(deg, 3)))).toBe(formatRaHms(deg));
    for (const deg of [-89.5, -1.2345, 0.001, 45.6789]) expect(formatDecDms(parseDecDeg(formatDecDms(deg, 2)))).toBe(formatDecDms(deg));
  });
  it("rejects what is out of range or unreadable with a message", () => {
    expect(() => parseRaDeg("400")).toThrow(/RA must be within \[0, 360\)/);
    expect(() => parseRaDeg("24:00:00")).toThrow(/below 24/);
    expect(() => parseRaDeg("-10")).toThrow(RangeError);
    expect(() => parseRaDeg("12:61:00")).toThrow(/below 60/);
    expect(() => parseRaDeg("abc")).toThrow(/cannot read/);
    expect(() => parseRaDeg("")).toThrow(/empty/);
    expect(() => parseDecDeg("91")).toThrow(/Dec must be within/);
    expect(() => parseDecDeg("-90:00:01")).toThrow(/Dec must be within/);
    expect(() => parseDecDeg("12.5:30")).toThrow(/last part/);
  });
});
