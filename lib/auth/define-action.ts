import { z } from "zod";
import type { Db } from "../server/db";
import { createLogger, type Logger } from "../server/logger";
import { ActionError, type ActionErrorCode } from "./action-error";
import { isValidCsrfToken } from "./csrf";
import { SESSION_COOKIE, getSessionUser, type SessionUser } from "./sessions";

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: "lax" | "strict";
  secure: boolean;
  path: string;
  expires?: Date;
}

/** What an action needs from its request: the framework adapter is lib/auth/next-action-context.ts. */
export interface ActionContext {
  db: Db;
  cookies: {
    get(name: string): string | undefined;
    set(name: string, value: string, options: CookieOptions): void;
    delete(name: string): void;
  };
  /** The client's address as the app sees it (see next-action-context.ts for proxies). */
  clientIp: string;
  /** false only on plain http to a non-local host (browsers drop Secure cookies there). */
  secureCookies: boolean;
  /** X-Request-Id given to the request by proxy.ts (recorded in the audit log). */
  requestId?: string;
}

export interface HandlerContext extends ActionContext {
  user: SessionUser | null;
  sessionToken: string | undefined;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; code: ActionErrorCode | "internal"; message: string; fieldErrors?: Record<string, string[]> };

interface ActionSpec<S extends z.ZodType, T> {
  name: string;
  input: S;
  /**
   * "signed-in": a live session and the session's CSRF token (input field `csrfToken`) are required.
   * "public": anyone (sign-up, sign-in), protected by Next's Origin check and SameSite cookies.
   */
  access: "signed-in" | "public";
  handler: (input: z.output<S>, ctx: HandlerContext) => Promise<T>;
}

/** The session cookie: httpOnly (no script reads it), SameSite=Lax, whole site. */
export function sessionCookieOptions(secure: boolean, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", expires };
}

let logger: Logger | undefined;
const log = () => (logger ??= createLogger("actions"));

/**
 * The one wrapper every server action goes through: session and CSRF check, zod validation of the
 * input, and one error policy — ActionError and validation messages go back as they are; anything
 * else is logged (name, message, stack: never the input, which may hold a password) and masked.
 */
export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>) {
  return async function run(rawInput: unknown, ctx: ActionContext): Promise<ActionResult<T>> {
    try {
      const sessionToken = ctx.cookies.get(SESSION_COOKIE);
      const user = await getSessionUser(ctx.db.prisma, sessionToken);
      if (spec.access === "signed-in") {
        if (!user || !sessionToken) throw new ActionError("unauthenticated", "Sign in to do this.");
        const csrfToken = typeof rawInput === "object" && rawInput !== null ? (rawInput as { csrfToken?: unknown }).csrfToken : undefined;
        if (!isValidCsrfToken(sessionToken, csrfToken)) {
          throw new ActionError("csrf", "This request did not come from a Cielo page of your session: reload the page and try again.");
        }
      }
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
        const summary = Object.entries(fieldErrors)
          .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
          .join("; ");
        return { ok: false, code: "invalid_input", message: `Invalid input — ${summary}`, fieldErrors };
      }
      const cookieOptions = (expires?: Date) => sessionCookieOptions(ctx.secureCookies, expires);
      const data = await spec.handler(parsed.data, {
        ...ctx,
        user,
        sessionToken,
        setSessionCookie: (token, expiresAt) => ctx.cookies.set(SESSION_COOKIE, token, cookieOptions(expiresAt)),
        clearSessionCookie: () => ctx.cookies.delete(SESSION_COOKIE),
      });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof ActionError) return { ok: false, code: error.code, message: error.message };
      const e = error instanceof Error ? error : new Error(String(error));
      log().error({ action: spec.name, err: { name: e.name, message: e.message, stack: e.stack } }, "server action failed");
      return { ok: false, code: "internal", message: "Something went wrong on the server; it has been logged." };
    }
  };
}

/** The signed-in user inside a "signed-in" action (the wrapper has checked it). */
export function requireUser(ctx: HandlerContext): SessionUser {
  if (!ctx.user) throw new ActionError("unauthenticated", "Sign in to do this.");
  return ctx.user;
}
