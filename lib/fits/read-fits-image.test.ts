import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR, loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "../alerts/read-alert-file";
import { ZTF_CUTOUT_KINDS } from "../alerts/ztf-cutouts";
import { FitsError, readFitsImage, readFitsWindow, unzipFitsBytes } from "./read-fits-image";

const STAMP_FIXTURES = path.resolve(import.meta.dirname, "../stamps/__fixtures__");

function cutoutsOf(fixturePath: string) {
  const { alerts, rejected } = readAlertFile(fs.readFileSync(path.join(ALERT_FIXTURES_DIR, fixturePath)), fixturePath);
  expect(rejected).toEqual([]);
  const alert = alerts[0];
  if (!alert) throw new Error(`${fixturePath}: no alert`);
  return alert.alert.cutouts;
}

/**
 * Independent decoding, sharing no code with the module: gunzip, read NAXIS1/NAXIS2 from the header
 * text, find the END card, read big-endian float32 from the next 2880-byte boundary.
 */
function independentDecode(stampData: Uint8Array): { width: number; height: number; bitpix: number; values: number[] } {
  const raw = zlib.gunzipSync(stampData);
  const text = raw.toString("latin1");
  let endCard = 0;
  while (text.slice(endCard * 80, endCard * 80 + 8) !== "END     ") endCard += 1;
  const dataStart = Math.ceil(((endCard + 1) * 80) / 2880) * 2880;
  const header = text.slice(0, dataStart);
  const number = (keyword: string) =>
    Number(/=\s*(-?\d+)/.exec(header.slice(header.indexOf(keyword.padEnd(8)), header.indexOf(keyword.padEnd(8)) + 80))?.[1]);
  const width = number("NAXIS1");
  const height = number("NAXIS2");
  const bitpix = number("BITPIX");
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const values: number[] = [];
  for (let i = 0; i < width * height; i++) values.push(view.getFloat32(dataStart + 4 * i, false));
  return { width, height, bitpix, values };
}

// Different schema versions and producers; the last three are CCD-edge stamps (smaller, with NaN).
const REAL_ALERTS = [
  { fixturePath: "night-2018-11-29/697251920015010010.avro", width: 63, height: 63, nan: 0 },
  { fixturePath: "samples/kowalski_2023-10-12/2475433850315015009.avro", width: 63, height: 63, nan: 0 },
  { fixturePath: "samples/fink-broker_spark-rewritten_v4.02/2481127322815015000.avro", width: 63, height: 63, nan: 0 },
  { fixturePath: "samples/ztf-avro-alert/v3.0_472263571115115014.avro", width: 53, height: 63, nan: 419 },
  { fixturePath: "night-2018-11-29/697252382115010005.avro", width: 44, height: 63, nan: 609 },
  { fixturePath: "samples/ztf-avro-alert/vpre2.0_396522680015040001.avro", width: 63, height: 41, nan: 160 },
] as const;

describe("readFitsImage on real ZTF cutouts", () => {
  const manifest = new Map(loadAlertFixtures().map((fixture) => [fixture.fixturePath, fixture]));

  for (const expected of REAL_ALERTS) {
    it(`decodes the three cutouts of ${expected.fixturePath} exactly`, () => {
      const cutouts = cutoutsOf(expected.fixturePath);
      const manifestRow = manifest.get(expected.fixturePath);
      ZTF_CUTOUT_KINDS.forEach((kind, k) => {
        const cutout = cutouts[kind];
        if (!cutout) throw new Error(`${kind} cutout missing`);
        expect(cutout.stampData.length).toBe(manifestRow?.cutoutBytes?.[k]);
        expect([...cutout.stampData.subarray(0, 3)]).toEqual([0x1f, 0x8b, 0x08]);

        const image = readFitsImage(cutout.stampData);
        const reference = independentDecode(cutout.stampData);
        expect([image.width, image.height]).toEqual([expected.width, expected.height]);
        expect([reference.width, reference.height]).toEqual([expected.width, expected.height]);
        expect(image.header.bitpix).toBe(-32);
        expect(image.header.bitpix).toBe(reference.bitpix);
        expect(image.header.cards).toMatchObject({ SIMPLE: true, BITPIX: -32, NAXIS: 2, NAXIS1: expected.width, NAXIS2: expected.height });
        expect(image.header.headerBytes).toBe(2880);
        expect(image.data).toHaveLength(expected.width * expected.height);

        let maxAbsDiff = 0;
        let nan = 0;
        reference.values.forEach((value, i) => {
          const decoded = image.data[i] as number;
          if (Number.isNaN(value)) {
            nan += 1;
            expect(decoded).toBeNaN();
          } else {
            expect(Number.isFinite(decoded)).toBe(true);
            maxAbsDiff = Math.max(maxAbsDiff, Math.abs(decoded - value));
          }
        });
        expect(maxAbsDiff).toBe(0);
        // NaN marks pixels off the CCD (edge stamps); full stamps here have none.
        expect(nan).toBe(expected.nan);
      });
    });
  }

  it("keeps every header card of a long real header (61x61 ATLAS stamp from the ALeRCE step tests)", () => {
    const image = readFitsImage(fs.readFileSync(path.join(STAMP_FIXTURES, "atlas_science_61x61.fits.gz")));
    expect([image.width, image.height]).toEqual([61, 61]);
    expect(image.header.headerBytes).toBe(13 * 2880);
    expect(image.header.cards).toMatchObject({ SIMPLE: true, EXTEND: true, OBJECT: "SF113S59", BZERO: 0, BSCALE: 1, EXPTIME: 30 });
    expect(image.header.cards["MJD-OBS"]).toBeCloseTo(59988.11877325, 8);
    expect(Object.keys(image.header.cards).length).toBeGreaterThan(100);
    const reference = independentDecode(fs.readFileSync(path.join(STAMP_FIXTURES, "atlas_science_61x61.fits.gz")));
    expect(Array.from(image.data)).toEqual(reference.values);
  });
});

