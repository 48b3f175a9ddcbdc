import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "../alerts/read-alert-file";
import { readFitsImage } from "../fits/read-fits-image";
import type { StampImage } from "./preprocess-stamps";
import { crc32, renderStampPng, stampDisplayLimits, zscaleLimits } from "./render-stamp-png";

const FIXTURES = path.resolve(import.meta.dirname, "__fixtures__");
const readStamp = (name: string) => readFitsImage(fs.readFileSync(path.join(FIXTURES, name)));

/** Minimal independent PNG reader: 8-bit grayscale, non-interlaced, filter type 0 only. */
function decodePng(png: Buffer): { width: number; height: number; rows: number[][] } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString("latin1");
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(zlib.crc32(png.subarray(offset + 4, offset + 8 + length)));
    types.push(type);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 0, 0, 0, 0]);
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  expect(types[0]).toBe("IHDR");
  expect(types.at(-1)).toBe("IEND");
  const raw = zlib.inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width + 1) * height);
  const rows: number[][] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width + 1)]).toBe(0);
    rows.push([...raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1))]);
  }
  return { width, height, rows };
}

describe("crc32", () => {
  it("matches the standard check value and Node's zlib.crc32", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    const bytes = fs.readFileSync(path.join(FIXTURES, "ztf_science.fits.gz"));
    expect(crc32(bytes)).toBe(zlib.crc32(bytes));
  });
});

describe("renderStampPng", () => {
  // 4x3 image, value = 10 * y + x: min at FITS (0, 0), max at (3, 2)
  const small: StampImage = { width: 4, height: 3, data: Float32Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4)) };

  it("linear stretch maps min to 0 and max to 255, with FITS row 0 as the last PNG row", () => {
    const png = decodePng(renderStampPng(small, { stretch: "linear" }));
    expect([png.width, png.height]).toEqual([4, 3]);
    expect(png.rows[2]?.[0]).toBe(0); // FITS (0, 0): bottom-left
    expect(png.rows[0]?.[3]).toBe(255); // FITS (3, 2): top-right
    expect(png.rows[1]?.[1]).toBe(Math.round((11 / 23) * 255)); // FITS (1, 1)
    expect(png.rows[2]).toEqual([0, 1, 2, 3].map((x) => Math.round((x / 23) * 255)));
  });

  it("inverts, draws NaN in the neutral gray and upscales by whole pixels", () => {
    const data = Float32Array.from(small.data);
    data[0] = Number.NaN;
    const png = decodePng(renderStampPng({ ...small, data }, { stretch: "linear", invert: true, scale: 3 }));
    expect([png.width, png.height]).toEqual([12, 9]);
    // FITS (0, 0) is NaN: the bottom-left 3x3 block is 128
    for (const row of png.rows.slice(6)) expect(row.slice(0, 3)).toEqual([128, 128, 128]);
    // FITS (1, 0) is now the minimum -> inverted to 255; FITS (3, 2) the maximum -> 0
    expect(png.rows[8]?.slice(3, 6)).toEqual([255, 255, 255]);
    expect(png.rows[0]?.slice(9, 12)).toEqual([0, 0, 0]);
    expect(() => renderStampPng(small, { stretch: "linear", scale: 1.5 })).toThrow(/scale/);
  });

  it("renders real ZTF stamps with every stretch", () => {
    const image = readStamp("ztf_science.fits.gz");
    for (const stretch of ["zscale", "asinh", "linear"] as const) {
      const png = decodePng(renderStampPng(image, { stretch, scale: 4 }));
      expect([png.width, png.height]).toEqual([252, 252]);
      const levels = png.rows.flat();
      expect(Math.min(...levels)).toBe(0);
      expect(Math.max(...levels)).toBe(255);
      // top-left 4x4 block shows FITS pixel (0, 62)
      const limits = stampDisplayLimits(image.data, stretch);
      const value = image.data[62 * 63] as number;
      const t = Math.min(1, Math.max(0, (value - limits.low) / (limits.high - limits.low)));
      const expected = stretch === "asinh" ? Math.asinh(t / 0.1) / Math.asinh(10) : t;
      expect(png.rows[0]?.[0]).toBe(Math.round(expected * 255));
      expect(png.rows[3]?.[3]).toBe(png.rows[0]?.[0]);
    }
    // an edge stamp with NaN off the CCD
    const { alerts } = readAlertFile(
      fs.readFileSync(path.join(ALERT_FIXTURES_DIR, "samples/ztf-avro-alert/v3.0_472263571115115014.avro")),
      "edge",
    );
    const edge = readFitsImage(alerts[0]?.alert.cutouts.science?.stampData ?? Buffer.alloc(0));
    const png = decodePng(renderStampPng(edge, { stretch: "zscale", nanGray: 77 }));
    expect([png.width, png.height]).toEqual([53, 63]);
    const nanCount = edge.data.filter((v) => Number.isNaN(v)).length;
    expect(png.rows.flat().filter((v) => v === 77).length).toBeGreaterThanOrEqual(nanCount);
  });
});

