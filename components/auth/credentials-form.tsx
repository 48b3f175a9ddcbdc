"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/define-action";

type Mode = "sign-in" | "sign-up";

interface Props {
  mode: Mode;
  action: (input: unknown) => Promise<ActionResult<{ displayName: string }>>;
  /** Where to go after success: a local path only (never another site). */
  next: string;
  /** Sign-up only: the sign-in action run next with the same form (sign-up answers alike for new and known emails and opens no session). */
  signInAfter?: (input: unknown) => Promise<ActionResult<{ displayName: string }>>;
  /** Sign-up only: the token of an invitation link. */
  invitation?: string;
}

const inputClass = "w-full rounded border border-line bg-panel px-3 py-2.5 text-base text-ink focus:outline-2 focus:outline-accent";

/** Email + password form for both pages; the server action re-validates everything. */
export function CredentialsForm({ mode, action, next, signInAfter, invitation }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  // onSubmit rather than a form action: React resets a form after its action, which would wipe the
  // email the user typed when the answer is an error.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // FormData, not an object: see lib/auth/form-data-input.ts (keeps the password out of dev logs).
    const input = new FormData(event.currentTarget);
    startTransition(async () => {
      let result = await action(input);
      if (result.ok && signInAfter) {
        input.delete("displayName");
        input.delete("invitation");
        result = await signInAfter(input);
        if (!result.ok && result.code === "unauthorized") {
          result = {
            ...result,
            message: "Could not sign in with this email and password. If you had an account already, sign in with its password.",
          };
        }
      }
      if (result.ok) {
        router.push(next);
        router.refresh();
        return;
      }
      setError(result.message);
      setFieldErrors(result.errors ?? {});
    });
  }

  const fieldError = (name: string) =>
    fieldErrors[name] ? (
      <p id={`${name}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
        {fieldErrors[name]}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          className={inputClass}
          aria-describedby={fieldErrors.email ? "email-error" : undefined}
        />
        {fieldError("email")}
      </div>
      {mode === "sign-up" && (
        <div>
          <label htmlFor="displayName" className="mb-1 block text-sm font-medium">
            Name shown with your votes
          </label>
          <input id="displayName" name="displayName" autoComplete="name" required maxLength={80} className={inputClass} />
          {fieldError("displayName")}
        </div>
      )}
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium">
          Password{mode === "sign-up" ? " (at least 12 characters, not a common one)" : ""}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          required
          minLength={mode === "sign-up" ? 12 : 1}
          className={inputClass}
        />
        {fieldError("password")}
      </div>
      {invitation && <input type="hidden" name="invitation" value={invitation} />}
      {error && (
        <p role="alert" data-testid="form-error" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-accent px-4 py-3 text-base font-semibold text-panel disabled:opacity-60"
      >
        {pending ? "…" : mode === "sign-up" ? "Create account" : "Sign in"}
      </button>
      <p className="text-sm text-muted">
        {mode === "sign-up" ? (
          <>
            Already have an account?{" "}
            <Link className="text-accent underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>
              Sign in
            </Link>
          </>
        ) : (
          <>
            New reviewer?{" "}
            <Link className="text-accent underline" href={`/sign-up?next=${encodeURIComponent(next)}`}>
              Create an account
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
