import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { lsstAlertRows } from "./lsst-alert-rows";
import { cutoutSegments, packLsstCutout, unpackLsstCutout } from "./lsst-cutout-storage";
import { readLsstAlerts } from "./read-lsst-alerts";

const REAL = path.resolve(import.meta.dirname, "../../fixtures/lsst/real");

const realCutouts = () =>
  fs.readdirSync(REAL).flatMap((name) => {
    const decoded = readLsstAlerts(fs.readFileSync(path.join(REAL, name)), name).alerts[0]!;
    return (["science", "template", "difference"] as const).map((kind) => ({ name, kind, decoded, fits: decoded.alert.cutouts[kind]! }));
  });

/** A FITS HDU: header cards padded to 2880 bytes, then `data` padded with zeros. */
function hdu(cards: string[], data: Buffer): Buffer {
  const header = Buffer.from([...cards, "END"].map((c) => c.padEnd(80, " ")).join(""), "latin1");
  const padTo = (b: Buffer, fill: number) => Buffer.concat([b, Buffer.alloc((2880 - (b.length % 2880)) % 2880, fill)]);
  return Buffer.concat([padTo(header, 0x20), padTo(data, 0)]);
}
const card = (key: string, value: string | number) => `${key.padEnd(8, " ")}= ${String(value).padStart(20, " ")} / comment`;

describe("LSST cutout storage", () => {
  it("stores the real cutouts as gzip at about half their size and gives back the received FITS bytes exactly", () => {
    let received = 0;
    let stored = 0;
    const cutouts = realCutouts();
    for (const { name, decoded } of cutouts.filter((c) => c.kind === "science")) {
      const rows = lsstAlertRows(decoded, name, new Date());
      for (const [i, kind] of (["science", "template", "difference"] as const).entries()) {
        const fits = decoded.alert.cutouts[kind]!;
        const packed = rows.cutouts[i]!.fits;
        expect(rows.cutouts[i]!.kind).toBe(kind);
        expect(packed.subarray(0, 2).toString("hex")).toBe("1f8b");
        // Any gunzip reads it: the stream is standard gzip (CRC and size checked by zlib).
        expect(zlib.gunzipSync(packed).equals(fits)).toBe(true);
        expect(unpackLsstCutout(packed).equals(fits)).toBe(true);
        received += fits.length;
        stored += packed.length;
      }
    }
    expect(stored / received).toBeGreaterThan(0.3);
    expect(stored / received).toBeLessThan(0.6);
  });

  it("keeps the float32 pixel arrays (image, UNCERT) as stored blocks and deflates headers, padding and the float64 PSF", () => {
    for (const { fits } of realCutouts()) {
      const segments = cutoutSegments(fits);
      // Three HDUs: header | image | padding + header | UNCERT | padding + header + PSF + padding.
      expect(segments.map((s) => s.deflate)).toEqual([true, false, true, false, true]);
      expect(segments[0]!.start).toBe(0);
      expect(segments.at(-1)!.end).toBe(fits.length);
      for (let i = 1; i < segments.length; i++) expect(segments[i]!.start).toBe(segments[i - 1]!.end);
      const packed = packLsstCutout(fits);
      for (const stored of segments.filter((s) => !s.deflate)) {
        expect(stored.end - stored.start).toBeGreaterThan(3000);
        expect(packed.includes(fits.subarray(stored.start, stored.end))).toBe(true);
      }
    }
  });

  it("round-trips files that are not the expected FITS: empty, plain text, truncated, a pixel array over 64 KiB, data up to the end", () => {
    const image = Buffer.alloc(4 * 200 * 150);
    for (let i = 0; i < image.length; i += 4) image.writeFloatBE(Math.sin(i) * 1000, i);
    const big = hdu([card("SIMPLE", "T"), card("BITPIX", -32), card("NAXIS", 2), card("NAXIS1", 200), card("NAXIS2", 150)], image);
    const exact = Buffer.concat([
      hdu([card("SIMPLE", "T"), card("BITPIX", -32), card("NAXIS", 2), card("NAXIS1", 24), card("NAXIS2", 30)], Buffer.alloc(0)),
      image.subarray(0, 2880),
    ]);
    const real = realCutouts()[0]!.fits;
    const inputs = [
      Buffer.alloc(0),
      Buffer.from("not a FITS file at all"),
      Buffer.from("SIMPLE  =                    T".padEnd(2880, " "), "latin1"),
      real.subarray(0, 5000),
      real.subarray(0, real.length - 1),
      big,
      exact,
      Buffer.concat([big, Buffer.from("trailing bytes")]),
    ];
    expect(
      cutoutSegments(big)
        .filter((s) => !s.deflate)
        .map((s) => s.end - s.start),
    ).toEqual([image.length]);
    expect(cutoutSegments(exact).at(-1)).toEqual({ start: exact.length, end: exact.length, deflate: true });
    for (const fits of inputs) {
      const packed = packLsstCutout(fits);
      expect(zlib.gunzipSync(packed).equals(fits)).toBe(true);
      expect(unpackLsstCutout(packed).equals(fits)).toBe(true);
    }
  });

  it("reads rows stored before: whole-file gzip and, older, plain FITS", () => {
    const fits = realCutouts()[0]!.fits;
    const wholeFileGzip = zlib.gzipSync(fits, { level: 1, strategy: zlib.constants.Z_RLE });
    expect(unpackLsstCutout(wholeFileGzip).equals(fits)).toBe(true);
    const plain = Buffer.from("SIMPLE  =                    T".padEnd(2880, " "), "latin1");
    expect(unpackLsstCutout(plain)).toBe(plain);
  });
});
