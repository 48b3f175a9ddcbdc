import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { readAlertSource } from "../ingest/alert-sources";
import { ingestAlertFiles } from "../ingest/ingest-alerts";
import { getObjectLightcurve, toExplorerLightcurve } from "./get-object-lightcurve";

/** ZTF's official sample alerts: ZTF17aaajnnn (64 detections, corrected) among others. */
const OID = "ZTF17aaajnnn";
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await ingestAlertFiles(db.pool, readAlertSource(path.join(ALERT_FIXTURES_DIR, "samples", "ztf-avro-alert")));
}, 180_000);
afterAll(async () => {
  await db?.drop();
});

describe("the light-curve reader (API shape and the Explorer's mapping of it)", () => {
  it("reads every detection and upper limit of the object, time-ordered, and null for an unknown object", async () => {
    const lightcurve = (await getObjectLightcurve(db.pool, OID))!;
    const { rows } = await db.pool.query<{ det: number; lim: number }>(
      "select (select count(*)::int from detection where oid = $1) det, (select count(*)::int from non_detection where oid = $1) lim",
      [OID],
    );
    expect(lightcurve.detections).toHaveLength(rows[0]!.det);
    expect(lightcurve.non_detections).toHaveLength(rows[0]!.lim);
    const mjds = lightcurve.detections.map((d) => d.mjd);
    expect(mjds).toEqual([...mjds].sort((a, b) => a - b));
    expect(await getObjectLightcurve(db.pool, "ZTF99zzzzzzz")).toBeNull();
  });

  it("gives the Explorer each detection's plotted values and what the period search needs, from the same rows", async () => {
    const rows = (await getObjectLightcurve(db.pool, OID))!;
    const lightcurve = toExplorerLightcurve(rows);
    expect(lightcurve.detections).toHaveLength(64);
    lightcurve.detections.forEach((d, i) => {
      const row = rows.detections[i]!;
      expect(d).toEqual({
        candid: row.candid,
        mjd: row.mjd,
        fid: row.fid,
        magpsf: row.magpsf,
        sigmapsf: row.sigmapsf,
        isdiffpos: row.isdiffpos,
        hasStamp: row.has_stamp,
        magpsfCorr: row.magpsf_corr,
        sigmapsfCorr: row.sigmapsf_corr,
        sigmapsfCorrExt: row.sigmapsf_corr_ext,
        corrected: row.corrected,
        dubious: row.dubious,
        rb: row.rb,
      });
    });
    // The star's apparent magnitudes mostly carry only the extended-source error (ALeRCE's error for stellar objects).
    expect(lightcurve.detections.filter((d) => d.sigmapsfCorr === null && d.sigmapsfCorrExt !== null).length).toBeGreaterThan(50);
    expect(lightcurve.nonDetections).toEqual(rows.non_detections.map((n) => ({ mjd: n.mjd, fid: n.fid, diffmaglim: n.diffmaglim })));
  });
});
