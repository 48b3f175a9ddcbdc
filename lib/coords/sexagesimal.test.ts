import { describe, expect, it } from "vitest";
import { formatDecDms, formatRaHms } from "./sexagesimal";

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
