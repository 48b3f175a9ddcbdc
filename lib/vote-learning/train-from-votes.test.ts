// Issue 19's "what must show" for learning from votes, on real ingested alerts and a real database:
// scripted reviewers vote on the sample's SN candidates, `trainFromVotes` records a model version
// with its held-out evaluation, promotes it only when it beats production, and SN Hunter's queue
// can be ordered by the serving model's uncertainty.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { ingestClassifiedSample } from "../../tests/support/sn-hunter-testing";
import { setVote } from "../sn-hunter/set-vote";
import { listSnCandidates } from "../sn-hunter/list-sn-candidates";
import { getServingVoteModel, listVoteModelVersions } from "./serving-vote-model";
import { trainFromVotes } from "./train-from-votes";
import { isHeldOut } from "./vote-labels";

let db: TestDatabase;
let candidates: { oid: string; magpsf: number; probSn: number; probBogus: number }[];
const reviewers: { id: string; email: string }[] = [];

async function addUser(name: string, approved: boolean): Promise<{ id: string; email: string }> {
  const email = `${name}@example.org`;
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO app_user (id, email, display_name, approved_at) VALUES (gen_random_uuid(), $1, $2, ${approved ? "now()" : "NULL"}) RETURNING id`,
    [email, name],
  );
  return { id: rows[0]!.id, email };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await ingestClassifiedSample(db);
  // The sample's stamp-classified objects (with P(SN) and P(bogus) for the baseline). Only 23 are SN
  // candidates (ranking-1 SN), too few for a held-out share, so the scripted reviewers vote on all.
  const { rows } = await db.pool.query<{ oid: string; magpsf: number; prob_sn: number; prob_bogus: number }>(
    `SELECT o.oid, d.magpsf, p.probability AS prob_sn, b.probability AS prob_bogus
     FROM object o
     JOIN probability p ON p.oid = o.oid AND p.classifier_name = 'stamp_classifier' AND p.class_name = 'SN'
       AND p.classifier_version = (SELECT max(classifier_version) FROM probability WHERE oid = o.oid AND classifier_name = 'stamp_classifier')
     JOIN probability b ON b.oid = o.oid AND b.classifier_name = 'stamp_classifier' AND b.classifier_version = p.classifier_version AND b.class_name = 'bogus'
     JOIN LATERAL (SELECT magpsf FROM detection WHERE oid = o.oid ORDER BY mjd, candid LIMIT 1) d ON true
     ORDER BY o.oid`,
  );
  candidates = rows.map((r) => ({ oid: r.oid, magpsf: r.magpsf, probSn: r.prob_sn, probBogus: r.prob_bogus }));
  for (const name of ["ana", "ben", "chloe"]) reviewers.push(await addUser(name, true));
}, 300_000);

afterAll(async () => db?.drop());

describe("learning from SN Hunter votes (real alerts, real database)", () => {
  it("refuses to train below the minimum number of votes, saying so, and records nothing", async () => {
    const result = await trainFromVotes(db.pool, { minVotes: 30 });
    expect(result.status).toBe("not_enough_votes");
    if (result.status === "not_enough_votes") {
      expect(result.votes).toBe(0);
      expect(result.message).toMatch(/0 votes .* at least 30 are needed/);
    }
    expect(await listVoteModelVersions(db.pool)).toHaveLength(0);
  });

  it("learns a reviewers' rule the stamp classifier does not know, records the evaluation and promotes it; a model no better leaves production unchanged", async () => {
    expect(candidates.length).toBeGreaterThanOrEqual(40);
    expect(candidates.filter((c) => isHeldOut(c.oid)).length).toBeGreaterThanOrEqual(8);
    // Scripted reviewers: "bogus" for candidates first seen fainter than the sample's median, else "possible SN".
    const sorted = candidates.map((c) => c.magpsf).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    for (const reviewer of reviewers) {
      for (const c of candidates)
        await setVote(db.pool, reviewer, { oid: c.oid, kind: c.magpsf > median ? "bogus" : "possible_sn", on: true });
    }
    // An unapproved account's votes never count.
    const outsider = await addUser("dan", false);
    for (const c of candidates.slice(0, 10)) await setVote(db.pool, outsider, { oid: c.oid, kind: "possible_sn", on: true });

    const first = await trainFromVotes(db.pool, { minVotes: 30 });
    expect(first.status).toBe("trained");
    if (first.status !== "trained") return;
    const heldOut = candidates.filter((c) => isHeldOut(c.oid));
    expect(first.holdoutObjects).toBe(heldOut.length);
    expect(first.trainObjects).toBe(candidates.length - heldOut.length);
    expect(first.trainVotes).toBe(3 * first.trainObjects);
    expect(first.holdoutVotes).toBe(3 * first.holdoutObjects);
    expect(first.comparedWith).toBe("stamp_classifier");
    // The production baseline, recomputed here from the probability table: P(SN) / (P(SN) + P(bogus)), ½ when both are 0.
    const y = heldOut.map((c) => (c.magpsf > median ? 0 : 1));
    const baseline =
      -heldOut.reduce((s, c, i) => {
        const share = c.probSn + c.probBogus > 0 ? c.probSn / (c.probSn + c.probBogus) : 0.5;
        const p = Math.min(1 - 1e-6, Math.max(1e-6, share));
        return s + (y[i] === 1 ? Math.log(p) : Math.log(1 - p));
      }, 0) / heldOut.length;
    expect(first.production.log_loss).toBeCloseTo(baseline, 9);
    expect(first.candidate.log_loss).toBeLessThan(first.production.log_loss);
    expect(first.candidate.accuracy).toBeGreaterThan(0.8);
    expect(first.promoted).toBe(true);

    const [recorded] = await listVoteModelVersions(db.pool);
    expect(recorded!.version).toBe(first.version);
    expect(recorded!.promoted).toBe(true);
    expect(recorded!.trainVotes).toBe(first.trainVotes);
    expect(recorded!.evaluation.candidate.log_loss).toBeCloseTo(first.candidate.log_loss, 12);
    expect(recorded!.evaluation.production.log_loss).toBeCloseTo(first.production.log_loss, 12);
    expect(recorded!.card).toContain(`Learned from ${first.trainVotes} votes`);
    const serving = await getServingVoteModel(db.pool);
    expect(serving!.version).toBe(first.version);

    // The same votes again: the same (deterministic) model, no lower log loss than production: recorded, not promoted.
    const second = await trainFromVotes(db.pool, { minVotes: 30 });
    expect(second.status).toBe("trained");
    if (second.status !== "trained") return;
    expect(second.comparedWith).toBe(`vote_model_${first.version}`);
    expect(second.candidate.log_loss).toBeGreaterThanOrEqual(second.production.log_loss);
    expect(second.promoted).toBe(false);
    const versions = await listVoteModelVersions(db.pool);
    expect(versions.map((v) => [v.version, v.promoted])).toEqual([
      [second.version, false],
      [first.version, true],
    ]);
    expect(versions[0]!.card).toContain("Not promoted");
    const stillServing = await getServingVoteModel(db.pool);
    expect(stillServing!.version).toBe(first.version);
    expect(stillServing!.model).toEqual(serving!.model);
  }, 300_000);

  it("orders SN Hunter's queue by the serving model's uncertainty (|p − 0.5| smallest first)", async () => {
    // The week of the sample holding the most SN candidates.
    const { rows } = await db.pool.query<{ end_mjd: number }>(
      `WITH sn AS (SELECT o.firstmjd FROM object o JOIN probability p ON p.oid = o.oid
                   WHERE p.classifier_name = 'stamp_classifier' AND p.ranking = 1 AND p.class_name = 'SN')
       SELECT a.firstmjd AS end_mjd FROM sn a
       ORDER BY (SELECT count(*) FROM sn b WHERE b.firstmjd > a.firstmjd - 7 AND b.firstmjd <= a.firstmjd) DESC, a.firstmjd LIMIT 1`,
    );
    const endMjd = rows[0]!.end_mjd;
    const all = await listSnCandidates(db.pool, { windowHours: 168, limit: 1000, sort: "probability", endMjd });
    const queue = await listSnCandidates(db.pool, { windowHours: 168, limit: 1000, sort: "uncertainty", endMjd });
    expect(queue.candidates.length).toBeGreaterThan(5);
    expect(queue.candidates.map((c) => c.oid).sort()).toEqual(all.candidates.map((c) => c.oid).sort());
    const serving = await getServingVoteModel(db.pool);
    expect(queue.uncertaintyModel).toEqual({ servedBy: `vote_model_${serving!.version}`, trainVotes: serving!.trainVotes });
    const margins = queue.candidates.map((c) => Math.abs(c.modelSnProbability! - 0.5));
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
    // A shorter queue is the head of the same order.
    const top = await listSnCandidates(db.pool, { windowHours: 168, limit: 10, sort: "uncertainty", endMjd });
    expect(top.candidates.map((c) => c.oid)).toEqual(queue.candidates.slice(0, 10).map((c) => c.oid));
    expect(all.candidates.every((c) => c.modelSnProbability === null)).toBe(true);
  });
});