describe("readFitsImage errors", () => {
  const realStamp = (): Buffer => {
    const science = cutoutsOf(REAL_ALERTS[0].fixturePath).science;
    if (!science) throw new Error("no science cutout");
    return science.stampData;
  };
  const fitsError = (run: () => unknown): FitsError => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(FitsError);
      return error as FitsError;
    }
    throw new Error("expected a FitsError");
  };

  it("rejects the JPEG stamps of the 2016 IPAC test alerts with a clear error", () => {
    const dir = path.join(ALERT_FIXTURES_DIR, "samples/ampel_ipac_2016-09-01");
    const files = fs.readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const cutouts = cutoutsOf(path.join("samples/ampel_ipac_2016-09-01", file));
      for (const kind of ZTF_CUTOUT_KINDS) {
        const cutout = cutouts[kind];
        if (!cutout) throw new Error(`${file} ${kind}: no cutout`);
        expect(cutout.fileName).toMatch(/\.jpg$/);
        const error = fitsError(() => readFitsImage(cutout.stampData));
        expect(error.reason).toBe("jpeg");
        expect(error.message).toMatch(/JPEG/);
      }
    }
  });

  it("rejects truncated data, a truncated header and corrupt gzip", () => {
    const raw = zlib.gunzipSync(realStamp());
    const shortData = fitsError(() => readFitsImage(raw.subarray(0, 2880 + 1000)));
    expect(shortData.reason).toBe("truncated");
    expect(shortData.message).toMatch(/15876 bytes.*only 1000/);
    // Same, but gzipped (the usual form) and missing only the last data byte.
    expect(fitsError(() => readFitsImage(zlib.gzipSync(raw.subarray(0, 2880 + 63 * 63 * 4 - 1)))).reason).toBe("truncated");
    // Missing final-block padding is tolerated.
    expect(readFitsImage(raw.subarray(0, 2880 + 63 * 63 * 4)).width).toBe(63);
    const shortHeader = fitsError(() => readFitsImage(raw.subarray(0, 400)));
    expect(shortHeader.reason).toBe("truncated");
    expect(shortHeader.message).toMatch(/no END card/);
    const gzip = realStamp();
    const corrupt = fitsError(() => readFitsImage(gzip.subarray(0, gzip.length >> 1)));
    expect(corrupt.reason).toBe("corrupt_gzip");
    expect(corrupt.message).toMatch(/gzip/);
  });

  it("rejects input that is not FITS", () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from("hello, world"),
      Buffer.from("x".repeat(2880)),
      zlib.gzipSync(Buffer.from("PNG".repeat(1000))),
    ]) {
      const error = fitsError(() => readFitsImage(bytes));
      expect(error.reason).toBe("not_fits");
      expect(error.message).toMatch(/not a FITS file/);
    }
  });

  it("unzipFitsBytes returns the plain FITS file for a download", () => {
    const raw = unzipFitsBytes(realStamp());
    expect(raw.length).toBe(7 * 2880);
    // ZTF writes SIMPLE in free format ("SIMPLE  =  T"), which the reader accepts.
    expect(raw.subarray(0, 12).toString("latin1")).toBe("SIMPLE  =  T");
  });
});

