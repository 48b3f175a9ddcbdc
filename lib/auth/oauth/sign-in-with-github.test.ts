import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";
import { TestBrowser } from "../../../tests/support/sn-hunter-testing";
import { getSessionUser } from "../sessions";
import { signInAction } from "../sign-in-action";
import { signUpAction } from "../sign-up-action";
import { fetchGithubIdentity, githubAuthorizeUrl, type GithubOAuthConfig, newOAuthFlow } from "./github";
import { decodeOAuthFlow, encodeOAuthFlow } from "./oauth-flow-cookie";
import { signInWithOAuth } from "./sign-in-with-oauth";

/** A stand-in for GitHub's OAuth and user API (tests never contact GitHub). */
interface FakeUser {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
}
const codes = new Map<string, { user: FakeUser; challenge: string }>();
let server: http.Server;
let config: GithubOAuthConfig;
let db: TestDatabase;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", async () => {
      res.setHeader("content-type", "application/json");
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/login/oauth/access_token") {
        const form = new URLSearchParams(body);
        const entry = codes.get(form.get("code") ?? "");
        const { createHash } = await import("node:crypto");
        const challenge = createHash("sha256")
          .update(form.get("code_verifier") ?? "")
          .digest("base64url");
        if (!entry || form.get("client_secret") !== "secret" || challenge !== entry.challenge) {
          res.statusCode = 400;
          res.end(JSON.stringify({ error: "bad_verification_code" }));
          return;
        }
        res.end(JSON.stringify({ access_token: `token-${entry.user.id}`, token_type: "bearer" }));
        return;
      }
      const user = [...codes.values()].map((c) => c.user).find((u) => req.headers.authorization === `Bearer token-${u.id}`);
      if (!user) {
        res.statusCode = 401;
        res.end("{}");
      } else if (url.pathname === "/user") res.end(JSON.stringify({ id: user.id, login: user.login, name: user.name }));
      else if (url.pathname === "/user/emails") res.end(JSON.stringify(user.emails));
      else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = {
    clientId: "cid",
    clientSecret: "secret",
    authorizeUrl: `${base}/login/oauth/authorize`,
    tokenUrl: `${base}/login/oauth/access_token`,
    apiUrl: base,
  };
  db = await createTestDatabase();
});
afterAll(async () => {
  server?.close();
  await db?.drop();
});

const REDIRECT = "http://localhost:3000/auth/github/callback";

/** What the browser does: authorize (GitHub gives a code for the PKCE challenge), then the callback's exchange. */
async function roundTrip(user: FakeUser) {
  const flow = newOAuthFlow();
  const authorize = new URL(githubAuthorizeUrl(config, flow, REDIRECT));
  expect(authorize.searchParams.get("state")).toBe(flow.state);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  const code = `code-${Math.random()}`;
  codes.set(code, { user, challenge: authorize.searchParams.get("code_challenge")! });
  return fetchGithubIdentity(config, code, flow.codeVerifier, REDIRECT);
}

describe("sign-in with GitHub", () => {
  it("creates an account the first time, finds it the next time, and opens a session", async () => {
    const octo: FakeUser = {
      id: 583231,
      login: "octocat",
      name: "The Octocat",
      emails: [{ email: "Octo@Example.org", primary: true, verified: true }],
    };
    const identity = await roundTrip(octo);
    expect(identity).toEqual({
      provider: "github",
      providerUserId: "583231",
      displayName: "The Octocat",
      verifiedEmail: "octo@example.org",
      fallbackEmail: "583231+octocat@users.noreply.github.com",
    });
    const first = await signInWithOAuth(db, identity);
    const second = await signInWithOAuth(db, await roundTrip(octo));
    expect(second.user.id).toBe(first.user.id);
    expect(await getSessionUser(db.prisma, second.token)).toMatchObject({ email: "octo@example.org", displayName: "The Octocat" });
    // No password: password sign-in for this account fails like any wrong password.
    const r = await signInAction({ email: "octo@example.org", password: "anything at all" }, new TestBrowser(db).context());
    expect(r).toMatchObject({ ok: false, message: "Wrong email or password." });
  });

  it("links to an existing account only through a verified email", async () => {
    await signUpAction({ email: "ana@example.org", displayName: "Ana", password: "ana's long password" }, new TestBrowser(db).context());
    const verified = await signInWithOAuth(
      db,
      await roundTrip({ id: 1, login: "ana", name: null, emails: [{ email: "ana@example.org", primary: true, verified: true }] }),
    );
    expect(verified.user).toMatchObject({ email: "ana@example.org", displayName: "Ana" });

    await signUpAction({ email: "ben@example.org", displayName: "Ben", password: "ben's long password" }, new TestBrowser(db).context());
    const unverified = await roundTrip({
      id: 2,
      login: "mallory",
      name: null,
      emails: [{ email: "ben@example.org", primary: true, verified: false }],
    });
    expect(unverified.verifiedEmail).toBeNull();
    const mallory = await signInWithOAuth(db, unverified);
    expect(mallory.user.email).toBe("2+mallory@users.noreply.github.com");
    const { rows } = await db.pool.query(
      "SELECT u.email FROM oauth_account a JOIN app_user u ON u.id = a.user_id WHERE a.provider_user_id = '2'",
    );
    expect(rows).toEqual([{ email: "2+mallory@users.noreply.github.com" }]);
  });

  it("refuses a code exchanged without the right PKCE verifier, and a tampered flow cookie", async () => {
    const flow = newOAuthFlow();
    const authorize = new URL(githubAuthorizeUrl(config, flow, REDIRECT));
    codes.set("stolen", { user: { id: 3, login: "x", name: null, emails: [] }, challenge: authorize.searchParams.get("code_challenge")! });
    await expect(fetchGithubIdentity(config, "stolen", newOAuthFlow().codeVerifier, REDIRECT)).rejects.toThrow(/did not exchange/);
    const cookie = encodeOAuthFlow({ state: flow.state, codeVerifier: flow.codeVerifier, next: "https://evil.example/" });
    expect(decodeOAuthFlow(cookie)).toEqual({ state: flow.state, codeVerifier: flow.codeVerifier, next: "/sn-hunter" });
    expect(decodeOAuthFlow("not-base64-json")).toBeNull();
    expect(decodeOAuthFlow(undefined)).toBeNull();
  });
});
