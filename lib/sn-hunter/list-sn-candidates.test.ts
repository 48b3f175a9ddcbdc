import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { listSnCandidates } from "./list-sn-candidates";
import { ingestClassifiedSample } from "../../tests/support/sn-hunter-testing";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await ingestClassifiedSample(db);
});
afterAll(async () => db?.drop());

/** Written independently of listSnCandidates: ranking-1 stamp class SN, first detection in (start, end]. */
async function snObjectsInWindow(startMjd: number, endMjd: number): Promise<string[]> {
  const { rows } = await db.pool.query<{ oid: string }>(
    `SELECT o.oid FROM object o, probability p
     WHERE p.oid = o.oid AND p.classifier_name = 'stamp_classifier' AND p.ranking = 1 AND p.class_name = 'SN'
       AND o.firstmjd > $1 AND o.firstmjd <= $2`,
    [startMjd, endMjd],
  );
  return rows.map((r) => r.oid).sort();
}

describe("listSnCandidates on the real sample", () => {
  it("by default shows the 24 h before the newest SN candidate when the newest alert has none before it", async () => {
    const queue = await listSnCandidates(db.pool, { windowHours: 24, limit: 100, sort: "probability" });
    const { rows } = await db.pool.query<{ newest_alert: number; newest_sn: number }>(
      `SELECT (SELECT max(lastmjd) FROM object) AS newest_alert,
              (SELECT max(o.firstmjd) FROM object o JOIN probability p ON p.oid = o.oid
               WHERE p.classifier_name = 'stamp_classifier' AND p.ranking = 1 AND p.class_name = 'SN') AS newest_sn`,
    );
    const { newest_alert: newestAlert, newest_sn: newestSn } = rows[0]!;
    expect(newestSn).toBeLessThan(newestAlert - 1); // the sample's newest alert is far from any SN candidate
    expect(queue.anchor).toBe("newest_candidate");
    expect(queue.newestAlertMjd).toBe(newestAlert);
    expect(queue.windowEndMjd).toBe(newestSn);
    expect(queue.windowStartMjd).toBeCloseTo(newestSn - 1, 9);
    const expected = await snObjectsInWindow(queue.windowStartMjd, queue.windowEndMjd);
    expect(expected.length).toBeGreaterThan(0);
    expect(queue.candidates.map((c) => c.oid).sort()).toEqual(expected);
  });

  it("equals the SN objects of the database in windows of 12 h to a week anywhere in the sample", async () => {
    const { rows } = await db.pool.query<{ firstmjd: number }>(
      `SELECT o.firstmjd FROM object o JOIN probability p ON p.oid = o.oid
       WHERE p.classifier_name = 'stamp_classifier' AND p.ranking = 1 AND p.class_name = 'SN' ORDER BY o.firstmjd`,
    );
    // enough SN candidates to make the windows meaningful (stamp classifier 2.1.0 ranks 19 objects SN in the sample; 2.0.0: more than 20)
    expect(rows.length).toBeGreaterThan(15);
    let nonEmpty = 0;
    for (const [i, hours] of [12, 24, 72, 168].entries()) {
      for (const at of [0.1, 0.5, 0.9]) {
        const endMjd = rows[Math.floor(at * (rows.length - 1))]!.firstmjd + i * 0.01;
        const queue = await listSnCandidates(db.pool, { windowHours: hours, limit: 1000, sort: "first_detection", endMjd });
        expect(queue.anchor).toBe("explicit");
        const expected = await snObjectsInWindow(endMjd - hours / 24, endMjd);
        expect(queue.candidates.map((c) => c.oid).sort()).toEqual(expected);
        if (expected.length > 0) nonEmpty++;
        // sorted newest first detection first
        const firsts = queue.candidates.map((c) => c.firstMjd);
        expect(firsts).toEqual([...firsts].sort((a, b) => b - a));
      }
    }
    expect(nonEmpty).toBeGreaterThan(6);
  });

  it("sorts by P(SN) and by first-detection magnitude, and keeps the top N", async () => {
    // "Earlier candidates" steps back through the lone objects to the sample's full night (2018-11-29).
    let queue = await listSnCandidates(db.pool, { windowHours: 24, limit: 100, sort: "probability" });
    for (let i = 0; i < 5 && queue.candidates.length < 10 && queue.earlierCandidateMjd !== null; i++) {
      expect(queue.earlierCandidateMjd).toBeLessThanOrEqual(queue.windowStartMjd);
      queue = await listSnCandidates(db.pool, { windowHours: 24, limit: 100, sort: "probability", endMjd: queue.earlierCandidateMjd });
    }
    const endMjd = queue.windowEndMjd;
    expect(Math.floor(endMjd)).toBe(58451);
    const all = await listSnCandidates(db.pool, { windowHours: 168, limit: 1000, sort: "probability", endMjd });
    // stamp classifier 2.0.0 called 9 SNe that night (1.0.0, trained on simulations only: more than 10)
    expect(all.candidates.length).toBeGreaterThan(5);
    const probs = all.candidates.map((c) => c.probSn);
    expect(probs).toEqual([...probs].sort((a, b) => b - a));
    for (const c of all.candidates) {
      const { rows } = await db.pool.query<{ probability: number; magpsf: number }>(
        `SELECT (SELECT probability FROM probability WHERE oid = $1 AND classifier_name = 'stamp_classifier' AND class_name = 'SN') AS probability,
                (SELECT magpsf FROM detection WHERE oid = $1 ORDER BY mjd LIMIT 1) AS magpsf`,
        [c.oid],
      );
      expect(c.probSn).toBe(rows[0]!.probability);
      expect(c.firstMagpsf).toBe(rows[0]!.magpsf);
    }
    const top = await listSnCandidates(db.pool, { windowHours: 168, limit: 10, sort: "magnitude", endMjd });
    const byMag = [...all.candidates].sort((a, b) => a.firstMagpsf - b.firstMagpsf || a.oid.localeCompare(b.oid)).slice(0, 10);
    expect(top.candidates.map((c) => c.oid)).toEqual(byMag.map((c) => c.oid));
  });
});