describe("zscaleLimits", () => {
  it("on real stamps lies within the data range and inside the outliers", () => {
    for (const name of ["ztf_science.fits.gz", "ztf_template.fits.gz", "ztf_difference.fits.gz", "atlas_science_61x61.fits.gz"]) {
      const { data } = readStamp(name);
      const finite = Array.from(data)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      const min = finite[0] as number;
      const max = finite.at(-1) as number;
      const { low, high } = zscaleLimits(data);
      expect(low).toBeGreaterThanOrEqual(min);
      expect(high).toBeLessThanOrEqual(max);
      expect(high).toBeGreaterThan(low);
      // The median (sky) is inside the limits.
      const median = finite[Math.floor(finite.length / 2)] as number;
      expect(low).toBeLessThan(median);
      expect(high).toBeGreaterThan(median);
      // The brightest pixels (source cores, the max) saturate: zscale stops below them.
      expect(high).toBeLessThan(max);
    }
  });

  it("ignores a hot pixel and NaN", () => {
    const { data } = readStamp("ztf_difference.fits.gz");
    const before = zscaleLimits(data);
    const hot = Float32Array.from(data);
    // 3969 pixels -> stride 4: indices 100 and 200 are both in the zscale sample.
    hot[100] = 1e6;
    hot[200] = Number.NaN;
    const after = zscaleLimits(hot);
    expect(after.high).toBeLessThan(1000);
    expect(Math.abs(after.high - before.high)).toBeLessThan(0.1 * (before.high - before.low));
    expect(Math.abs(after.low - before.low)).toBeLessThan(0.1 * (before.high - before.low));
  });

  it("is tight for pure noise: about ±(n/2)·σ·√(2π)/n/contrast around the median, clipped to the range", () => {
    // Deterministic Gaussian noise (Box-Muller on a fixed LCG), σ = 10 around 100.
    let seed = 12345;
    const uniform = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed + 0.5) / 2 ** 31;
    };
    const values = Array.from(
      { length: 63 * 63 },
      () => 100 + 10 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
    );
    const { low, high } = zscaleLimits(values);
    // The sorted sample's central slope is σ·√(2π)/n per rank, so the half-width is σ·√(2π)/2/0.25 ≈ 50.
    expect(100 - low).toBeGreaterThan(25);
    expect(high - 100).toBeGreaterThan(25);
    expect(100 - low).toBeLessThan(70);
    expect(high - 100).toBeLessThan(70);
  });

  it("handles degenerate inputs", () => {
    expect(zscaleLimits([])).toEqual({ low: Number.NaN, high: Number.NaN });
    expect(zscaleLimits([3, 3, 3, 3, 3, 3])).toEqual({ low: 3, high: 3 });
    expect(decodePng(renderStampPng({ width: 2, height: 1, data: Float32Array.from([3, 3]) }, { stretch: "zscale" })).rows).toEqual([
      [0, 0],
    ]);
    expect(
      decodePng(renderStampPng({ width: 2, height: 1, data: Float32Array.from([Number.NaN, Number.NaN]) }, { stretch: "asinh" })).rows,
    ).toEqual([[128, 128]]);
  });
});
