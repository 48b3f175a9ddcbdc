import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { readAlertFile } from "../../alerts/read-alert-file";
import { loadCatalog } from "../../catalogs/load-catalog";
import { ensureSampleCatalogs } from "../../catalogs/sample-catalogs";
import { angularDistanceArcsec } from "../../catalogs/sky-zones";
import { alertRows, type AlertRows } from "../../ingest/alert-rows";
import { crossmatchNewObjects } from "./crossmatch-new-objects";
import { persistAlertBatch } from "../../ingest/persist-alert-batch";

const NIGHT = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");

function rowsOf(file: string): AlertRows {
  const { alerts } = readAlertFile(fs.readFileSync(path.join(NIGHT, file)), file);
  return alertRows(alerts[0]!, file);
}

/** The point `offsetArcsec` north of (raDeg, decDeg). */
const north = (raDeg: number, decDeg: number, offsetArcsec: number) => ({ raDeg, decDeg: decDeg + offsetArcsec / 3600 });

interface XmatchRow {
  oid: string;
  catid: string;
  oid_catalog: string;
  dist: number;
  class_catalog: string | null;
  period: number | null;
  magnitudes: Record<string, number | null> | null;
}

let db: TestDatabase;
let tmp: string;
beforeAll(async () => {
  db = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-xmatch-step-"));
});
afterAll(async () => {
  await db?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("crossmatchNewObjects in the ingest transaction", () => {
  it("stores the nearest counterpart within 2″ of a new object, with class, period and magnitudes, and nothing beyond 2″", async () => {
    const [first, second] = fs
      .readdirSync(NIGHT)
      .filter((f) => f.endsWith(".avro"))
      .sort();
    const a = rowsOf(first!);
    const b = rowsOf(second!);
    expect(a.oid).not.toBe(b.oid);
    // A variable-star catalog with a counterpart 1.2″ from the first object (and a farther decoy),
    // 3″ from the second (outside the default radius). The real AllWISE sample is loaded as well.
    const nearA = north(a.object.meanra!, a.object.meandec!, 1.2);
    const decoyA = north(a.object.meanra!, a.object.meandec!, -1.7);
    const farB = north(b.object.meanra!, b.object.meandec!, 3);
    const file = path.join(tmp, "vars.csv");
    fs.writeFileSync(
      file,
      `name,ra,dec,Vmag,type,period\nV1,${nearA.raDeg},${nearA.decDeg},14.2,RRAB,0.5123\nV2,${decoyA.raDeg},${decoyA.decDeg},15.0,EW,0.31\nV3,${farB.raDeg},${farB.decDeg},13.0,,\n`,
    );
    await loadCatalog(db.pool, { name: "vsx", file, mapping: { id: "name", columns: ["Vmag"], class: "type", period: "period" } });
    await ensureSampleCatalogs(db.pool);

    const client = await db.pool.connect();
    try {
      await persistAlertBatch(client, [a, b]);
    } finally {
      client.release();
    }
    const { rows } = await db.pool.query<XmatchRow>(
      "SELECT oid, catid, oid_catalog, dist, class_catalog, period, magnitudes FROM xmatch ORDER BY oid, catid",
    );
    const { rows: objects } = await db.pool.query<{ meanra: number; meandec: number }>(
      "SELECT meanra, meandec FROM object WHERE oid = $1",
      [a.oid],
    );
    const expectedDist = angularDistanceArcsec(objects[0]!.meanra, objects[0]!.meandec, nearA.raDeg, nearA.decDeg);
    // The stored mean position (from all stored detections) differs from the alert's by a fraction of an arcsecond.
    expect(expectedDist).toBeLessThan(2);
    expect(angularDistanceArcsec(objects[0]!.meanra, objects[0]!.meandec, decoyA.raDeg, decoyA.decDeg)).toBeGreaterThan(expectedDist);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      oid: a.oid,
      catid: "vsx",
      oid_catalog: "V1",
      class_catalog: "RRAB",
      period: 0.5123,
      magnitudes: { Vmag: 14.2 },
    });
    expect(Math.abs(rows[0]!.dist - expectedDist)).toBeLessThan(1e-6);
  });

  it("is idempotent, follows the radius and drops a counterpart the object moved away from", async () => {
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      const { rows: objects } = await client.query<{ oid: string }>("SELECT oid FROM object ORDER BY oid");
      const oids = objects.map((o) => o.oid);
      const before = (await client.query("SELECT * FROM xmatch ORDER BY oid, catid")).rows;
      expect(await crossmatchNewObjects(client, oids)).toMatchObject({ objects: 2, matches: 1, catalogs: 2 });
      expect((await client.query("SELECT * FROM xmatch ORDER BY oid, catid")).rows).toEqual(before);
      expect(await crossmatchNewObjects(client, oids, { radiusArcsec: 3.5 })).toMatchObject({ matches: 2 });
      expect(
        (await client.query<{ oid_catalog: string }>("SELECT oid_catalog FROM xmatch ORDER BY oid_catalog")).rows.map((r) => r.oid_catalog),
      ).toEqual(["V1", "V3"]);
      expect(await crossmatchNewObjects(client, oids, { radiusArcsec: 0.5 })).toMatchObject({ matches: 0 });
      expect((await client.query("SELECT * FROM xmatch")).rows).toEqual([]);
      expect(await crossmatchNewObjects(client, oids, { radiusArcsec: 0 })).toEqual({ objects: 0, matches: 0, catalogs: 0 });
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  });

  it("a failing catalog costs the batch its xmatch rows, not the batch", async () => {
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      // The registry names a column the table does not have (as after a concurrent reload).
      await client.query(`UPDATE catalog SET columns = '[{"name": "Bmag", "unit": "mag"}]' WHERE name = 'vsx'`);
      const outcome = await crossmatchNewObjects(
        client,
        ["ZTF18aaaaaaa"].concat((await client.query<{ oid: string }>("SELECT oid FROM object")).rows.map((r) => r.oid)),
      );
      expect(outcome.failed).toMatch(/column c\.Bmag does not exist|column c."Bmag" does not exist/);
      // The transaction is still usable and commits.
      expect((await client.query("SELECT count(*)::int AS n FROM object")).rows[0]).toEqual({ n: 2 });
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
  });
});
