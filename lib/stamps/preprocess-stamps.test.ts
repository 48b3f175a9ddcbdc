import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR, loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "../alerts/read-alert-file";
import { FitsError, readFitsImage } from "../fits/read-fits-image";
import {
  cropCenter,
  isFullSizeStamp,
  normaliseStamp,
  StampPreprocessError,
  stampTensor,
  stampTensorBatch,
  type StampImage,
} from "./preprocess-stamps";

const FIXTURES = path.resolve(import.meta.dirname, "__fixtures__");
const readStamp = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

function alertCutouts(fixturePath: string) {
  const { alerts } = readAlertFile(fs.readFileSync(path.join(ALERT_FIXTURES_DIR, fixturePath)), fixturePath);
  const alert = alerts[0];
  if (!alert) throw new Error(`${fixturePath}: no alert`);
  return alert.alert.cutouts;
}

/** Test-only decoder (gunzip + float32 BE after the one-block header of ZTF stamps). */
function rawPixels(stampData: Uint8Array): { width: number; values: number[] } {
  const raw = zlib.gunzipSync(stampData);
  const header = raw.subarray(0, 2880).toString("latin1");
  const width = Number(/NAXIS1\s*=\s*(\d+)/.exec(header)?.[1]);
  const height = Number(/NAXIS2\s*=\s*(\d+)/.exec(header)?.[1]);
  const values: number[] = [];
  for (let i = 0; i < width * height; i++) values.push(raw.readFloatBE(2880 + 4 * i));
  return { width, values };
}

/** ALeRCE's steps written out longhand for a 63x63 stamp: [21:42, 21:42], minus nanmin, over nanmax, NaN -> 0. */
function alerceChannel(stampData: Uint8Array): number[] {
  const { width, values } = rawPixels(stampData);
  const crop: number[] = [];
  for (let y = 21; y < 42; y++) for (let x = 21; x < 42; x++) crop.push(values[y * width + x] as number);
  const finite = crop.filter((v) => !Number.isNaN(v));
  const min = Math.min(...finite);
  const shiftedMax = Math.max(...finite.map((v) => v - min));
  return crop.map((v) => (Number.isNaN(v) ? 0 : (v - min) / shiftedMax));
}

const ramp = (width: number, height: number): StampImage => {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = y * 1000 + x;
  return { width, height, data };
};

describe("cropCenter", () => {
  it("takes rows and columns 21..41 of a 63x63 stamp, centre to centre", () => {
    const crop = cropCenter(ramp(63, 63));
    expect([crop.width, crop.height]).toEqual([21, 21]);
    expect(crop.data[10 * 21 + 10]).toBe(31 * 1000 + 31);
    expect(crop.data[0]).toBe(21 * 1000 + 21);
    expect(crop.data[20 * 21 + 20]).toBe(41 * 1000 + 41);
    for (let y = 0; y < 21; y++) for (let x = 0; x < 21; x++) expect(crop.data[y * 21 + x]).toBe((y + 21) * 1000 + (x + 21));
  });

  it("crops a real ZTF stamp: the central pixel maps to the central pixel", () => {
    const image = readFitsImage(readStamp("ztf_science.fits.gz"));
    expect(isFullSizeStamp(image)).toBe(true);
    const crop = cropCenter(image);
    expect(crop.data[10 * 21 + 10]).toBe(image.data[31 * 63 + 31]);
    expect(crop.data[3 * 21 + 17]).toBe(image.data[24 * 63 + 38]);
  });

  it("crops a real CCD-edge stamp (44x63) around the stamp centre without padding", () => {
    const image = readFitsImage(alertCutouts("night-2018-11-29/697252382115010005.avro").science?.stampData ?? Buffer.alloc(0));
    expect([image.width, image.height, isFullSizeStamp(image)]).toEqual([44, 63, false]);
    const crop = cropCenter(image);
    // centre (22, 31); window x 12..32, y 21..41
    expect(crop.data[10 * 21 + 10]).toBe(image.data[31 * 44 + 22]);
    expect(crop.data[0]).toBe(image.data[21 * 44 + 12]);
    expect(crop.data[20 * 21 + 20]).toBe(image.data[41 * 44 + 32]);
  });

  it("pads a stamp smaller than the crop with NaN, keeping the stamp centre at the crop centre", () => {
    const crop = cropCenter(ramp(15, 9));
    expect([crop.width, crop.height]).toEqual([21, 21]);
    expect(crop.data[10 * 21 + 10]).toBe(4 * 1000 + 7);
    let nan = 0;
    for (let y = 0; y < 21; y++) {
      for (let x = 0; x < 21; x++) {
        const value = crop.data[y * 21 + x] as number;
        const sx = x - 3;
        const sy = y - 6;
        if (sx >= 0 && sx < 15 && sy >= 0 && sy < 9) expect(value).toBe(sy * 1000 + sx);
        else {
          expect(value).toBeNaN();
          nan += 1;
        }
      }
    }
    expect(nan).toBe(21 * 21 - 15 * 9);
  });

  it("uses floor(n / 2) as the centre of even-sized axes and rejects bad sizes", () => {
    expect(cropCenter(ramp(62, 62), 20).data[0]).toBe(21 * 1000 + 21);
    expect(() => cropCenter(ramp(5, 5), 0)).toThrow(StampPreprocessError);
    expect(() => cropCenter({ width: 3, height: 3, data: new Float32Array(8) })).toThrow(/8 values for 3x3/);
  });
});

