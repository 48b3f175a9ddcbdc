import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { readAlertSource } from "./alert-sources";
import { ingestAlertFiles } from "./ingest-alerts";

// The tables the ingest writes per alert have no foreign key (ADR 0050); triggers keep what the
// keys did besides checking inserts: deleting an object deletes its rows, a packet its cutouts,
// and the keys they refer to cannot change.
const BY_OID = [
  "alert_packet",
  "detection",
  "non_detection",
  "forced_photometry",
  "magstat",
  "probability",
  "ps1_ztf",
  "ss_ztf",
  "gaia_ztf",
  "reference",
  "dataquality",
] as const;

async function rowsOf(db: TestDatabase, oid: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of BY_OID) {
    const { rows } = await db.pool.query<{ n: number }>(`select count(*)::int as n from "${table}" where oid = $1`, [oid]);
    counts[table] = rows[0]!.n;
  }
  const { rows } = await db.pool.query<{ n: number }>(
    "select count(*)::int as n from cutout c join alert_packet p using (candid) where p.oid = $1",
    [oid],
  );
  counts.cutout = rows[0]!.n;
  return counts;
}

describe("ingest tables without foreign keys", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const summary = await ingestAlertFiles(db.pool, readAlertSource(path.join(ALERT_FIXTURES_DIR, "night-2018-11-29")));
    expect(summary.ingested).toBeGreaterThan(300);
  });
  afterAll(async () => {
    await db.drop();
  });

  it("deleting objects deletes their rows in every ingest table, and only theirs", async () => {
    // The two objects with the most alerts of the night: rows in every table, cutouts included.
    const { rows: busiest } = await db.pool.query<{ oid: string }>(
      "select oid from alert_packet group by oid order by count(*) desc, oid limit 3",
    );
    const [gone, alsoGone, kept] = busiest.map((r) => r.oid) as [string, string, string];
    const keptBefore = await rowsOf(db, kept);
    const goneBefore = await rowsOf(db, gone);
    for (const table of ["alert_packet", "detection", "non_detection", "ps1_ztf", "dataquality", "cutout", "magstat"])
      expect(goneBefore[table], table).toBeGreaterThan(0);
    const { rows: cutoutsBefore } = await db.pool.query<{ n: number }>("select count(*)::int as n from cutout");

    await db.pool.query("delete from object where oid = any($1::text[])", [[gone, alsoGone]]);

    expect(Object.values(await rowsOf(db, gone)).every((n) => n === 0)).toBe(true);
    expect(Object.values(await rowsOf(db, alsoGone)).every((n) => n === 0)).toBe(true);
    expect(await rowsOf(db, kept)).toEqual(keptBefore);
    const { rows: cutoutsAfter } = await db.pool.query<{ n: number }>("select count(*)::int as n from cutout");
    const { rows: orphans } = await db.pool.query<{ n: number }>(
      "select count(*)::int as n from cutout c where not exists (select 1 from alert_packet p where p.candid = c.candid)",
    );
    expect(cutoutsAfter[0]!.n).toBeLessThan(cutoutsBefore[0]!.n);
    expect(orphans[0]!.n).toBe(0);
  });

  it("refuses to change an object's oid or a packet's candid", async () => {
    const { rows } = await db.pool.query<{ oid: string; candid: string }>(
      "select oid, candid::text from alert_packet order by candid limit 1",
    );
    const { oid, candid } = rows[0]!;
    await expect(db.pool.query("update object set oid = oid || 'x' where oid = $1", [oid])).rejects.toThrow(/object\.oid cannot change/);
    await expect(db.pool.query("update alert_packet set candid = candid + 1 where candid = $1", [candid])).rejects.toThrow(
      /alert_packet\.candid cannot change/,
    );
    // Updates that leave the key alone (the ingest's own upserts) are not affected.
    await db.pool.query("update object set oid = oid, ndet = ndet where oid = $1", [oid]);
  });
});
