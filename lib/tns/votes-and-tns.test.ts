import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { csrfTokenFor } from "../auth/csrf";
import { SESSION_COOKIE } from "../auth/sessions";
import { signOutAction } from "../auth/sign-out-action";
import { signInAction } from "../auth/sign-in-action";
import { signUpAction } from "../auth/sign-up-action";
import { setReviewerApprovalAction } from "../reviewers/set-reviewer-approval-action";
import { buildAtReport, tnsDateTime } from "../tns/build-at-report";
import { getAtReportData } from "../tns/get-at-report-data";
import { getReadyAtReport } from "../tns/get-ready-at-report";
import { sendAtReport } from "../tns/send-at-report";
import { submitAtReport } from "../tns/submit-at-report";
import { submitAtReportAction } from "../tns/submit-at-report-action";
import { getCandidateCard } from "../sn-hunter/get-candidate-card";
import { listSnCandidates } from "../sn-hunter/list-sn-candidates";
import { getVoteSummary } from "../sn-hunter/get-vote-summary";
import { setVoteAction, VOTES_PER_MINUTE } from "../sn-hunter/set-vote-action";
import { createReviewerInvitationAction } from "../reviewers/create-reviewer-invitation-action";
import { TestBrowser } from "../../tests/support/sn-hunter-testing";
import { ingestClassifiedSample } from "../../tests/support/sn-hunter-testing";

let db: TestDatabase;
/** An SN candidate of the sample with an upper limit before its first detection. */
let oid: string;
let admin: TestBrowser;

beforeAll(async () => {
  db = await createTestDatabase();
  await ingestClassifiedSample(db);
  const { rows } = await db.pool.query<{ oid: string }>(
    `SELECT o.oid FROM object o JOIN probability p ON p.oid = o.oid AND p.classifier_name = 'stamp_classifier' AND p.ranking = 1 AND p.class_name = 'SN'
     WHERE EXISTS (SELECT 1 FROM non_detection n WHERE n.oid = o.oid AND n.mjd < o.firstmjd) ORDER BY o.oid LIMIT 1`,
  );
  oid = rows[0]!.oid;
  // The first account of an installation is its admin.
  admin = await signUp("admin");
});
afterAll(async () => db?.drop());

/** Signs up and in; approved by the admin (the first account) unless `approved` is false. */
async function signUp(name: string, { approved = true } = {}): Promise<TestBrowser> {
  const browser = new TestBrowser(db);
  const credentials = { email: `${name}@example.org`, password: `${name} has a long password` };
  expect(await signUpAction({ ...credentials, displayName: name }, browser.context())).toEqual({ ok: true, data: { displayName: name } });
  expect(browser.jar.has(SESSION_COOKIE)).toBe(false);
  expect(await signInAction(credentials, browser.context())).toEqual({ ok: true, data: { displayName: name } });
  const cookie = browser.jar.get(SESSION_COOKIE)!;
  expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
  if (approved && name !== "admin") {
    const userId = await userIdOf(name);
    expect(await setReviewerApprovalAction({ csrfToken: csrf(admin), userId, approved: true }, admin.context())).toMatchObject({
      ok: true,
    });
  }
  return browser;
}
const userIdOf = async (name: string) =>
  (await db.pool.query<{ id: string }>("SELECT id::text FROM app_user WHERE email = $1", [`${name}@example.org`])).rows[0]!.id;
const csrf = (b: TestBrowser) => csrfTokenFor(b.jar.get(SESSION_COOKIE)!.value);
const vote = (b: TestBrowser, input: Record<string, unknown>) => setVoteAction({ csrfToken: csrf(b), ...input }, b.context());
async function voteRows(): Promise<{ kind: string; n: number }[]> {
  const { rows } = await db.pool.query<{ kind: string; n: number }>(
    "SELECT kind::text, count(*)::int AS n FROM candidate_vote WHERE oid = $1 GROUP BY 1 ORDER BY 1",
    [oid],
  );
  return rows;
}

