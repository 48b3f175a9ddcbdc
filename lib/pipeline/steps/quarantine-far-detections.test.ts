import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";
import { readAlertFile } from "../../alerts/read-alert-file";
import { angularSeparationDeg } from "../../coords/sky-coordinates";
import { alertRows } from "../../ingest/alert-rows";
import { readAlertSource } from "../../ingest/alert-sources";
import { ingestAlertFiles } from "../../ingest/ingest-alerts";
import { decideQuarantine, FAR_FROM_OBJECT, QUARANTINE_RADIUS_ARCSEC } from "../detection-quarantine";

const COMMISSIONING = path.join(ALERT_FIXTURES_DIR, "samples/ampel_ipac_2016-09-01");
const RESERIALISED = path.join(ALERT_FIXTURES_DIR, "samples/fink-broker_spark-rewritten_v4.02");

/** candids of the detections the ingest builds from a folder's alerts, by object: the input to account for. */
function inputCandidsByOid(dir: string): Map<string, Set<string>> {
  const byOid = new Map<string, Set<string>>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".avro"))) {
    for (const decoded of readAlertFile(fs.readFileSync(path.join(dir, file)), file).alerts) {
      const rows = alertRows(decoded, file);
      const set = byOid.get(rows.oid) ?? new Set<string>();
      for (const d of rows.detections) set.add(d.candid.toString());
      byOid.set(rows.oid, set);
    }
  }
  return byOid;
}

const arcsec = (a: { ra: number; dec: number }, b: { ra: number; dec: number }) => angularSeparationDeg(a.ra, a.dec, b.ra, b.dec) * 3600;

interface Split {
  object: { ra: number; dec: number; ndet: number };
  detections: { candid: string; ra: number; dec: number }[];
  quarantined: { candid: string; ra: number; dec: number; reason: string; separation_arcsec: number; parent_candid: string | null }[];
}

async function splitOf(db: TestDatabase, oid: string): Promise<Split> {
  const object = await db.pool.query<Split["object"]>("select meanra as ra, meandec as dec, ndet from object where oid = $1", [oid]);
  const detections = await db.pool.query<Split["detections"][number]>("select candid::text, ra, dec from detection where oid = $1", [oid]);
  const quarantined = await db.pool.query<Split["quarantined"][number]>(
    "select candid::text, ra, dec, reason, separation_arcsec, parent_candid::text from detection_quarantine where oid = $1",
    [oid],
  );
  return { object: object.rows[0]!, detections: detections.rows, quarantined: quarantined.rows };
}

describe("decideQuarantine", () => {
  const at = (candid: bigint, raDeg: number, decDeg: number, parentCandid: bigint | null = 1n) => ({ candid, raDeg, decDeg, parentCandid });

  it("keeps every detection of a compact object (the O(n) path)", () => {
    const decision = decideQuarantine([at(1n, 10, 20, null), at(2n, 10, 20 + 1 / 3600), at(3n, 10 + 1 / 3600, 20)]);
    expect(decision?.far.size).toBe(0);
  });

  it("takes the position most detections agree on, whatever the order, and quarantines the rest", () => {
    const cluster = [at(5n, 4.6158, 29.792), at(6n, 4.6158, 29.7921), at(7n, 4.61585, 29.792)];
    const junk = [at(1n, 5.38, 54.69, null), at(2n, 350.55, 51.5167, null)];
    const one = decideQuarantine([...junk, ...cluster]);
    const other = decideQuarantine([...cluster].reverse().concat(junk.reverse()));
    for (const decision of [one, other]) {
      expect([...decision!.far.keys()].sort()).toEqual([1n, 2n]);
      expect(decision!.referenceDecDeg).toBeCloseTo(29.792, 3);
    }
  });

  it("prefers the alert's own candidate when no two detections agree", () => {
    const decision = decideQuarantine([at(2n, 20, 12, 9n), at(9n, 20.1, 12, null), at(3n, 20.2, 12, 9n)]);
    expect(decision?.referenceRaDeg).toBe(20.1);
    expect([...decision!.far.keys()].sort()).toEqual([2n, 3n]);
  });
});

