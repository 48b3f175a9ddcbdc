import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lsstAlertRows } from "./lsst-alert-rows";
import { packLsstCutout, unpackLsstCutout } from "./lsst-cutout-storage";
import { readLsstAlerts } from "./read-lsst-alerts";

const REAL = path.resolve(import.meta.dirname, "../../fixtures/lsst/real");

describe("LSST cutout storage", () => {
  it("stores the real cutouts gzipped at about half their size and gives back the received FITS bytes exactly", () => {
    let received = 0;
    let stored = 0;
    for (const name of fs.readdirSync(REAL)) {
      const decoded = readLsstAlerts(fs.readFileSync(path.join(REAL, name)), name).alerts[0]!;
      const rows = lsstAlertRows(decoded, name, new Date());
      for (const [i, kind] of (["science", "template", "difference"] as const).entries()) {
        const fits = decoded.alert.cutouts[kind]!;
        const packed = rows.cutouts[i]!.fits;
        expect(rows.cutouts[i]!.kind).toBe(kind);
        expect(unpackLsstCutout(packed).equals(fits)).toBe(true);
        received += fits.length;
        stored += packed.length;
      }
    }
    expect(stored / received).toBeGreaterThan(0.3);
    expect(stored / received).toBeLessThan(0.65);
  });

  it("reads rows stored before compression (plain FITS) unchanged", () => {
    const plain = Buffer.from("SIMPLE  =                    T".padEnd(2880, " "), "latin1");
    expect(unpackLsstCutout(plain)).toBe(plain);
    expect(unpackLsstCutout(packLsstCutout(plain)).equals(plain)).toBe(true);
  });
});