describe("normaliseStamp", () => {
  it("maps the finite values to [0, 1] and NaN to 0", () => {
    expect(Array.from(normaliseStamp([Number.NaN, 2, 4, 3, -2]))).toEqual([0, 4 / 6, 1, 5 / 6, 0].map(Math.fround));
  });

  it("gives zeros for a constant or all-NaN image (numpy's 0/0 = NaN -> 0)", () => {
    expect(Array.from(normaliseStamp([5, 5, 5]))).toEqual([0, 0, 0]);
    expect(Array.from(normaliseStamp([Number.NaN, Number.NaN]))).toEqual([0, 0]);
    expect(Array.from(normaliseStamp([]))).toEqual([]);
  });

  it("on real stamps reaches exactly 0 and 1", () => {
    for (const name of ["ztf_science.fits.gz", "ztf_template.fits.gz", "ztf_difference.fits.gz"]) {
      const values = normaliseStamp(cropCenter(readFitsImage(readStamp(name))).data);
      expect(Math.min(...values)).toBe(0);
      expect(Math.max(...values)).toBe(1);
    }
  });
});

describe("stampTensor", () => {
  const triplet = () => ({
    science: { stampData: readStamp("ztf_science.fits.gz") },
    template: { stampData: readStamp("ztf_template.fits.gz") },
    difference: { stampData: readStamp("ztf_difference.fits.gz") },
  });
  const channel = (tensor: Float32Array, c: number) => Array.from({ length: 441 }, (_, i) => tensor[i * 3 + c] as number);

  it("is [21, 21, 3] NHWC with channels science, reference, difference, each as ALeRCE preprocesses it", () => {
    const cutouts = triplet();
    const tensor = stampTensor(cutouts);
    expect(tensor).toHaveLength(21 * 21 * 3);
    (["science", "template", "difference"] as const).forEach((kind, c) => {
      const expected = alerceChannel(cutouts[kind].stampData);
      channel(tensor, c).forEach((value, i) => expect(value).toBeCloseTo(expected[i] as number, 6));
      const mine = normaliseStamp(cropCenter(readFitsImage(cutouts[kind].stampData)).data);
      expect(channel(tensor, c)).toEqual(Array.from(mine));
    });
    // the three channels really differ (order matters)
    expect(channel(tensor, 0)).not.toEqual(channel(tensor, 2));
    expect(Math.min(...tensor)).toBe(0);
    expect(Math.max(...tensor)).toBe(1);
  });

  it("accepts decoded images and the cutouts of real alerts of several schema versions", () => {
    for (const fixture of [
      "night-2018-11-29/697251920015010010.avro",
      "samples/kowalski_2023-10-12/2475433850315015009.avro",
      "samples/fink-broker_spark-rewritten_v4.02/2481127322815015000.avro",
    ]) {
      const cutouts = alertCutouts(fixture);
      const tensor = stampTensor(cutouts);
      const decoded = stampTensor({
        science: readFitsImage(cutouts.science?.stampData ?? Buffer.alloc(0)),
        template: readFitsImage(cutouts.template?.stampData ?? Buffer.alloc(0)),
        difference: readFitsImage(cutouts.difference?.stampData ?? Buffer.alloc(0)),
      });
      expect(decoded).toEqual(tensor);
      const difference = alerceChannel(cutouts.difference?.stampData ?? Buffer.alloc(0));
      channel(tensor, 2).forEach((value, i) => expect(value).toBeCloseTo(difference[i] as number, 6));
    }
  });

  it("gives from cutout bytes (only the window converted) exactly what it gives from decoded images, on every bundled alert", () => {
    let compared = 0;
    const outcome = (make: () => Float32Array) => {
      try {
        return Array.from(make());
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    for (const fixture of loadAlertFixtures().filter((f) => f.nAlerts > 0)) {
      for (const { alert } of readAlertFile(fs.readFileSync(fixture.absolutePath), fixture.absolutePath).alerts) {
        const { science, template, difference } = alert.cutouts;
        if (!science || !template || !difference) continue;
        const decoded = (c: { stampData: Uint8Array }) => () => readFitsImage(c.stampData);
        const fromImages = outcome(() =>
          stampTensor({ science: decoded(science)(), template: decoded(template)(), difference: decoded(difference)() }),
        );
        expect(outcome(() => stampTensor({ science, template, difference }))).toEqual(fromImages);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it("turns NaN pixels into 0 after normalising", () => {
    const science = readFitsImage(readStamp("ztf_science.fits.gz"));
    const holed = { ...science, data: Float32Array.from(science.data) };
    holed.data[31 * 63 + 31] = Number.NaN;
    holed.data[21 * 63 + 21] = Number.NaN;
    const tensor = stampTensor({ ...triplet(), science: holed });
    expect(tensor[(10 * 21 + 10) * 3]).toBe(0);
    expect(tensor[0]).toBe(0);
    expect(tensor.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    // real CCD-edge stamps (with NaN off the CCD) give finite tensors too
    for (const fixture of [
      "samples/ztf-avro-alert/v3.0_472263571115115014.avro",
      "samples/ztf-avro-alert/vpre2.0_396522680015040001.avro",
    ]) {
      expect(stampTensor(alertCutouts(fixture)).every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    }
  });

  it("rejects a missing cutout and JPEG stamps", () => {
    expect(() => stampTensor({ ...triplet(), template: null })).toThrow(StampPreprocessError);
    expect(() => stampTensor({ ...triplet(), template: null })).toThrow(/template cutout is missing/);
    expect(() => stampTensor(alertCutouts("samples/ampel_ipac_2016-09-01/121540793515135000.avro"))).toThrow(FitsError);
  });
});

describe("stampTensorBatch", () => {
  it("stacks alerts as [count, 21, 21, 3] in order", () => {
    const a = alertCutouts("night-2018-11-29/697251920015010010.avro");
    const b = alertCutouts("samples/kowalski_2023-10-12/2475433850315015009.avro");
    const batch = stampTensorBatch([a, b]);
    expect(batch.count).toBe(2);
    expect(batch.shape).toEqual([2, 21, 21, 3]);
    expect(batch.data).toHaveLength(2 * 1323);
    expect(batch.data.subarray(0, 1323)).toEqual(stampTensor(a));
    expect(batch.data.subarray(1323)).toEqual(stampTensor(b));
    expect(stampTensorBatch([]).count).toBe(0);
  });
});
