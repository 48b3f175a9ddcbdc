import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { githubOAuthConfig } from "@/lib/auth/oauth/configured-providers";
import { githubAuthorizeUrl, newOAuthFlow } from "@/lib/auth/oauth/github";
import { OAUTH_FLOW_COOKIE, encodeOAuthFlow } from "@/lib/auth/oauth/oauth-flow-cookie";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { cookiesCanBeSecure } from "@/lib/auth/secure-cookies";

export const dynamic = "force-dynamic";

/** Starts "Continue with GitHub": state + PKCE verifier in a short-lived httpOnly cookie, then GitHub. */
export async function GET(request: Request) {
  const config = githubOAuthConfig();
  if (!config) return NextResponse.redirect(new URL("/sign-in?error=oauth_off", request.url));
  const url = new URL(request.url);
  const flow = newOAuthFlow();
  (await cookies()).set(
    OAUTH_FLOW_COOKIE,
    encodeOAuthFlow({ state: flow.state, codeVerifier: flow.codeVerifier, next: safeNextPath(url.searchParams.get("next") ?? undefined) }),
    {
      httpOnly: true,
      sameSite: "lax",
      secure: cookiesCanBeSecure(url.protocol, url.hostname),
      path: "/auth/github",
      maxAge: 600,
    },
  );
  return NextResponse.redirect(githubAuthorizeUrl(config, flow, new URL("/auth/github/callback", request.url).toString()));
}
