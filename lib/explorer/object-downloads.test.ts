import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { Detection } from "../objects/get-object-detections";
import { parseCsv } from "./csv";
import { buildObjectDownload, type ObjectDownloadData } from "./object-downloads";

const detection = (candid: string, mjd: number, fid: number, magpsf: number): Detection => ({
  tid: "ztf",
  mjd,
  candid,
  fid,
  pid: 123n,
  diffmaglim: 20.5,
  isdiffpos: 1,
  nid: 1,
  distnr: 0.3,
  magpsf,
  magpsf_corr: null,
  magpsf_corr_ext: null,
  magap: null,
  magap_corr: null,
  sigmapsf: 0.1,
  sigmapsf_corr: null,
  sigmapsf_corr_ext: null,
  sigmagap: null,
  sigmagap_corr: null,
  ra: 10.5,
  dec: -3.25,
  rb: 0.9,
  rbversion: "t8",
  drb: null,
  magapbig: null,
  sigmagapbig: null,
  rfid: 9_007_199_254_740_993n,
  has_stamp: true,
  corrected: false,
  dubious: false,
  candid_alert: null,
  step_id_corr: "cielo",
  phase: 0,
  parent_candid: null,
});
const data: ObjectDownloadData = {
  oid: "ZTF18abcdefg",
  detections: [detection("1127561441415015002", 58451.5, 1, 18.2), detection("1127561441415015003", 58450.25, 2, 18.9)],
  nonDetections: [{ tid: "ztf", mjd: 58449, fid: 1, diffmaglim: 20.1 }],
  magstats: [],
};

describe("buildObjectDownload", () => {
  it("detections.csv: one row per detection, exact 64-bit ids", () => {
    const { body, contentType, fileName } = buildObjectDownload(data, "detections.csv");
    expect(contentType).toMatch(/^text\/csv/);
    expect(fileName).toBe("ZTF18abcdefg_detections.csv");
    const [header, ...rows] = parseCsv(strFromU8(body));
    expect(rows).toHaveLength(2);
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[col("candid")])).toEqual(["1127561441415015002", "1127561441415015003"]);
    expect(rows[0]![col("rfid")]).toBe("9007199254740993");
    expect(rows[0]![col("band")]).toBe("g");
  });
  it("lightcurve.csv merges detections and upper limits in time order", () => {
    const [, ...rows] = parseCsv(strFromU8(buildObjectDownload(data, "lightcurve.csv").body));
    expect(rows.map((r) => [r[1], r[4]])).toEqual([
      ["58449", "upper_limit"],
      ["58450.25", "detection"],
      ["58451.5", "detection"],
    ]);
  });
  it("all.zip holds the four CSV files, equal to the single downloads", () => {
    const zip = unzipSync(buildObjectDownload(data, "all.zip").body);
    expect(Object.keys(zip).sort()).toEqual([
      "ZTF18abcdefg_detections.csv",
      "ZTF18abcdefg_lightcurve.csv",
      "ZTF18abcdefg_magstats.csv",
      "ZTF18abcdefg_non_detections.csv",
    ]);
    expect(strFromU8(zip["ZTF18abcdefg_detections.csv"]!)).toBe(strFromU8(buildObjectDownload(data, "detections.csv").body));
    expect(parseCsv(strFromU8(zip["ZTF18abcdefg_magstats.csv"]!))).toHaveLength(1);
  });
});
