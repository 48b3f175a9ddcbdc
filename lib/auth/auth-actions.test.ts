import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectLoggedError } from "../../tests/support/logged-error-trap";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { TestBrowser } from "../../tests/support/sn-hunter-testing";
import { hashPassword, verifyPassword } from "./password";
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
  it("sign-up opens a session (hashed in the table); a duplicate email and a short password are refused", async () => {
    const browser = new TestBrowser(db);
    expect(await signUpAction({ email: " Hal@Example.org ", displayName: "Hal", password: PASSWORD }, browser.context())).toEqual({
      ok: true,
      data: { displayName: "Hal" },
    });
    const token = browser.jar.get(SESSION_COOKIE)!.value;
    expect(await getSessionUser(db.prisma, token)).toMatchObject({ email: "hal@example.org", displayName: "Hal" });
    const { rows } = await db.pool.query<{ token_hash: string }>("SELECT token_hash FROM user_session");
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    const stored = await db.pool.query<{ password_hash: string }>("SELECT password_hash FROM app_user WHERE email = 'hal@example.org'");
    expect(stored.rows[0]!.password_hash).not.toContain(PASSWORD);

    expect(
      await signUpAction({ email: "hal@example.org", displayName: "Hal 2", password: PASSWORD }, new TestBrowser(db).context()),
    ).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const short = await signUpAction({ email: "ivy@example.org", displayName: "Ivy", password: "short" }, new TestBrowser(db).context());
    expect(short).toMatchObject({ ok: false, code: "bad_request", errors: { password: "at least 10 characters" } });
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
    // Rotating (forgeable) client addresses does not help past the per-email limit.
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