describe("votes", () => {
  it("A and B vote possible SN: ready; a repeated vote counts once; A withdraws: not ready", async () => {
    const a = await signUp("alice");
    const b = await signUp("bob");
    const first = await vote(a, { oid, kind: "possible_sn", on: true });
    expect(first).toMatchObject({ ok: true, data: { possibleSn: 1, bogus: 0, consensus: "needs_votes", mine: ["possible_sn"] } });
    const second = await vote(b, { oid, kind: "possible_sn", on: true });
    expect(second).toMatchObject({ ok: true, data: { possibleSn: 2, consensus: "ready_to_report" } });
    const again = await vote(b, { oid, kind: "possible_sn", on: true });
    expect(again).toMatchObject({ ok: true, data: { possibleSn: 2, consensus: "ready_to_report" } });
    expect(await voteRows()).toEqual([{ kind: "possible_sn", n: 2 }]);

    const off = await vote(a, { oid, kind: "possible_sn", on: false });
    expect(off).toMatchObject({ ok: true, data: { possibleSn: 1, consensus: "needs_votes", mine: [] } });
    expect(await voteRows()).toEqual([{ kind: "possible_sn", n: 1 }]);

    // The queue reports the votes, and "hide reviewed" hides what this reviewer voted on.
    const [{ firstmjd, id }] = (
      await db.pool.query<{ firstmjd: number; id: string }>(
        "SELECT o.firstmjd, (SELECT id::text FROM app_user WHERE email = 'bob@example.org') AS id FROM object o WHERE oid = $1",
        [oid],
      )
    ).rows as [{ firstmjd: number; id: string }];
    const queue = (hideReviewed: boolean, userId?: string) =>
      listSnCandidates(db.pool, { windowHours: 24, limit: 1000, sort: "probability", endMjd: firstmjd, userId, hideReviewed });
    expect((await queue(false, id)).candidates.find((c) => c.oid === oid)).toMatchObject({
      possibleSnVotes: 1,
      bogusVotes: 0,
      myVotes: ["possible_sn"],
    });
    expect((await queue(true, id)).candidates.map((c) => c.oid)).not.toContain(oid);
    expect((await queue(true)).candidates.map((c) => c.oid)).not.toContain(oid);
    expect((await queue(false)).candidates.map((c) => c.oid)).toContain(oid);

    // A reviewer holds one opinion: bogus replaces their possible SN.
    await vote(a, { oid, kind: "possible_sn", on: true });
    const flip = await vote(a, { oid, kind: "bogus", on: true });
    expect(flip).toMatchObject({ ok: true, data: { possibleSn: 1, bogus: 1, consensus: "disputed", mine: ["bogus"] } });
    await vote(a, { oid, kind: "bogus", on: false });
  });

  it("refuses a signed-out vote, an unknown object, bad input, and forged or replayed requests", async () => {
    const before = await voteRows();
    const signedOut = await setVoteAction({ oid, kind: "possible_sn", on: true }, new TestBrowser(db).context());
    expect(signedOut).toMatchObject({ ok: false, code: "unauthorized" });

    const carol = await signUp("carol");
    expect(await vote(carol, { oid: "ZTF99zzzzzzz", kind: "possible_sn", on: true })).toMatchObject({
      ok: false,
      code: "not_found",
      message: expect.stringContaining("ZTF99zzzzzzz"),
    });
    expect(await vote(carol, { oid: "not-an-oid", kind: "possible_sn", on: true })).toMatchObject({ ok: false, code: "bad_request" });
    expect(await vote(carol, { oid, kind: "maybe", on: true })).toMatchObject({ ok: false, code: "bad_request" });

    // Forged: the session cookie rides along (a cross-site form post) but the page's token is missing or wrong.
    expect(await setVoteAction({ oid, kind: "possible_sn", on: true }, carol.context())).toMatchObject({ ok: false, code: "forbidden" });
    const dave = await signUp("dave");
    expect(await setVoteAction({ csrfToken: csrf(dave), oid, kind: "possible_sn", on: true }, carol.context())).toMatchObject({
      ok: false,
      code: "forbidden",
    });

    // Replayed after sign-out: the captured cookie and token no longer open a session.
    const token = csrf(carol);
    const stolen = { ...carol.context() };
    const captured = new TestBrowser(db);
    captured.jar.set(SESSION_COOKIE, carol.jar.get(SESSION_COOKIE)!);
    expect(await signOutAction({ csrfToken: token }, stolen)).toEqual({ ok: true, data: null });
    expect(await setVoteAction({ csrfToken: token, oid, kind: "possible_sn", on: true }, captured.context())).toMatchObject({
      ok: false,
      code: "unauthorized",
    });
    expect(await voteRows()).toEqual(before);
  });
});

