import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { computeLightcurveFeatures } from "../features/compute-lightcurve-features";
import { readAlertSource } from "../ingest/alert-sources";
import { ingestAlertFiles } from "../ingest/ingest-alerts";
import { getObjectLightcurve, type Lightcurve, toExplorerLightcurve } from "../objects/get-object-lightcurve";
import { getObjectPeriodogram } from "./get-object-periodogram";
import { buildLightcurveView } from "./lightcurve-series";

/** ZTF's official sample alert: an eclipsing binary (ALeRCE EBSD/D), 64 detections, 43 of them negative differences. */
const OID = "ZTF17aaajnnn";
let db: TestDatabase;
let lightcurve: Lightcurve;

beforeAll(async () => {
  db = await createTestDatabase();
  await ingestAlertFiles(db.pool, readAlertSource(path.join(ALERT_FIXTURES_DIR, "samples", "ztf-avro-alert")));
  lightcurve = toExplorerLightcurve((await getObjectLightcurve(db.pool, OID))!);
}, 180_000);
afterAll(async () => {
  await db?.drop();
});

describe("the Explorer's periodogram and fold of a variable star (ZTF17aaajnnn, real alerts)", () => {
  it("every detection has a corrected magnitude; most only have sigmapsf_corr_ext as its error", () => {
    expect(lightcurve.detections).toHaveLength(64);
    expect(lightcurve.detections.every((d) => d.magpsfCorr !== null)).toBe(true);
    expect(lightcurve.detections.filter((d) => d.sigmapsfCorr === null).length).toBeGreaterThan(50);
    expect(lightcurve.detections.filter((d) => d.isdiffpos < 0)).toHaveLength(43);
  });

  it("apparent mode plots all 64 detections", () => {
    const view = buildLightcurveView(lightcurve.detections, lightcurve.nonDetections, "apparent");
    expect(view.omitted).toBe(0);
    expect(view.series.filter((s) => s.kind === "detection").reduce((n, s) => n + s.x.length, 0)).toBe(64);
  });

  it("the periodogram on apparent magnitudes finds the stored multiband period (1.113 d), never one longer than half the span", async () => {
    const periodogram = await getObjectPeriodogram(OID, lightcurve.detections, { corrected: true });
    expect(periodogram).not.toBeNull();
    expect(periodogram!.basis).toBe("apparent");
    const features = computeLightcurveFeatures({
      oid: OID,
      detections: lightcurve.detections.map((d) => ({
        mjd: d.mjd,
        fid: d.fid,
        magpsf: d.magpsf,
        sigmapsf: d.sigmapsf,
        magpsf_corr: d.magpsfCorr,
        sigmapsf_corr: d.sigmapsfCorr,
        sigmapsf_corr_ext: d.sigmapsfCorrExt,
        isdiffpos: d.isdiffpos,
        corrected: d.corrected,
        dubious: d.dubious,
        rb: d.rb,
      })),
      nonDetections: lightcurve.nonDetections,
      context: { raDeg: 0, decDeg: 0, sgscore1: null },
    });
    const stored = features.find((f) => f.name === "Multiband_period")!.value!;
    expect(Math.abs(stored / 1.1132 - 1)).toBeLessThan(0.01);
    expect(Math.abs(periodogram!.bestPeriodDays / stored - 1)).toBeLessThan(0.01);
    const span = lightcurve.detections.at(-1)!.mjd - lightcurve.detections[0]!.mjd;
    expect(Math.max(...periodogram!.periodsDays)).toBeLessThanOrEqual(span / 2);
  });

  it("without the corrected flag it runs on signed difference flux", async () => {
    const periodogram = await getObjectPeriodogram(OID, lightcurve.detections, { corrected: false });
    expect(periodogram!.basis).toBe("flux");
    // The signed flux is the apparent flux minus the reference's: the same period (or its alias at P/2 of equal minima).
    const ratio = periodogram!.bestPeriodDays / 1.1132;
    expect(Math.min(Math.abs(ratio - 1), Math.abs(ratio - 0.5))).toBeLessThan(0.01);
  });
});
