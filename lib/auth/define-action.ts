import { z } from "zod";
import { AppError, type ErrorBody, zodIssuesByField } from "../errors/app-error";
import { toAppError } from "../errors/to-app-error";
import type { Db } from "../server/db";
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

/** Success, or the one error body (`{message, code, errors?}`: the AppError's code, `errors` per form field). */
export type ActionResult<T> = { ok: true; data: T } | ({ ok: false } & ErrorBody);

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

/**
 * The one wrapper every server action goes through: session and CSRF check, zod validation of the
 * input, and the app's error policy (lib/errors) — AppError and validation messages go back as they
 * are; anything else is logged once with a request id (never the input, which may hold a password)
 * and masked as `internal`.
 */
export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>) {
  return async function run(rawInput: unknown, ctx: ActionContext): Promise<ActionResult<T>> {
    try {
      const sessionToken = ctx.cookies.get(SESSION_COOKIE);
      const user = await getSessionUser(ctx.db.prisma, sessionToken);
      if (spec.access === "signed-in") {
        if (!user || !sessionToken) throw new AppError("unauthorized", "Sign in to do this.");
        const csrfToken = typeof rawInput === "object" && rawInput !== null ? (rawInput as { csrfToken?: unknown }).csrfToken : undefined;
        if (!isValidCsrfToken(sessionToken, csrfToken)) {
          throw new AppError("forbidden", "This request did not come from a Cielo page of your session: reload the page and try again.");
        }
      }
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        const errors = zodIssuesByField(parsed.error, "_");
        const summary = Object.entries(errors)
          .map(([field, message]) => `${field}: ${message}`)
          .join("; ");
        throw new AppError("bad_request", `Invalid input — ${summary}`, { errors });
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
      return { ok: false, ...toAppError(error, { action: spec.name }).body() };
    }
  };
}

/** The signed-in user inside a "signed-in" action (the wrapper has checked it). */
export function requireUser(ctx: HandlerContext): SessionUser {
  if (!ctx.user) throw new AppError("unauthorized", "Sign in to do this.");
  return ctx.user;
}
