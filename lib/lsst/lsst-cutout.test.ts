import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FitsImage } from "../fits/read-fits-image";
import { fluxErrNJyToMagErr, fluxNJyToMagAb } from "../photometry/ab-magnitude";
import { linearWcs, northUp, readFitsImageHdus, readLsstCutout, rotationDeg } from "./lsst-cutout";
import { readLsstAlerts } from "./read-lsst-alerts";

const BOOM = path.resolve(import.meta.dirname, "../../fixtures/lsst/real/boom_7912941781254298.avro");

function brightest(image: FitsImage): { x: number; y: number } {
  let best = 0;
  for (let i = 1; i < image.data.length; i++) if (image.data[i]! > (image.data[best]! || 0)) best = i;
  return { x: best % image.width, y: Math.floor(best / image.width) };
}

describe("north-up cutouts from the WCS", () => {
  it("moves a source that lies north of the centre (on the sky) straight above it, whatever the rotation", () => {
    const size = 31;
    const centre = 15;
    for (const angleDeg of [0, 29.4, -34.8, 90, 150]) {
      const a = (angleDeg * Math.PI) / 180;
      const s = 0.2 / 3600;
      // +y points at position angle `a` (east of north), x is west of it: a rotated, unflipped sky image.
      const wcs = {
        cd11: -s * Math.cos(a),
        cd12: s * Math.sin(a),
        cd21: s * Math.sin(a),
        cd22: s * Math.cos(a),
        refX: centre,
        refY: centre,
      };
      expect(rotationDeg(wcs)).toBeCloseTo(angleDeg, 6);
      // The pixel 8 steps due north on the sky: (ξ, η) = (0, 8 s) → (dx, dy) = CD⁻¹ (0, 8 s).
      const det = wcs.cd11 * wcs.cd22 - wcs.cd12 * wcs.cd21;
      const dx = (-wcs.cd12 * 8 * s) / det;
      const dy = (wcs.cd11 * 8 * s) / det;
      const data = new Float32Array(size * size);
      data[Math.round(centre + dy) * size + Math.round(centre + dx)] = 1000;
      const turned = northUp({ width: size, height: size, data, header: {} as FitsImage["header"] }, wcs);
      const peak = brightest(turned);
      expect(Math.abs(peak.x - centre)).toBeLessThanOrEqual(1);
      expect(peak.y - centre).toBeGreaterThanOrEqual(7);
      expect(peak.y - centre).toBeLessThanOrEqual(9);
    }
  });

  it("reads a real Rubin cutout: image, UNCERT and PSFIMAGE extensions, rotated −29.4° from north", () => {
    const { alert } = readLsstAlerts(fs.readFileSync(BOOM), "boom").alerts[0]!;
    const hdus = readFitsImageHdus(alert.cutouts.science!);
    expect([...hdus.keys()]).toEqual(["PRIMARY", "UNCERT", "PSFIMAGE"]);
    expect(hdus.get("PRIMARY")!.header.cards.BUNIT).toBe("nJy");
    const wcs = linearWcs(hdus.get("PRIMARY")!)!;
    expect(rotationDeg(wcs)).toBeCloseTo(-29.37, 1);
    const cutout = readLsstCutout(alert.cutouts.science!);
    expect(cutout.rotationDeg).toBeCloseTo(-29.37, 1);
    expect(cutout.psf?.width).toBe(41);
    expect(cutout.image.width).toBe(30);
  });
});

describe("AB magnitudes from nJy", () => {
  it("is 31.4 − 2.5 log10 f, and none for a flux that is not positive", () => {
    expect(fluxNJyToMagAb(3631e9)).toBeCloseTo(0, 2); // 3631 Jy is AB magnitude 0
    expect(fluxNJyToMagAb(1000)).toBeCloseTo(23.9, 10);
    expect(fluxNJyToMagAb(-1230)).toBeNull();
    expect(fluxNJyToMagAb(0)).toBeNull();
    expect(fluxErrNJyToMagErr(1000, 100)).toBeCloseTo(0.10857, 4);
  });
});
