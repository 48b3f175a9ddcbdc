import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { stampTensor } from "../stamps/preprocess-stamps";
import { decodeAlertFile } from "./decode-alert-file";

describe("decodeAlertFile with stampTensors", () => {
  it("builds the same stamp tensor the classifier step would, and null without FITS cutouts", () => {
    const fixtures = loadAlertFixtures();
    const withStamps = fixtures.find((f) => f.fixturePath.startsWith("night-2018-11-29/"))!;
    const withoutStamps = fixtures.find((f) => f.fixturePath.startsWith("samples/ampel_ZTF18abxhyqv_nocutouts/"))!;
    const jpegStamps = fixtures.find((f) => f.fixturePath.startsWith("samples/ampel_ipac_2016-09-01/"))!;

    const decode = (path: string, stampTensors: boolean) =>
      decodeAlertFile({ name: path, bytes: fs.readFileSync(path) }, { stampTensors }).rows[0]!;
    const row = decode(withStamps.absolutePath, true);
    const kind = (k: string) => ({ stampData: row.cutouts.find((c) => c.kind === k)!.stamp_data });
    expect(row.stampTensor).toBeInstanceOf(Float32Array);
    expect(Array.from(row.stampTensor!)).toEqual(
      Array.from(stampTensor({ science: kind("science"), template: kind("template"), difference: kind("difference") })),
    );

    expect(decode(withoutStamps.absolutePath, true).stampTensor).toBeNull();
    expect(decode(jpegStamps.absolutePath, true).stampTensor).toBeNull();
    expect(decode(withStamps.absolutePath, false).stampTensor).toBeUndefined();
  });
});
