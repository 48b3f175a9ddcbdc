import fs from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, expect, type Page, test, type TestInfo } from "@playwright/test";
import { query } from "./e2e-database";

const PASSWORD = "a long enough test password";

const votesOf = async (oid: string, email: string) =>
  (
    await query<{ n: number }>(
      "SELECT count(*)::int AS n FROM candidate_vote v JOIN app_user u ON u.id = v.user_id WHERE v.oid = $1 AND u.email = $2",
      [oid, email],
    )
  )[0]!.n;

/** A second browser with the same device settings as the project (desktop or phone). */
async function newReviewerContext(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL } = testInfo.project.use;
  return browser.newContext({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL });
}

const ADMIN_EMAIL = "admin@example.org"; // CIELO_ADMIN_EMAIL of the e2e server (playwright.config.ts)

/** Approval straight in the database, for tests about other things (the admin page is tested below). */
async function approveInDb(email: string) {
  await query("UPDATE app_user SET approved_at = now() WHERE email = $1", [email]);
}

/** Signs the admin in (signing up the first time: sign-up answers alike for a known email, then signs in). */
async function signInAsAdmin(page: Page) {
  await page.goto("/sign-up?next=/sn-hunter/admin");
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Name shown with your votes").fill("Ada Admin");
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up then sign-in: two password hashes (queued behind others' in the hashing budget), slow on a busy machine.
  await page.waitForURL((url) => url.pathname === "/sn-hunter/admin", { timeout: 120_000 });
  await expect(page.getByRole("heading", { name: "SN Hunter admin" })).toBeVisible({ timeout: 60_000 });
}

async function signUp(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase()}-${test.info().project.name}-${Date.now()}@example.org`;
  await page.goto("/sign-up?next=/sn-hunter");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name shown with your votes").fill(name);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up then sign-in: two password hashes (queued behind others' in the hashing budget), slow on a busy
  // machine (the sign-up URL holds "/sn-hunter" too).
  await page.waitForURL((url) => url.pathname === "/sn-hunter", { timeout: 120_000 });
  await expect(page.getByTestId("account")).toContainText(`Signed in as ${name}`, { timeout: 60_000 });
  return email;
}

/** "Earlier candidates" until the queue holds `n` (the sample's full night, 2018-11-29). */
async function goToWindowWithCandidates(page: Page, n: number) {
  const note = page.getByTestId("window-note");
  for (let i = 0; i < 6 && (await page.getByTestId("candidate-item").count()) < n; i++) {
    const before = (await note.textContent()) ?? "";
    await page.getByRole("link", { name: "← Earlier candidates" }).click();
    // A server render on the shared 2-core machine can take a while.
    await expect(note).not.toHaveText(before, { timeout: 20_000 });
  }
}

/** Attached to the report, and kept in .data/screenshots/sn-hunter/ (test-results/ is emptied by every run). */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
  const kept = path.resolve(".data/screenshots/sn-hunter");
  fs.mkdirSync(kept, { recursive: true });
  fs.copyFileSync(file, path.join(kept, `${testInfo.project.name}-${name}.png`));
}

test.describe("SN Hunter", () => {
  test("the default view shows the SN candidates of the newest window that has some, as in the database", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "SN Hunter" }).click();
    await expect(page.getByRole("heading", { name: "SN Hunter" })).toBeVisible();
    const note = page.getByTestId("window-note");
    await expect(note).toHaveAttribute("data-anchor", /newest_(candidate|alert)/);
    const shown = (await page.getByTestId("candidate-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-oid")!))).sort();
    expect(shown.length).toBeGreaterThan(0);
    // The database's own answer: ranking-1 stamp class SN, first detection within 24 h before the newest SN candidate's.
    const expected = await query<{ oid: string }>(`
      WITH sn AS (SELECT o.oid, o.firstmjd FROM object o JOIN probability p ON p.oid = o.oid
                  WHERE p.classifier_name = 'stamp_classifier' AND p.ranking = 1 AND p.class_name = 'SN')
      SELECT oid FROM sn WHERE firstmjd > (SELECT max(firstmjd) FROM sn) - 1 ORDER BY oid`);
    expect(shown).toEqual(expected.map((r) => r.oid));
  });

  test("Sort → 'Model least sure first' orders the queue by the model's uncertainty and keeps it in the URL", async ({
    page,
  }, testInfo) => {
    await page.goto("/sn-hunter?windowHours=168");
    const options = page.getByRole("form", { name: "Queue options" });
    if (!(await options.isVisible())) await page.getByRole("button", { name: /Queue options/ }).click();
    await options.getByRole("combobox", { name: "Sort" }).selectOption("uncertainty");
    await options.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/[?&]sort=uncertainty/);
    await expect(page.getByTestId("uncertainty-note")).toContainText("between SN and bogus");
    const ps = await page
      .getByTestId("candidate-model-p")
      .evaluateAll((els) => els.map((e) => Number(/model (\d+)%/.exec(e.textContent ?? "")![1])));
    expect(ps.length).toBeGreaterThan(0);
    // Rounded to whole percent on the page: |p − 50| never decreases by more than the rounding.
    for (let i = 1; i < ps.length; i++) expect(Math.abs(ps[i]! - 50)).toBeGreaterThanOrEqual(Math.abs(ps[i - 1]! - 50) - 1);
    await page.screenshot({ path: testInfo.outputPath("sn-hunter-uncertainty.png"), fullPage: true });
  });

  test("two reviewers vote possible SN: ready to report, with a TNS report from the first detection; one withdraws: not ready; signed out cannot vote", async ({
    page,
    browser,
  }, testInfo) => {
    // Three sign-ins' password hashes, three browsers and a dozen server renders: on the 2 shared cores
    // with other work running this takes minutes, not seconds. Every wait below is for a state (an
    // element's text, a URL), with a bound generous enough for a busy machine.
    test.setTimeout(300_000);
    const afterServer = expect.configure({ timeout: 60_000 });
    const aliceEmail = await signUp(page, "Alice");
    await approveInDb(aliceEmail);
    const oid = (await page.getByTestId("candidate-card").getAttribute("data-oid"))!;
    // The projects share one database: start from no votes on this candidate, and leave none behind.
    await query("DELETE FROM candidate_vote WHERE oid = $1", [oid]);
    expect(oid).toMatch(/^ZTF\d{2}[a-z]{7}$/);
    const possible = page.getByRole("button", { name: /^Possible SN/ });
    await possible.click();
    await afterServer(possible).toHaveAttribute("aria-pressed", "true");
    await afterServer(page.getByTestId("vote-counts")).toHaveText("1 possible SN · 0 bogus");
    await afterServer(page.getByTestId("consensus")).toHaveText("Needs votes");

    const bobContext = await newReviewerContext(browser, testInfo);
    const bob = await bobContext.newPage();
    const bobEmail = await signUp(bob, "Bob");
    await approveInDb(bobEmail);
    await bob.goto(`/sn-hunter?oid=${oid}`);
    await bob.getByRole("button", { name: /^Possible SN/ }).click();
    await afterServer(bob.getByTestId("consensus")).toHaveText("Ready to report");
    await afterServer(bob.getByTestId("voters")).toContainText("Alice: possible SN");
    await afterServer(bob.getByTestId("voters")).toContainText("Bob: possible SN");
    await shot(bob, testInfo, "ready-to-report");

    await page.reload();
    await afterServer(page.getByTestId("consensus")).toHaveText("Ready to report");
    const download = await page.request.get(`/sn-hunter/report/${oid}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain(`tns-at-report-${oid}.json`);
    const report = (await download.json()) as {
      at_report: {
        "0": { internal_name: string; discovery_datetime: string; photometry: { photometry_group: { "0": { flux: string } } } };
      };
    };
    const [first] = await query<{ mjd: number; magpsf: number }>("SELECT mjd, magpsf FROM detection WHERE oid = $1 ORDER BY mjd LIMIT 1", [
      oid,
    ]);
    const at = report.at_report["0"];
    expect(at.internal_name).toBe(oid);
    expect(Date.parse(`${at.discovery_datetime.replace(" ", "T")}Z`)).toBeCloseTo((first!.mjd - 40587) * 86_400_000, -1);
    expect(Number(at.photometry.photometry_group["0"].flux)).toBeCloseTo(first!.magpsf, 2);

    // Alice withdraws: not ready any more, for both of them; the report is refused.
    await possible.click();
    await afterServer(possible).toHaveAttribute("aria-pressed", "false");
    await afterServer(page.getByTestId("consensus")).toHaveText("Needs votes");
    await bob.reload();
    await afterServer(bob.getByTestId("consensus")).toHaveText("Needs votes");
    expect((await page.request.get(`/sn-hunter/report/${oid}`)).status()).toBe(409);
    expect(await votesOf(oid, aliceEmail)).toBe(0);

    // A visitor who is not signed in is told to sign in, and nothing is recorded.
    const visitorContext = await newReviewerContext(browser, testInfo);
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/sn-hunter?oid=${oid}`);
    await visitor.getByRole("button", { name: /^Possible SN/ }).click();
    await afterServer(visitor.getByTestId("triage-message")).toContainText("Sign in to vote");
    const counts = await query<{ n: number }>("SELECT count(*)::int AS n FROM candidate_vote WHERE oid = $1", [oid]);
    expect(counts[0]!.n).toBe(1);
    await shot(visitor, testInfo, "signed-out");
    await bobContext.close();
    await visitorContext.close();
    await query("DELETE FROM candidate_vote WHERE oid = $1", [oid]);
  });

  test("keyboard triage: j/k move through the queue, s and b vote and withdraw, o opens the Explorer", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name === "phone", "phones have no keyboard; the phone test covers buttons and swipes");
    const email = await signUp(page, "Kira");
    await approveInDb(email);
    await page.reload();
    // Step back to a window with several candidates (the sample's full night).
    await goToWindowWithCandidates(page, 3);
    const items = page.getByTestId("candidate-item");
    expect(await items.count()).toBeGreaterThanOrEqual(3);
    const oids = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-oid")!));
    const card = page.getByTestId("candidate-card");
    await expect(card).toHaveAttribute("data-oid", oids[0]!);

    await page.keyboard.press("j");
    await expect(card).toHaveAttribute("data-oid", oids[1]!);
    await expect(page).toHaveURL(new RegExp(`oid=${oids[1]}`));
    await page.keyboard.press("j");
    await expect(card).toHaveAttribute("data-oid", oids[2]!);
    await page.keyboard.press("k");
    await expect(card).toHaveAttribute("data-oid", oids[1]!);

    const possible = page.getByRole("button", { name: /^Possible SN/ });
    const bogus = page.getByRole("button", { name: /^Bogus/ });
    await page.keyboard.press("s");
    await expect(possible).toHaveAttribute("aria-pressed", "true");
    expect(await votesOf(oids[1]!, email)).toBe(1);
    await page.keyboard.press("s");
    await expect(possible).toHaveAttribute("aria-pressed", "false");
    await page.keyboard.press("b");
    await expect(bogus).toHaveAttribute("aria-pressed", "true");
    await expect(possible).toHaveAttribute("aria-pressed", "false");
    await expect(page.locator(`[data-testid=candidate-item][data-oid=${oids[1]}]`)).toContainText("0✓ 1✗");
    await shot(page, testInfo, "keyboard-triage");
    const kinds = await query<{ kind: string }>(
      "SELECT v.kind::text FROM candidate_vote v JOIN app_user u ON u.id = v.user_id WHERE v.oid = $1 AND u.email = $2",
      [oids[1], email],
    );
    expect(kinds.map((k) => k.kind)).toEqual(["bogus"]);

    // Typing in a form field is not triage.
    await page.locator("input[name=limit]").press("j");
    await expect(card).toHaveAttribute("data-oid", oids[1]!);

    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("o");
    await expect(page).toHaveURL(new RegExp(`/object/${oids[1]}$`));
  });

  test("on a phone the triage bar stays at the bottom with big buttons, and a swipe moves to the next candidate", async ({
    page,
  }, testInfo) => {
    test.skip(testInfo.project.name !== "phone", "phone layout");
    await approveInDb(await signUp(page, "Pia"));
    await page.reload();
    await goToWindowWithCandidates(page, 3);
    const oids = await page.getByTestId("candidate-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-oid")!));
    const viewport = page.viewportSize()!;
    const possible = page.getByRole("button", { name: /^Possible SN/ });
    const box = (await possible.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.y + box.height).toBeGreaterThan(viewport.height - 80);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    // No sideways scrolling on a 390 px wide screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await shot(page, testInfo, "phone-card");

    await possible.tap();
    await expect(possible).toHaveAttribute("aria-pressed", "true");
    const card = page.getByTestId("candidate-card");
    await expect(card).toHaveAttribute("data-oid", oids[0]!);
    await card.evaluate((el) => {
      const touch = (x: number) => new Touch({ identifier: 1, target: el, clientX: x, clientY: 300 });
      el.dispatchEvent(new TouchEvent("touchstart", { touches: [touch(320)], changedTouches: [touch(320)], bubbles: true }));
      el.dispatchEvent(new TouchEvent("touchend", { touches: [], changedTouches: [touch(80)], bubbles: true }));
    });
    await expect(card).toHaveAttribute("data-oid", oids[1]!);
    await page.getByRole("link", { name: "Previous candidate" }).tap();
    await expect(card).toHaveAttribute("data-oid", oids[0]!);
    await expect(possible).toHaveAttribute("aria-pressed", "true");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await shot(page, testInfo, "phone-queue");
  });

  test("forged and replayed vote requests are refused: foreign origin, wrong CSRF token, after sign-out", async ({
    page,
    context,
  }, testInfo) => {
    test.skip(testInfo.project.name === "phone", "server-side check; once is enough");
    const email = await signUp(page, "Mallory-target");
    await approveInDb(email);
    await page.reload();
    const oid = (await page.getByTestId("candidate-card").getAttribute("data-oid"))!;
    const possible = page.getByRole("button", { name: /^Possible SN/ });
    const captured = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
    await possible.click();
    const request = await captured;
    await expect(possible).toHaveAttribute("aria-pressed", "true");
    await possible.click(); // withdraw: the captured request (on: true) would cast it again
    await expect(possible).toHaveAttribute("aria-pressed", "false");
    expect(await votesOf(oid, email)).toBe(0);

    const body = request.postData()!;
    expect(body).toContain('"csrfToken"');
    const session = (await context.cookies()).find((c) => c.name === "cielo_session")!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe("Lax");
    const headers = (extra: Record<string, string>) => ({
      "next-action": request.headers()["next-action"]!,
      "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      cookie: `cielo_session=${session.value}`,
      ...extra,
    });
    const origin = new URL(page.url()).origin;
    const replay = (extra: Record<string, string>, data = body) =>
      page.request.post(request.url(), { headers: headers(extra), data, failOnStatusCode: false });

    // A cross-site page posting with the victim's cookie: Next refuses the foreign Origin.
    await replay({ origin: "https://evil.example" });
    expect(await votesOf(oid, email)).toBe(0);
    // Same origin but without the session's token (a forged form): the wrapper refuses it.
    const forged = await replay({ origin }, body.replace(/"csrfToken":"[^"]+"/, '"csrfToken":"forged"'));
    expect(await forged.text()).toContain("did not come from a Cielo page");
    expect(await votesOf(oid, email)).toBe(0);
    // Control: the untouched request from the right origin does work (so the refusals above mean something).
    await replay({ origin });
    expect(await votesOf(oid, email)).toBe(1);
    await page.reload();
    await expect(possible).toHaveAttribute("aria-pressed", "true");
    await possible.click();
    await expect(possible).toHaveAttribute("aria-pressed", "false");
    expect(await votesOf(oid, email)).toBe(0);

    // Replayed after sign-out with the old cookie: the session is gone.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    const afterSignOut = await replay({ origin });
    expect(await afterSignOut.text()).toContain("Sign in to do this");
    expect(await votesOf(oid, email)).toBe(0);
  });

  test("on /account a weak new password is refused, a password change signs the other browser out, and sign out everywhere ends every session", async ({
    page,
    browser,
  }, testInfo) => {
    test.skip(testInfo.project.name === "phone", "server-side sessions; once is enough");
    test.setTimeout(300_000);
    const afterServer = expect.configure({ timeout: 60_000 });
    const NEW_PASSWORD = "a different long test passphrase";
    const email = await signUp(page, "Olga");
    const signIn = async (p: Page, password: string) => {
      await p.goto("/sign-in?next=/account");
      await p.getByLabel("Email").fill(email);
      await p.getByLabel(/^Password/).fill(password);
      await p.getByRole("button", { name: "Sign in" }).click();
    };
    const signedOut = (p: Page) => afterServer(p.getByText("to manage your account")).toBeVisible();
    const sessions = async () =>
      (
        await query<{ n: number }>("SELECT count(*)::int AS n FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1", [
          email,
        ])
      )[0]!.n;
    const otherContext = await newReviewerContext(browser, testInfo);
    const other = await otherContext.newPage();
    await signIn(other, PASSWORD);
    await afterServer(other.getByRole("heading", { name: "Account" })).toBeVisible();
    expect(await sessions()).toBe(2);

    await page.goto("/account");
    const message = page.getByTestId("account-message");
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel(/^New password/).fill("password1234");
    await page.getByRole("button", { name: "Change password" }).click();
    await afterServer(message).toContainText("too easy to guess");
    await page.getByLabel("Current password").fill("not the password at all");
    await page.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await afterServer(message).toHaveText("The current password is wrong.");
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await afterServer(message).toHaveText("Password changed; 1 other session(s) signed out.");
    expect(await sessions()).toBe(1);
    await other.goto("/account");
    await signedOut(other);
    // The old password no longer opens the account; the new one does.
    await signIn(other, PASSWORD);
    await afterServer(other.getByTestId("form-error")).toHaveText("Wrong email or password.");
    await signIn(other, NEW_PASSWORD);
    await afterServer(other.getByRole("heading", { name: "Account" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in", { timeout: 60_000 });
    expect(await sessions()).toBe(0);
    await other.goto("/account");
    await signedOut(other);
    await page.goto("/account");
    await signedOut(page);
    const audit = await query<{ action: string; request_id: string | null }>(
      "SELECT action, request_id FROM audit_event WHERE actor_email = $1 ORDER BY id",
      [email],
    );
    expect(audit.map((a) => a.action)).toEqual(["sign_up", "password_change", "sign_out_everywhere"]);
    expect(audit.slice(1).every((a) => /^[0-9a-f-]{36}$/.test(a.request_id ?? ""))).toBe(true);
    await otherContext.close();
  });

  test("sign-in is rate limited after repeated wrong passwords", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name === "phone", "server-side check; once is enough");
    const email = await signUp(page, "Rita");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.goto("/sign-in");
    const attempts = async () =>
      (await query<{ n: number }>("SELECT count(*)::int AS n FROM auth_attempt WHERE email = $1 AND NOT succeeded", [email]))[0]!.n;
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel(/^Password/).fill(`wrong ${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(attempts).toBe(i + 1);
      await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
    }
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toContainText("Too many failed sign-in attempts");
    await shot(page, testInfo, "rate-limited");
  });
  test("an unapproved account cannot vote and a non-admin cannot send to TNS; the admin approves on the admin page; the audit log records each step", async ({
    page,
    browser,
  }, testInfo) => {
    test.skip(testInfo.project.name === "phone", "server-side checks; once is enough");
    const email = await signUp(page, "Uma");
    const oid = (await page.getByTestId("candidate-card").getAttribute("data-oid"))!;
    await query("DELETE FROM candidate_vote WHERE oid = $1", [oid]);
    await expect(page.getByTestId("awaiting-approval")).toContainText("waiting for an admin's approval");
    const possible = page.getByRole("button", { name: /^Possible SN/ });
    await possible.click();
    await expect(page.getByTestId("triage-message")).toContainText("waiting for an admin's approval");
    expect(await votesOf(oid, email)).toBe(0);
    // The admin page is for admins only.
    await page.goto("/sn-hunter/admin");
    await expect(page.getByTestId("admin-refused")).toContainText("Only an admin");

    // The admin approves Uma on the admin page.
    const adminContext = await newReviewerContext(browser, testInfo);
    const admin = await adminContext.newPage();
    await signInAsAdmin(admin);
    const row = admin.locator(`tr[data-email="${email}"]`);
    await row.getByRole("button", { name: "Approve Uma" }).click();
    await expect(row).toContainText("approved");

    await page.goto(`/sn-hunter?oid=${oid}`);
    await expect(page.getByTestId("awaiting-approval")).toHaveCount(0);
    await possible.click();
    await expect(possible).toHaveAttribute("aria-pressed", "true");
    expect(await votesOf(oid, email)).toBe(1);

    // A second approved reviewer makes the candidate ready; Uma (no admin) has no "Send to TNS", and the action refuses her.
    const second = `second-${testInfo.project.name}-${Date.now()}@example.org`;
    await query("INSERT INTO app_user (id, email, display_name, approved_at) VALUES (gen_random_uuid(), $1, 'Second', now())", [second]);
    await query("INSERT INTO candidate_vote (user_id, oid, kind) SELECT id, $2, 'possible_sn' FROM app_user WHERE email = $1", [
      second,
      oid,
    ]);
    await page.reload();
    await expect(page.getByTestId("consensus")).toHaveText("Ready to report");
    await expect(page.getByRole("button", { name: "Send to TNS" })).toHaveCount(0);

    // The audit log on the admin page shows the sign-up, the approval and the vote, with request ids.
    await admin.reload();
    const log = admin.getByTestId("audit-log");
    await expect(log.locator(`tr[data-action="sign_up"]`, { hasText: email })).toHaveCount(1);
    await expect(log.locator(`tr[data-action="approve_reviewer"]`, { hasText: email })).toContainText(ADMIN_EMAIL);
    await expect(log.locator(`tr[data-action="vote"]`, { hasText: email })).toContainText(oid);
    const events = await query<{ action: string; request_id: string | null }>(
      "SELECT action, request_id FROM audit_event WHERE actor_email = $1 OR target = $1 ORDER BY id",
      [email],
    );
    expect(events.map((e) => e.action)).toEqual(["sign_up", "approve_reviewer", "vote"]);
    for (const e of events) expect(e.request_id).toMatch(/^[0-9a-f-]{36}$/);
    await shot(admin, testInfo, "admin-page");
    await adminContext.close();
    await query("DELETE FROM candidate_vote WHERE oid = $1", [oid]);
  });

  test("a forged X-Forwarded-For does not bypass the sign-in limit or the API rate limit", async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name === "phone", "server-side check; once is enough");
    const setupContext = await newReviewerContext(browser, testInfo);
    const email = await signUp(await setupContext.newPage(), "Xavier");
    await setupContext.close();
    // A fresh browser (no device cookie) with a new forged address for every guess.
    const attacker = await newReviewerContext(browser, testInfo);
    const page = await attacker.newPage();
    await page.goto("/sign-in");
    for (let i = 0; i < 6; i++) {
      await attacker.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${i + 1}` });
      await page.getByLabel("Email").fill(email);
      await page.getByLabel(/^Password/).fill(i < 5 ? `wrong guess ${i}` : PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("form-error")).toHaveText(i < 5 ? "Wrong email or password." : /Too many failed sign-in attempts/);
    }
    await attacker.close();

    // The API: 20 parallel requests with 20 different forged addresses draw on one bucket.
    const context = await newReviewerContext(browser, testInfo);
    const remaining = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const r = await context.request.get("/api/ztf/v1/classifiers", { headers: { "x-forwarded-for": `203.0.113.${i + 1}` } });
        return Number(r.headers()["ratelimit-remaining"]);
      }),
    );
    // Twenty fresh buckets would each show burst − 1; one shared bucket shows the tokens going down.
    expect(new Set(remaining).size).toBeGreaterThan(1);
    await context.close();
  });
});
