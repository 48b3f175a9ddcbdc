import { describe, expect, it } from "vitest";
import { dateToMjd, formatMjdUtc, jdToMjd, mjdToDate } from "./mjd";

describe("MJD conversions", () => {
  it("maps the MJD and JD epochs", () => {
    expect(mjdToDate(40587).toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(mjdToDate(51544.5).toISOString()).toBe("2000-01-01T12:00:00.000Z"); // J2000.0
    expect(jdToMjd(2451545.0)).toBe(51544.5);
  });
  it("round-trips a date", () => {
    const date = new Date("2018-11-29T06:02:44.000Z");
    expect(mjdToDate(dateToMjd(date)).getTime()).toBeCloseTo(date.getTime(), -1);
  });
  it("formats a ZTF alert time in UTC", () => {
    // jd 2458451.752 (the 2018-11-29 sample night) = MJD 58451.252
    expect(formatMjdUtc(jdToMjd(2458451.752))).toBe("2018-11-29 06:02:52 UTC");
  });
});
