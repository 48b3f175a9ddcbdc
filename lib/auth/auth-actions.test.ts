import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectLoggedError } from "../../tests/support/logged-error-trap";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { TestBrowser } from "../../tests/support/sn-hunter-testing";
import { changePasswordAction } from "./change-password-action";
import { UNKNOWN_CLIENT } from "./client-ip";
import { csrfTokenFor } from "./csrf";
import { HashBudget } from "./password-hash-budget";
import { hashPassword, verifyPassword } from "./password";
import { SIGN_IN_DEVICE_COOKIE } from "./sign-in-device";
import { signOutEverywhereAction } from "./sign-out-everywhere-action";
import { SESSION_COOKIE, getSessionUser } from "./sessions";
import { signInAction } from "./sign-in-action";
import { SIGN_IN_LIMITS } from "./sign-in-rate-limit";
import { allowedSignUpDomains, signUp, SIGN_UPS_PER_IP_PER_HOUR } from "./sign-up";
import { signUpAction } from "./sign-up-action";

// Pretty logs go through process.stdout.write, so this file can read every log line.
process.env.LOG_FORMAT = "pretty";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

const PASSWORD = "correct horse battery staple";

describe("passwords", () => {
  it("are stored as salted scrypt hashes and verified in constant time", async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD + " ", a)).toBe(false);
    expect(await verifyPassword(PASSWORD, "md5$abc")).toBe(false);
  });
});

