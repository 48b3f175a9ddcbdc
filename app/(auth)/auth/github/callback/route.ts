import crypto from "node:crypto";
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { sessionCookieOptions } from "@/lib/auth/define-action";
import { githubOAuthConfig } from "@/lib/auth/oauth/configured-providers";
import { fetchGithubIdentity } from "@/lib/auth/oauth/github";
import { OAUTH_FLOW_COOKIE, decodeOAuthFlow } from "@/lib/auth/oauth/oauth-flow-cookie";
import { signInWithOAuth } from "@/lib/auth/oauth/sign-in-with-oauth";
import { cookiesCanBeSecure } from "@/lib/auth/secure-cookies";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors/app-error";
import { requestIdOf } from "@/lib/errors/error-response";
import { reportUnexpectedError } from "@/lib/errors/to-app-error";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

const sameString = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** GitHub sends the browser back here with ?code&state: check the state, exchange the code, open a session. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const jar = await cookies();
  const flow = decodeOAuthFlow(jar.get(OAUTH_FLOW_COOKIE)?.value);
  jar.delete({ name: OAUTH_FLOW_COOKIE, path: "/auth/github" });
  const fail = (code: string) => NextResponse.redirect(new URL(`/sign-in?error=${code}`, request.url));
  const config = githubOAuthConfig();
  if (!config) return fail("oauth_off");
  const code = url.searchParams.get("code");
  const state = url.searchParams.get("state");
  if (!flow || !code || !state || !sameString(state, flow.state)) return fail("oauth_state");
  try {
    const identity = await fetchGithubIdentity(config, code, flow.codeVerifier, new URL("/auth/github/callback", request.url).toString());
    const { token, expiresAt } = await signInWithOAuth(getDb(), identity);
    const secure = cookiesCanBeSecure(url.protocol, url.hostname);
    jar.set(SESSION_COOKIE, token, sessionCookieOptions(secure, expiresAt));
    return NextResponse.redirect(new URL(flow.next, request.url));
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") return fail("oauth_conflict");
    // A redirect, not a JSON body: the sign-in page shows the failure; the log has the details.
    reportUnexpectedError(error, { route: "GET /auth/github/callback" }, requestIdOf(request));
    return fail("oauth_failed");
  }
}