describe("reviewer roles", () => {
  it("an unapproved account cannot vote and its old votes do not count; an admin's approval or an invitation lets it vote; the audit log records each step", async () => {
    await db.pool.query("DELETE FROM candidate_vote WHERE oid = $1", [oid]);
    const uma = await signUp("uma", { approved: false });
    const refused = await vote(uma, { oid, kind: "possible_sn", on: true });
    expect(refused).toMatchObject({ ok: false, code: "forbidden", message: expect.stringContaining("waiting for an admin's approval") });
    expect(await voteRows()).toEqual([]);
    // Votes cast before approval existed (rows in the table) do not make a candidate ready.
    await db.pool.query(
      "INSERT INTO candidate_vote (user_id, oid, kind) SELECT id, $1, 'possible_sn' FROM app_user WHERE email IN ('uma@example.org', 'admin@example.org')",
      [oid],
    );
    expect((await getVoteSummary(db.pool, oid)).possibleSn).toBe(1); // the admin's
    await db.pool.query("DELETE FROM candidate_vote WHERE oid = $1", [oid]);

    // Only an admin approves.
    const rob = await signUp("rob");
    const umaId = await userIdOf("uma");
    expect(await setReviewerApprovalAction({ csrfToken: csrf(rob), userId: umaId, approved: true }, rob.context())).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const approval = await setReviewerApprovalAction(
      { csrfToken: csrf(admin), userId: umaId, approved: true },
      admin.requestContext("req-approve"),
    );
    expect(approval).toEqual({ ok: true, data: { email: "uma@example.org", approved: true } });
    expect(await setVoteAction({ csrfToken: csrf(uma), oid, kind: "possible_sn", on: true }, uma.requestContext("req-vote"))).toMatchObject(
      {
        ok: true,
        data: { possibleSn: 1 },
      },
    );

    // An invitation: single use; the account starts approved.
    const invite = await createReviewerInvitationAction({ csrfToken: csrf(admin) }, admin.context());
    expect(invite).toMatchObject({ ok: true, data: { path: expect.stringMatching(/^\/sign-up\?invitation=[\w-]+$/) } });
    const token = invite.ok ? invite.data.path.split("=")[1]! : "";
    expect(await createReviewerInvitationAction({ csrfToken: csrf(rob) }, rob.context())).toMatchObject({ ok: false, code: "forbidden" });
    const ivan = new TestBrowser(db);
    const credentials = { email: "ivan@example.org", password: "ivan has a long password" };
    expect(await signUpAction({ ...credentials, displayName: "Ivan", invitation: token }, ivan.context())).toMatchObject({ ok: true });
    await signInAction(credentials, ivan.context());
    expect(await vote(ivan, { oid, kind: "possible_sn", on: true })).toMatchObject({
      ok: true,
      data: { possibleSn: 2, consensus: "ready_to_report" },
    });
    expect(
      await signUpAction(
        { email: "eve@example.org", password: "eve has a long password", displayName: "Eve", invitation: token },
        new TestBrowser(db).context(),
      ),
    ).toMatchObject({ ok: false, code: "forbidden", message: expect.stringContaining("used already") });

    // Ready, yet a reviewer who is not an admin cannot send it to TNS.
    expect(await submitAtReportAction({ csrfToken: csrf(uma), oid }, uma.context())).toMatchObject({
      ok: false,
      code: "forbidden",
      message: "Only an admin can do this.",
    });

    const { rows } = await db.pool.query<{ actor_email: string; action: string; target: string; request_id: string | null }>(
      `SELECT actor_email, action, target, request_id FROM audit_event
       WHERE actor_email IN ('uma@example.org', 'ivan@example.org') OR target = 'uma@example.org' ORDER BY id`,
    );
    expect(rows).toEqual([
      { actor_email: "uma@example.org", action: "sign_up", target: "uma@example.org", request_id: null },
      { actor_email: "admin@example.org", action: "approve_reviewer", target: "uma@example.org", request_id: "req-approve" },
      { actor_email: "uma@example.org", action: "vote", target: oid, request_id: "req-vote" },
      { actor_email: "ivan@example.org", action: "sign_up", target: "ivan@example.org", request_id: null },
      { actor_email: "ivan@example.org", action: "vote", target: oid, request_id: null },
    ]);
    await db.pool.query("DELETE FROM candidate_vote WHERE oid = $1", [oid]);
  });

  it("limits votes per reviewer and minute", async () => {
    const quick = await signUp("quick");
    const results = [];
    for (let i = 0; i <= VOTES_PER_MINUTE; i++) results.push(await vote(quick, { oid, kind: "bogus", on: i % 2 === 0 }));
    expect(results.slice(0, VOTES_PER_MINUTE).every((r) => r.ok)).toBe(true);
    expect(results[VOTES_PER_MINUTE]).toMatchObject({ ok: false, code: "rate_limited" });
    await db.pool.query("DELETE FROM candidate_vote WHERE oid = $1", [oid]);
  });
});

