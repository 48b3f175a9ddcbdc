import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "../alerts/read-alert-file";
import { alertRows } from "./alert-rows";

const fixtures = loadAlertFixtures().filter((f) => f.nAlerts === 1);

describe("alertRows on every bundled real alert", () => {
  it.each(fixtures.map((f) => [f.fixturePath, f] as const))("%s", (_path, fixture) => {
    const { alerts } = readAlertFile(fs.readFileSync(fixture.absolutePath), fixture.fixturePath);
    expect(alerts).toHaveLength(1);
    const rows = alertRows(alerts[0]!, fixture.fixturePath);

    expect(rows.oid).toBe(fixture.objectId);
    expect(rows.candid.toString()).toBe(fixture.candid);
    // The alert's own candidate first, then one detection per prv_candidate with a candid.
    const own = rows.detections[0]!;
    expect(own.candid.toString()).toBe(fixture.candid);
    expect(own.parent_candid).toBeNull();
    expect(rows.detections.slice(1).every((d) => d.parent_candid === rows.candid)).toBe(true);
    if (fixture.schemavsn === "3.5") {
      // The July 2021 test stream carried forced photometry in prv_candidates.
      expect(rows.forcedPhotometry.length).toBe(fixture.nPrvCandidates);
    } else if (fixture.nPrvDetections !== null) {
      expect(rows.detections.length - 1 + rows.prvUnusable).toBe(fixture.nPrvDetections);
      expect(rows.nonDetections.length).toBe((fixture.nPrvCandidates ?? 0) - fixture.nPrvDetections);
    }
    for (const d of rows.detections) {
      expect(d.oid).toBe(fixture.objectId);
      expect([1, -1]).toContain(d.isdiffpos);
      expect(d.mjd).toBeGreaterThan(57000);
      expect(Number.isFinite(d.magpsf) && Number.isFinite(d.sigmapsf)).toBe(true);
    }
    expect(rows.object.firstmjd).toBe(own.mjd);
    const cutoutBytes = rows.cutouts.map((c) => c.stamp_data.length);
    expect(cutoutBytes.reduce((a, b) => a + b, 0)).toBe((fixture.cutoutBytes ?? [0, 0, 0]).reduce((a, b) => a + b, 0));
    if (fixture.nFpHists !== null) expect(rows.forcedPhotometry.length).toBe(fixture.nFpHists);
  });
});

describe("alertRows details", () => {
  it("derives difference magnitudes from forced-photometry fluxes", () => {
    const fixture = fixtures.find((f) => (f.nFpHists ?? 0) > 0)!;
    const { alerts } = readAlertFile(fs.readFileSync(fixture.absolutePath), fixture.fixturePath);
    const rows = alertRows(alerts[0]!, fixture.fixturePath);
    const measured = rows.forcedPhotometry.filter((f) => f.mag !== null);
    expect(measured.length).toBeGreaterThan(0);
    for (const f of measured) {
      expect(f.mag).toBeCloseTo(f.magzpsci! - 2.5 * Math.log10(Math.abs(f.forcediffimflux!)), 9);
      expect(f.isdiffpos).toBe(Math.sign(f.forcediffimflux!));
    }
  });
});