/** A small FITS file built card by card (the writer is independent of the reader). */
function buildFits(cards: string[], data: Uint8Array): Buffer {
  const lines = [...cards, "END"].map((card) => card.padEnd(80, " "));
  const header = Buffer.from(lines.join("").padEnd(Math.ceil((lines.length * 80) / 2880) * 2880, " "), "latin1");
  const padded = Buffer.alloc(Math.ceil(data.length / 2880) * 2880);
  padded.set(data);
  return Buffer.concat([header, padded]);
}
const card = (keyword: string, value: string, comment = "") =>
  `${keyword.padEnd(8)}= ${value.padStart(20)}${comment ? ` / ${comment}` : ""}`;
const imageCards = (bitpix: number, width: number, height: number, extra: string[] = []) => [
  card("SIMPLE", "T"),
  card("BITPIX", String(bitpix)),
  card("NAXIS", "2"),
  card("NAXIS1", String(width)),
  card("NAXIS2", String(height)),
  ...extra,
];

describe("readFitsImage on synthetic images", () => {
  it("reads BITPIX 16 with BSCALE, BZERO and BLANK (BLANK -> NaN)", () => {
    const stored = [-32768, -1, 0, 1, 2, 32767];
    const data = Buffer.alloc(12);
    stored.forEach((v, i) => data.writeInt16BE(v, i * 2));
    const fits = buildFits(imageCards(16, 3, 2, [card("BSCALE", "0.5"), card("BZERO", "32768"), card("BLANK", "-1")]), data);
    const image = readFitsImage(zlib.gzipSync(fits));
    expect([image.width, image.height]).toEqual([3, 2]);
    expect(image.header).toMatchObject({ bitpix: 16, bscale: 0.5, bzero: 32768, blank: -1 });
    expect(Array.from(image.data)).toEqual([16384, Number.NaN, 32768, 32768.5, 32769, 49151.5]);
  });

  it("reads BITPIX 8 (unsigned), 32, 64, -64 big-endian", () => {
    const b8 = readFitsImage(buildFits(imageCards(8, 2, 2), Uint8Array.from([0, 1, 200, 255])));
    expect(Array.from(b8.data)).toEqual([0, 1, 200, 255]);

    const d32 = Buffer.alloc(8);
    d32.writeInt32BE(-123456, 0);
    d32.writeInt32BE(2_000_000, 4);
    expect(Array.from(readFitsImage(buildFits(imageCards(32, 2, 1), d32)).data)).toEqual([-123456, 2_000_000]);

    const d64 = Buffer.alloc(16);
    d64.writeBigInt64BE(-5n, 0);
    d64.writeBigInt64BE(1n << 40n, 8);
    expect(Array.from(readFitsImage(buildFits(imageCards(64, 1, 2, [card("BZERO", "10")]), d64)).data)).toEqual([
      5,
      Math.fround(2 ** 40 + 10),
    ]);

    const f64 = Buffer.alloc(16);
    f64.writeDoubleBE(-1.5, 0);
    f64.writeDoubleBE(Number.NaN, 8);
    const image = readFitsImage(buildFits(imageCards(-64, 2, 1), f64));
    expect(image.data[0]).toBe(-1.5);
    expect(image.data[1]).toBeNaN();
  });

  it("readFitsWindow gives readFitsImage's pixels of the window, NaN outside the image", () => {
    const data = Buffer.alloc(2 * 5 * 4);
    for (let i = 0; i < 20; i++) data.writeInt16BE(i - 3, i * 2);
    const fits = buildFits(imageCards(16, 5, 4, [card("BSCALE", "2"), card("BZERO", "1"), card("BLANK", "-3")]), data);
    const full = readFitsImage(fits);
    for (const [x0, y0, size] of [
      [0, 0, 3],
      [1, 1, 2],
      [-1, -2, 4],
      [3, 2, 4],
      [0, 0, 5],
    ] as const) {
      const window = readFitsWindow(fits, (width, height) => {
        expect([width, height]).toEqual([5, 4]);
        return { x0, y0, size };
      });
      const expected = Array.from({ length: size * size }, (_, i) => {
        const [x, y] = [(i % size) + x0, Math.floor(i / size) + y0];
        return x >= 0 && x < 5 && y >= 0 && y < 4 ? full.data[y * 5 + x] : Number.NaN;
      });
      expect([window.width, window.height]).toEqual([size, size]);
      expect(Array.from(window.data)).toEqual(expected);
    }
    expect(() => readFitsWindow(fits.subarray(0, 2880 + 10), () => ({ x0: 0, y0: 0, size: 1 }))).toThrow(/truncated/);
  });

  it("readFitsWindow inflates a gzipped stamp only as far as its window, still refusing a truncated image", () => {
    const stamp = fs.readFileSync(path.join(STAMP_FIXTURES, "ztf_science.fits.gz"));
    const full = readFitsImage(stamp);
    const centre = (width: number, height: number) => ({ x0: Math.floor(width / 2) - 10, y0: Math.floor(height / 2) - 10, size: 21 });
    const expected = Array.from({ length: 441 }, (_, i) => full.data[(21 + Math.floor(i / 21)) * 63 + 21 + (i % 21)]);
    expect(Array.from(readFitsWindow(stamp, centre).data)).toEqual(expected);
    // Damage near the end of the compressed bytes (past the window's rows): readFitsImage fails on
    // the gzip check, the window is read from the intact part.
    const damaged = Buffer.from(stamp);
    for (let i = damaged.length - 40; i < damaged.length - 8; i++) damaged[i] = damaged[i]! ^ 0x5a;
    expect(() => readFitsImage(damaged)).toThrow(FitsError);
    expect(Array.from(readFitsWindow(damaged, centre).data)).toEqual(expected);
    // A complete gzip of a FITS file cut short: the trailer's size gives it away.
    const cut = zlib.gzipSync(unzipFitsBytes(stamp).subarray(0, 2880 + 40 * 63 * 4));
    expect(() => readFitsWindow(cut, centre)).toThrow(/truncated/);
  });

  it("stores row-major with y = 0 the first row in the file", () => {
    const data = Buffer.alloc(4 * 6);
    for (let i = 0; i < 6; i++) data.writeFloatBE(i * 10, i * 4);
    const image = readFitsImage(buildFits(imageCards(-32, 3, 2), data));
    // pixel (x=2, y=1) is the 6th stored value
    expect(image.data[1 * 3 + 2]).toBe(50);
  });

  it("parses header values: strings with quotes, logicals, D exponents, comments", () => {
    const image = readFitsImage(
      buildFits(
        imageCards(-32, 1, 1, [
          "OBJECT  = 'O''Brien  '           / a name",
          card("EXPTIME", "3.0D+01", "seconds"),
          card("FLAG", "F"),
          "COMMENT   made by a test",
          "HISTORY   second line",
          "NOVALUE =",
        ]),
        Buffer.alloc(4),
      ),
    );
    expect(image.header.cards).toMatchObject({ OBJECT: "O'Brien", EXPTIME: 30, FLAG: false, NOVALUE: "" });
    expect(image.header.comments).toEqual(["  made by a test", "  second line"]);
  });

  it("rejects unsupported BITPIX and NAXIS, and a non-standard SIMPLE", () => {
    const unsupported = (bytes: Buffer) => {
      try {
        readFitsImage(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(FitsError);
        return error as FitsError;
      }
      throw new Error("expected a FitsError");
    };
    const bitpix = unsupported(buildFits(imageCards(24, 1, 1), Buffer.alloc(3)));
    expect(bitpix.reason).toBe("unsupported_bitpix");
    expect(bitpix.message).toMatch(/BITPIX = 24/);
    const cube = unsupported(
      buildFits(
        [card("SIMPLE", "T"), card("BITPIX", "8"), card("NAXIS", "3"), card("NAXIS1", "2"), card("NAXIS2", "2"), card("NAXIS3", "2")],
        Buffer.alloc(8),
      ),
    );
    expect(cube.reason).toBe("unsupported_naxis");
    expect(cube.message).toMatch(/NAXIS = 3/);
    const empty = unsupported(buildFits([card("SIMPLE", "T"), card("BITPIX", "8"), card("NAXIS", "0")], Buffer.alloc(0)));
    expect(empty.reason).toBe("unsupported_naxis");
    expect(unsupported(buildFits([card("SIMPLE", "F"), card("BITPIX", "8"), card("NAXIS", "0")], Buffer.alloc(0))).reason).toBe("not_fits");
    // A degenerate third axis of length 1 is accepted.
    const plane = readFitsImage(
      buildFits(
        [card("SIMPLE", "T"), card("BITPIX", "8"), card("NAXIS", "3"), card("NAXIS1", "2"), card("NAXIS2", "1"), card("NAXIS3", "1")],
        Uint8Array.from([7, 9]),
      ),
    );
    expect(Array.from(plane.data)).toEqual([7, 9]);
  });
});
