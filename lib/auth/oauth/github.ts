import crypto from "node:crypto";
import { z } from "zod";

/** A GitHub OAuth app; the URLs are fields so tests can point them at a local server. */
export interface GithubOAuthConfig {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  apiUrl: string;
}

export const GITHUB_URLS = {
  authorizeUrl: "https://github.com/login/oauth/authorize",
  tokenUrl: "https://github.com/login/oauth/access_token",
  apiUrl: "https://api.github.com",
} as const;

export interface OAuthIdentity {
  provider: "github";
  providerUserId: string;
  displayName: string;
  /** The primary address, only when GitHub says it is verified (an unverified one proves nothing). */
  verifiedEmail: string | null;
  /** GitHub's no-reply address, used as the account email when no verified address is given. */
  fallbackEmail: string;
}

/** A random state (CSRF of the login flow) and a PKCE verifier, kept in an httpOnly cookie until the callback. */
export function newOAuthFlow(): { state: string; codeVerifier: string; codeChallenge: string } {
  const codeVerifier = crypto.randomBytes(32).toString("base64url");
  return {
    state: crypto.randomBytes(16).toString("base64url"),
    codeVerifier,
    codeChallenge: crypto.createHash("sha256").update(codeVerifier).digest("base64url"),
  };
}

export function githubAuthorizeUrl(config: GithubOAuthConfig, flow: { state: string; codeChallenge: string }, redirectUri: string): string {
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: "read:user user:email",
    state: flow.state,
    code_challenge: flow.codeChallenge,
    code_challenge_method: "S256",
    allow_signup: "true",
  }).toString();
  return url.toString();
}

const tokenSchema = z.object({ access_token: z.string().min(1) });
const userSchema = z.object({ id: z.number().int(), login: z.string(), name: z.string().nullable().optional() });
const emailsSchema = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

async function getJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: "application/vnd.github+json", "user-agent": "cielo" },
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`GitHub answered ${response.status} for ${new URL(url).pathname}`);
  return response.json();
}

/** Exchanges the callback's code (with the PKCE verifier) for a token, then reads who signed in. */
export async function fetchGithubIdentity(
  config: GithubOAuthConfig,
  code: string,
  codeVerifier: string,
  redirectUri: string,
): Promise<OAuthIdentity> {
  const response = await fetch(config.tokenUrl, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: config.clientId,
      client_secret: config.clientSecret,
      code,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const token = tokenSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !token.success) throw new Error(`GitHub did not exchange the sign-in code (HTTP ${response.status})`);
  const accessToken = token.data.access_token;
  const user = userSchema.parse(await getJson(`${config.apiUrl}/user`, accessToken));
  const emails = emailsSchema.parse(await getJson(`${config.apiUrl}/user/emails`, accessToken));
  const primary = emails.find((e) => e.primary && e.verified);
  return {
    provider: "github",
    providerUserId: String(user.id),
    displayName: user.name?.trim() || user.login,
    verifiedEmail: primary ? primary.email.toLowerCase() : null,
    fallbackEmail: `${user.id}+${user.login}@users.noreply.github.com`.toLowerCase(),
  };
}
