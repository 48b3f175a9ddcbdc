import { z } from "zod";
import { safeNextPath } from "../safe-next-path";

export const OAUTH_FLOW_COOKIE = "cielo_oauth";

const flowSchema = z.object({ state: z.string().min(16), codeVerifier: z.string().min(43), next: z.string() });
export type OAuthFlowCookie = z.infer<typeof flowSchema>;

export function encodeOAuthFlow(flow: OAuthFlowCookie): string {
  return Buffer.from(JSON.stringify(flow)).toString("base64url");
}

/** The flow started by this browser, or null (missing, tampered, or from another attempt). */
export function decodeOAuthFlow(value: string | undefined): OAuthFlowCookie | null {
  if (!value) return null;
  try {
    const flow = flowSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return { ...flow, next: safeNextPath(flow.next) };
  } catch {
    return null;
  }
}

/** Messages for the sign-in page's `?error=` codes (codes only: no text from the URL is shown). */
export const OAUTH_ERRORS = {
  oauth_state: "The GitHub sign-in did not match this browser's request (expired or forged): try again.",
  oauth_failed: "GitHub sign-in failed; the error has been logged. Try again or use your password.",
  oauth_conflict: "An account with this email exists: sign in with your password.",
  oauth_off: "Sign-in with GitHub is not configured on this server.",
} as const;
export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;
