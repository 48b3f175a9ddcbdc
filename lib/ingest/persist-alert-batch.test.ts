import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "../alerts/read-alert-file";
import { alertRows, type AlertRows } from "./alert-rows";
import { persistAlertBatch } from "./persist-alert-batch";

const NIGHT = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");

function rowsOf(file: string): AlertRows {
  const { alerts } = readAlertFile(fs.readFileSync(path.join(NIGHT, file)), file);
  return alertRows(alerts[0]!, file);
}

// Cutouts go in by COPY, which has no ON CONFLICT: only those of packets inserted now and not stored.
describe("persistAlertBatch: cutouts of duplicate and re-ingested alerts", () => {
  let db: TestDatabase;
  let alert: AlertRows;
  let other: AlertRows;
  beforeAll(async () => {
    db = await createTestDatabase();
    const files = fs
      .readdirSync(NIGHT)
      .filter((f) => f.endsWith(".avro"))
      .sort();
    [alert, other] = files
      .map(rowsOf)
      .filter((r) => r.cutouts.length === 3)
      .slice(0, 2) as [AlertRows, AlertRows];
    expect(other.candid).not.toBe(alert.candid);
  });
  afterAll(async () => {
    await db.drop();
  });

  const persist = async (batch: AlertRows[]) => {
    const client = await db.pool.connect();
    try {
      return await persistAlertBatch(client, batch);
    } finally {
      client.release();
    }
  };
  const digest = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
  /** [candid, kind, file name, sha256 of the bytes], sorted. */
  const storedCutouts = async () => {
    const { rows } = await db.pool.query<{ candid: string; kind: string; file_name: string; stamp_data: Buffer }>(
      "select candid::text, kind::text, file_name, stamp_data from cutout",
    );
    return rows.map((r) => [r.candid, r.kind, r.file_name, digest(r.stamp_data)].join(" ")).sort();
  };
  const expected = (rows: AlertRows[]) =>
    rows.flatMap((r) => r.cutouts.map((c) => [c.candid.toString(), c.kind, c.file_name, digest(c.stamp_data)].join(" "))).sort();

  it("stores an alert's cutouts once when the alert comes twice in one batch, and writes nothing when it comes again", async () => {
    const first = await persist([alert, other, alert]);
    expect([...first.ingested].sort()).toEqual([alert.candid, other.candid].sort());
    expect(first.duplicates).toBe(1);
    expect(await storedCutouts()).toEqual(expected([alert, other]));

    const again = await persist([other, alert, alert]);
    expect(again.ingested.size).toBe(0);
    expect(again.duplicates).toBe(3);
    expect(await storedCutouts()).toEqual(expected([alert, other]));
  });

  it("writes the cutouts again when the packet row was deleted (its trigger deletes the cutouts)", async () => {
    await db.pool.query("delete from alert_packet where candid = $1", [alert.candid.toString()]);
    expect(await storedCutouts()).toEqual(expected([other]));
    const outcome = await persist([alert, other]);
    expect([...outcome.ingested]).toEqual([alert.candid]);
    expect(await storedCutouts()).toEqual(expected([alert, other]));
  });

  it("copies only the missing cutouts of a re-ingested alert whose cutouts outlived its packet row", async () => {
    // TRUNCATE fires no delete trigger: the cutouts stay; one of them is gone by hand.
    await db.pool.query("truncate alert_packet");
    await db.pool.query("delete from cutout where candid = $1 and kind = 'template'", [alert.candid.toString()]);
    const outcome = await persist([alert, other, alert]);
    expect([...outcome.ingested].sort()).toEqual([alert.candid, other.candid].sort());
    expect(await storedCutouts()).toEqual(expected([alert, other]));
    const { rows } = await db.pool.query<{ n: number }>("select count(*)::int as n from alert_packet");
    expect(rows[0]!.n).toBe(2);
  });
});