describe("the detection-quarantine step on real packets", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    for (const dir of [COMMISSIONING, RESERIALISED]) await ingestAlertFiles(db.pool, readAlertSource(dir));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("ZTF18aaaaaac (2016 commissioning packet): the scattered prv_candidates are quarantined with their reason", async () => {
    const split = await splitOf(db, "ZTF18aaaaaac");
    expect(split.quarantined.length).toBeGreaterThan(70);
    expect(split.detections.length).toBeGreaterThanOrEqual(1);
    for (const d of split.detections) expect(arcsec(d, split.object)).toBeLessThanOrEqual(QUARANTINE_RADIUS_ARCSEC);
    for (const q of split.quarantined) {
      expect(q.reason).toBe(FAR_FROM_OBJECT);
      expect(q.separation_arcsec).toBeGreaterThan(QUARANTINE_RADIUS_ARCSEC);
      expect(arcsec(q, split.object)).toBeGreaterThan(QUARANTINE_RADIUS_ARCSEC);
    }
    expect(split.object.ndet).toBe(split.detections.length);
  });

  it("ZTF18adljlvp (re-serialised stream): the rewritten alert positions are quarantined, the 61 agreeing detections stay", async () => {
    const split = await splitOf(db, "ZTF18adljlvp");
    // Both alerts' own candidates (5.38, 54.69 and 350.55, 51.5167) are the junk: their prv_candidates agree.
    expect(split.quarantined.map((q) => q.parent_candid)).toEqual([null, null]);
    expect(split.detections.length).toBeGreaterThan(55);
    expect(split.object.ra).toBeCloseTo(4.6158, 3);
    expect(split.object.dec).toBeCloseTo(29.792, 3);
    for (const d of split.detections) expect(arcsec(d, split.object)).toBeLessThanOrEqual(QUARANTINE_RADIUS_ARCSEC);
  });

  it("accounts for every input detection: light curve + quarantine = distinct candids", async () => {
    const input = new Map([...inputCandidsByOid(COMMISSIONING), ...inputCandidsByOid(RESERIALISED)]);
    expect(input.size).toBeGreaterThan(8);
    const allInput = new Set([...input.values()].flatMap((set) => [...set]));
    const stored = await db.pool.query<{ candid: string }>(
      "select candid::text from detection union all select candid::text from detection_quarantine",
    );
    expect(stored.rows.length).toBe(allInput.size);
    expect(new Set(stored.rows.map((r) => r.candid))).toEqual(allInput);
    // Per object as well; the 2016 test packets of ZTF18aaaaaac and ZTF18aaaaaah share some prv candids,
    // which are stored once (candid is the detection's key): those count for one of the two.
    const claimedTwice = new Set([...allInput].filter((c) => [...input.values()].filter((set) => set.has(c)).length > 1));
    for (const [oid, candids] of input) {
      const split = await splitOf(db, oid);
      const mine = [...split.detections, ...split.quarantined].map((r) => r.candid);
      expect(new Set(mine).size, oid).toBe(mine.length);
      for (const c of mine) expect(candids.has(c), `${oid} ${c}`).toBe(true);
      for (const c of candids) if (!claimedTwice.has(c)) expect(mine, `${oid} ${c}`).toContain(c);
    }
    const { rows } = await db.pool.query<{ oid: string }>("select distinct oid from detection_quarantine order by oid");
    // Only the junk objects lose detections: the consistent 4.02 streams keep all of theirs.
    expect(rows.map((r) => r.oid)).toEqual(["ZTF18aaaaaac", "ZTF18aaaaaah", "ZTF18adljlvp"]);
  });

  it("a replay changes nothing", async () => {
    const before = await db.pool.query("select candid::text, oid, separation_arcsec from detection_quarantine order by candid");
    for (const dir of [RESERIALISED, COMMISSIONING]) await ingestAlertFiles(db.pool, readAlertSource(dir));
    const after = await db.pool.query("select candid::text, oid, separation_arcsec from detection_quarantine order by candid");
    expect(after.rows).toEqual(before.rows);
  });
});
