import { getEnv } from "../../server/env";
import { GITHUB_URLS, type GithubOAuthConfig } from "./github";

/** The GitHub OAuth app from the environment, or null when sign-in with GitHub is not configured. */
export function githubOAuthConfig(): GithubOAuthConfig | null {
  const env = getEnv();
  if (!env.CIELO_OAUTH_GITHUB_CLIENT_ID || !env.CIELO_OAUTH_GITHUB_CLIENT_SECRET) return null;
  return { clientId: env.CIELO_OAUTH_GITHUB_CLIENT_ID, clientSecret: env.CIELO_OAUTH_GITHUB_CLIENT_SECRET, ...GITHUB_URLS };
}