describe("TNS AT report", () => {
  it("of a ready candidate has the first detection's date and magnitude and the last non-detection's limit from the database", async () => {
    await expect(getReadyAtReport(db.pool, oid)).rejects.toThrow(/not ready to report/);
    const a = await signUp("erin");
    const b = await signUp("frank");
    await vote(a, { oid, kind: "possible_sn", on: true });
    await vote(b, { oid, kind: "possible_sn", on: true });
    const report = await getReadyAtReport(db.pool, oid);

    const first = (
      await db.pool.query<{ mjd: number; magpsf: number; sigmapsf: number; fid: number }>(
        "SELECT mjd, magpsf, sigmapsf, fid FROM detection WHERE oid = $1 ORDER BY mjd LIMIT 1",
        [oid],
      )
    ).rows[0]!;
    const limit = (
      await db.pool.query<{ mjd: number; diffmaglim: number; fid: number }>(
        "SELECT mjd, diffmaglim, fid FROM non_detection WHERE oid = $1 AND mjd < $2 ORDER BY mjd DESC LIMIT 1",
        [oid, first.mjd],
      )
    ).rows[0]!;
    const at = report.at_report["0"];
    expect(at.internal_name).toBe(oid);
    expect(at.remarks).toContain(oid);
    expect(at.discovery_datetime).toBe(tnsDateTime(first.mjd));
    expect(at.discovery_datetime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    const phot = at.photometry.photometry_group["0"];
    expect(Number(phot.flux)).toBeCloseTo(first.magpsf, 2);
    expect(Number(phot.flux_error)).toBeCloseTo(first.sigmapsf, 2);
    expect(phot.filter_value).toBe({ 1: "110", 2: "111", 3: "112" }[first.fid]);
    expect(at.non_detection).toMatchObject({ obsdate: tnsDateTime(limit.mjd), filter_value: { 1: "110", 2: "111", 3: "112" }[limit.fid] });
    expect(Number((at.non_detection as { limiting_flux: string }).limiting_flux)).toBeCloseTo(limit.diffmaglim, 2);
    expect(at.reporting_group_id).toMatch(/^\d+$/);

    await expect(getReadyAtReport(db.pool, "ZTF99zzzzzzz")).rejects.toThrow(/Unknown object/);
  });

  it("is POSTed to the configured endpoint as TNS's form (a local server, never the real TNS), and sending is off by default", async () => {
    expect(await submitAtReportAction({ csrfToken: csrf(admin), oid }, admin.context())).toMatchObject({ ok: false, code: "unavailable" });
    await signUp("gina");

    const received: { userAgent?: string; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push({ userAgent: req.headers["user-agent"], body });
        res.setHeader("content-type", "application/json");
        if (req.url?.endsWith("/refuse")) {
          res.statusCode = 401;
          res.end(JSON.stringify({ id_code: 401, id_message: "Unauthorized" }));
          return;
        }
        res.end(JSON.stringify({ id_code: 200, id_message: "OK", data: { report_id: 12345 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/bulk-report`;
      const report = await getReadyAtReport(db.pool, oid);
      const endpoint = { url, apiKey: "sandbox-key", botId: "1234", botName: "cielo_bot" };
      const gina = { id: await userIdOf("gina"), email: "gina@example.org" };
      const reply = await submitAtReport(db, gina, oid, endpoint, "req-send");
      expect(reply.id_code).toBe(200);
      // The audit log holds the send: who, which candidate, where, and the request.
      const sent = await db.pool.query<{ actor_email: string; target: string; request_id: string; details: { endpoint: string } }>(
        "SELECT actor_email, target, request_id, details FROM audit_event WHERE action = 'tns_send'",
      );
      expect(sent.rows).toEqual([
        { actor_email: "gina@example.org", target: oid, request_id: "req-send", details: expect.objectContaining({ endpoint: url }) },
      ]);
      // Recorded, and not sent twice to the same endpoint.
      const recorded = await db.pool.query<{ endpoint: string; reply: { data: { report_id: number } } }>(
        "SELECT endpoint, reply FROM tns_submission WHERE oid = $1",
        [oid],
      );
      expect(recorded.rows).toEqual([{ endpoint: url, reply: expect.objectContaining({ data: { report_id: 12345 } }) }]);
      await expect(submitAtReport(db, gina, oid, endpoint)).rejects.toThrow(/already reported .* by gina/);
      // A refusal from TNS is reported as such (sendAtReport throws with TNS's message).
      await expect(sendAtReport(report, { ...endpoint, url: url.replace("bulk-report", "refuse") })).rejects.toThrow(
        /TNS refused the report \(401\): Unauthorized/,
      );
      // The submission and the refused probe; the duplicate submission never left the server.
      expect(received).toHaveLength(2);
      expect(received[0]!.userAgent).toBe('tns_marker{"tns_id":1234,"type":"bot","name":"cielo_bot"}');
      expect(received[0]!.body).toContain('name="api_key"');
      expect(received[0]!.body).toContain("sandbox-key");
      expect(received[0]!.body).toContain(JSON.stringify(report));
    } finally {
      server.close();
    }
  });
});

describe("review card", () => {
  it("shows the first detection, the first alert with stamps, host context and the stamp probabilities from the database", async () => {
    const card = (await getCandidateCard(db.readPool, oid))!;
    const { rows } = await db.pool.query<{ candid: string; mjd: number; magpsf: number; has_stamp: boolean }>(
      "SELECT candid::text, mjd, magpsf, has_stamp FROM detection WHERE oid = $1 ORDER BY mjd, candid",
      [oid],
    );
    expect(card.firstDetection).toMatchObject({ candid: rows[0]!.candid, mjd: rows[0]!.mjd, magpsf: rows[0]!.magpsf });
    expect(card.stampAlert?.candid).toBe(rows.find((r) => r.has_stamp)?.candid);
    const stamps = await db.pool.query("SELECT kind FROM cutout WHERE candid = $1", [card.stampAlert!.candid]);
    expect(stamps.rowCount).toBe(3);
    expect(card.stampProbabilities.map((p) => p.ranking)).toEqual([1, 2, 3, 4, 5]);
    expect(card.stampProbabilities[0]!.className).toBe("SN");
    expect(card.stampProbabilities.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 5);
    const ps1 = await db.pool.query<{ sgscore1: number | null }>("SELECT sgscore1 FROM ps1_ztf WHERE oid = $1 ORDER BY candid LIMIT 1", [
      oid,
    ]);
    expect(card.ps1?.sgscore1).toBe(ps1.rows[0]?.sgscore1);
    expect(card.lightcurve.detections).toHaveLength(rows.length);
    expect(await getCandidateCard(db.readPool, "ZTF99zzzzzzz")).toBeNull();
  });

  it("an AT report without an earlier upper limit says so in TNS's archival form", async () => {
    const data = (await getAtReportData(db.pool, oid))!;
    const report = buildAtReport({ ...data, lastNonDetection: null }, { reportingGroupId: "0", reporter: "test" });
    expect(report.at_report["0"].non_detection).toEqual({
      archiveid: "0",
      archival_remarks: expect.stringContaining("No ZTF non-detection"),
    });
  });
});