describe("the password hashing budget", () => {
  it("runs at most `concurrent` hashes at once and refuses past the queue instead of piling up", async () => {
    const budget = new HashBudget(2, 3, 10_000);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      budget.run(async () => {
        peak = Math.max(peak, ++running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      });
    const jobs = Array.from({ length: 5 }, work);
    await expect(work()).rejects.toThrow(/busy/);
    expect(budget.load).toEqual({ running: 2, waiting: 3 });
    while (releases.length > 0 || budget.load.running > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(jobs);
    expect(peak).toBe(2);
  });
});

describe("sign-up policy", () => {
  it("keeps sign-up to the allowed email domains and caps accounts per address and hour", async () => {
    const domains = allowedSignUpDomains(" @Alerce.science, uchile.cl ,");
    expect(domains).toEqual(["alerce.science", "uchile.cl"]);
    await expect(
      signUp(db, { email: "eve@example.org", displayName: "Eve", password: PASSWORD }, { clientIp: "192.0.2.50", allowedDomains: domains }),
    ).rejects.toThrow("Sign-up is open to @alerce.science, @uchile.cl addresses only.");
    const farm = { clientIp: "192.0.2.99", allowedDomains: [] };
    for (let i = 0; i < SIGN_UPS_PER_IP_PER_HOUR; i++)
      await signUp(db, { email: `bot${i}@example.org`, displayName: `bot ${i}`, password: PASSWORD }, farm);
    await expect(signUp(db, { email: "bot-more@example.org", displayName: "bot", password: PASSWORD }, farm)).rejects.toThrow(
      /Too many accounts/,
    );
    await signUp(
      db,
      { email: "ok@alerce.science", displayName: "Ok", password: PASSWORD },
      { clientIp: "192.0.2.50", allowedDomains: domains },
    );
  });
});

describe("sign-up and sign-in", () => {
  it("sign-up answers alike for a new and a known email and opens no session; sign-in does (hashed in the table); weak passwords are refused", async () => {
    const browser = new TestBrowser(db);
    expect(await signUpAction({ email: " Hal@Example.org ", displayName: "Hal", password: PASSWORD }, browser.context())).toEqual({
      ok: true,
      data: { displayName: "Hal" },
    });
    expect(browser.jar.has(SESSION_COOKIE)).toBe(false);
    expect(await signInAction({ email: "hal@example.org", password: PASSWORD }, browser.context())).toMatchObject({ ok: true });
    const token = browser.jar.get(SESSION_COOKIE)!.value;
    expect(await getSessionUser(db.prisma, token)).toMatchObject({ email: "hal@example.org", displayName: "Hal" });
    const { rows } = await db.pool.query<{ token_hash: string }>("SELECT token_hash FROM user_session");
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    const stored = await db.pool.query<{ password_hash: string }>("SELECT password_hash FROM app_user WHERE email = 'hal@example.org'");
    expect(stored.rows[0]!.password_hash).not.toContain(PASSWORD);

    // The same answer for a known email, and the account is untouched (its password still works, not the new one).
    const again = new TestBrowser(db);
    expect(
      await signUpAction({ email: "hal@example.org", displayName: "Hal 2", password: "another long passphrase" }, again.context()),
    ).toEqual({
      ok: true,
      data: { displayName: "Hal 2" },
    });
    expect(again.jar.has(SESSION_COOKIE)).toBe(false);
    const hal = await db.pool.query<{ display_name: string }>("SELECT display_name FROM app_user WHERE email = 'hal@example.org'");
    expect(hal.rows).toEqual([{ display_name: "Hal" }]);
    const short = await signUpAction({ email: "ivy@example.org", displayName: "Ivy", password: "short" }, new TestBrowser(db).context());
    expect(short).toMatchObject({
      ok: false,
      code: "bad_request",
      errors: { password: expect.stringContaining("at least 12 characters") },
    });
    expect(short).toMatchObject({ errors: { password: expect.stringContaining("too easy to guess") } });
    for (const weak of ["password12", "          ", "password1234", "qwertyuiop123"]) {
      const r = await signUpAction({ email: "ivy@example.org", displayName: "Ivy", password: weak }, new TestBrowser(db).context());
      expect(r).toMatchObject({
        ok: false,
        code: "bad_request",
        errors: { password: expect.stringContaining("too easy to guess") },
      });
    }
  });

  it("rate-limits brute-force sign-in per IP and email: even the right password is refused once locked", async () => {
    await signUpAction({ email: "jo@example.org", displayName: "Jo", password: PASSWORD }, new TestBrowser(db).context());
    const attacker = new TestBrowser(db, "198.51.100.9");
    for (let i = 0; i < SIGN_IN_LIMITS.perIpAndEmail; i++) {
      expect(await signInAction({ email: "jo@example.org", password: `guess ${i}` }, attacker.context())).toMatchObject({
        ok: false,
        code: "unauthorized",
        message: "Wrong email or password.",
      });
    }
    const locked = await signInAction({ email: "jo@example.org", password: PASSWORD }, attacker.context());
    expect(locked).toMatchObject({ ok: false, code: "rate_limited", message: expect.stringMatching(/try again in 1[45] minutes/) });
    expect(attacker.jar.has(SESSION_COOKIE)).toBe(false);
    // The owner, from their own address, is not locked out.
    const owner = new TestBrowser(db, "192.0.2.1");
    expect(await signInAction({ email: "JO@example.org", password: PASSWORD }, owner.context())).toEqual({
      ok: true,
      data: { displayName: "Jo" },
    });
    expect(owner.jar.has(SESSION_COOKIE)).toBe(true);
    // Rotating client addresses does not help past the per-email limit.
    await signUpAction({ email: "lee@example.org", displayName: "Lee", password: PASSWORD }, new TestBrowser(db).context());
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      const r = await signInAction({ email: "lee@example.org", password: `guess ${i}` }, new TestBrowser(db, `203.0.113.${i}`).context());
      expect(r).toMatchObject({ code: "unauthorized" });
    }
    expect(
      await signInAction({ email: "lee@example.org", password: PASSWORD }, new TestBrowser(db, "203.0.113.250").context()),
    ).toMatchObject({ code: "rate_limited" });
    // An unknown email gets the same answer as a wrong password.
    expect(await signInAction({ email: "nobody@example.org", password: PASSWORD }, owner.context())).toMatchObject({
      message: "Wrong email or password.",
    });
  });

  it("counts parallel guesses atomically: 25 at once get exactly the limit's password checks", async () => {
    await signUpAction({ email: "par@example.org", displayName: "Par", password: PASSWORD }, new TestBrowser(db).context());
    const attacker = new TestBrowser(db, "198.51.100.77");
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => signInAction({ email: "par@example.org", password: `parallel guess ${i}` }, attacker.context())),
    );
    const checked = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM auth_attempt WHERE email = 'par@example.org'");
    expect(checked.rows[0]!.n).toBe(SIGN_IN_LIMITS.perIpAndEmail);
    expect(results.filter((r) => !r.ok && r.code === "unauthorized")).toHaveLength(SIGN_IN_LIMITS.perIpAndEmail);
    expect(results.filter((r) => !r.ok && r.code === "rate_limited")).toHaveLength(25 - SIGN_IN_LIMITS.perIpAndEmail);
  });

  it("a browser that signed in before keeps getting in while guesses from elsewhere exhaust the account's limit", async () => {
    await signUpAction({ email: "own@example.org", displayName: "Own", password: PASSWORD }, new TestBrowser(db).context());
    const owner = new TestBrowser(db, UNKNOWN_CLIENT);
    expect(await signInAction({ email: "own@example.org", password: PASSWORD }, owner.context())).toMatchObject({ ok: true });
    expect(owner.jar.get(SIGN_IN_DEVICE_COOKIE)?.options).toMatchObject({ httpOnly: true, sameSite: "lax" });
    // Without a trusted proxy every client is "unknown": the attacker shares the owner's address key.
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail + 3; i++) {
      await signInAction({ email: "own@example.org", password: `guess ${i}` }, new TestBrowser(db, UNKNOWN_CLIENT).context());
    }
    expect(
      await signInAction({ email: "own@example.org", password: PASSWORD }, new TestBrowser(db, UNKNOWN_CLIENT).context()),
    ).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await signInAction({ email: "own@example.org", password: PASSWORD }, owner.context())).toMatchObject({ ok: true });
    // A forged device cookie is just no cookie.
    const forger = new TestBrowser(db, UNKNOWN_CLIENT);
    forger.jar.set(SIGN_IN_DEVICE_COOKIE, { value: "abc.def", options: owner.jar.get(SIGN_IN_DEVICE_COOKIE)!.options });
    expect(await signInAction({ email: "own@example.org", password: PASSWORD }, forger.context())).toMatchObject({ code: "rate_limited" });
  });

  it("password change needs the current password, ends the other sessions and voids device cookies; sign out everywhere ends all", async () => {
    await signUpAction({ email: "pat@example.org", displayName: "Pat", password: PASSWORD }, new TestBrowser(db).context());
    const [laptop, phone] = [new TestBrowser(db, "192.0.2.10"), new TestBrowser(db, "192.0.2.11")];
    for (const b of [laptop, phone]) await signInAction({ email: "pat@example.org", password: PASSWORD }, b.context());
    const csrf = (b: TestBrowser) => csrfTokenFor(b.jar.get(SESSION_COOKIE)!.value);
    const newPassword = "a brand new passphrase for pat";
    expect(
      await changePasswordAction({ csrfToken: csrf(laptop), currentPassword: "wrong one", newPassword }, laptop.context()),
    ).toMatchObject({ ok: false, code: "unauthorized" });
    expect(
      await changePasswordAction({ csrfToken: csrf(laptop), currentPassword: PASSWORD, newPassword: "password1234" }, laptop.context()),
    ).toMatchObject({ ok: false, code: "bad_request" });
    expect(await changePasswordAction({ csrfToken: csrf(laptop), currentPassword: PASSWORD, newPassword }, laptop.context())).toEqual({
      ok: true,
      data: { otherSessionsEnded: 1 },
    });
    expect(await getSessionUser(db.prisma, phone.jar.get(SESSION_COOKIE)!.value)).toBeNull();
    expect(await getSessionUser(db.prisma, laptop.jar.get(SESSION_COOKIE)!.value)).not.toBeNull();
    expect(await signInAction({ email: "pat@example.org", password: PASSWORD }, phone.context())).toMatchObject({
      code: "unauthorized",
    });
    expect(await signInAction({ email: "pat@example.org", password: newPassword }, phone.context())).toMatchObject({ ok: true });
    expect(await signOutEverywhereAction({ csrfToken: csrf(laptop) }, laptop.context())).toEqual({ ok: true, data: { sessions: 2 } });
    expect(
      await db.pool.query("SELECT 1 FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'pat@example.org'"),
    ).toMatchObject({
      rowCount: 0,
    });
    const audit = await db.pool.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE actor_email = 'pat@example.org' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["sign_up", "password_change", "sign_out_everywhere"]);
  });

  it("never logs a password, not even when an action fails inside", async () => {
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    const originalErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return original(chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return originalErr(chunk, ...rest);
    }) as typeof process.stderr.write;
    const secret = "s3cret-Password-that-must-not-leak";
    try {
      await signUpAction({ email: "kim@example.org", displayName: "Kim", password: secret }, new TestBrowser(db).context());
      await signInAction({ email: "kim@example.org", password: secret + "x" }, new TestBrowser(db).context());
      await signUpAction({ email: "not an email", displayName: "K", password: secret }, new TestBrowser(db).context());
      // An unexpected failure (the cookie store throws) is logged by the wrapper: check that it was, without the input.
      const broken = new TestBrowser(db).context();
      broken.cookies.set = () => {
        throw new Error("cookie store unavailable");
      };
      expectLoggedError("cookie store unavailable");
      const failed = await signInAction({ email: "kim@example.org", password: secret }, broken);
      expect(failed).toEqual({
        ok: false,
        code: "internal",
        message: expect.stringMatching(/^Something went wrong on the server; it has been logged \(request id [\w-]+\)\.$/),
      });
    } finally {
      process.stdout.write = original;
      process.stderr.write = originalErr;
    }
    const log = written.join("");
    expect(log).toContain("cookie store unavailable");
    expect(log).not.toContain(secret);
  });
});
