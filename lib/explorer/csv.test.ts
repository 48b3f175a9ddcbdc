import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "./csv";

describe("toCsv", () => {
  it("writes a header and rows, quoting only what needs it, bigints exactly", () => {
    const csv = toCsv(
      ["candid", "mjd", "note", "flag", "missing"],
      [
        { candid: 1234567890123456789n, mjd: 58451.123456, note: 'a "quoted", text', flag: true, missing: null },
        { candid: 1n, mjd: Number.NaN, note: "line\nbreak", flag: false, missing: undefined },
      ],
    );
    expect(csv).toBe(
      'candid,mjd,note,flag,missing\r\n1234567890123456789,58451.123456,"a ""quoted"", text",true,\r\n1,,"line\nbreak",false,\r\n',
    );
  });
  it("round-trips through parseCsv", () => {
    const rows = [{ a: 'x,"y"', b: "line\r\nbreak", c: 3.5 }];
    expect(parseCsv(toCsv(["a", "b", "c"], rows))).toEqual([
      ["a", "b", "c"],
      ['x,"y"', "line\r\nbreak", "3.5"],
    ]);
  });
});
