"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/define-action";

interface Props {
  csrfToken: string;
  changePassword: (input: unknown) => Promise<ActionResult<{ otherSessionsEnded: number }>>;
  signOutEverywhere: (input: unknown) => Promise<ActionResult<{ sessions: number }>>;
}

const inputClass = "w-full rounded border border-line bg-panel px-3 py-2.5 text-base text-ink focus:outline-2 focus:outline-accent";

/** Password change (ends the other sessions) and "sign out everywhere". */
export function AccountSecurity({ csrfToken, changePassword, signOutEverywhere }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = new FormData(form);
    input.set("csrfToken", csrfToken);
    startTransition(async () => {
      const result = await changePassword(input);
      if (result.ok) form.reset();
      setMessage(result.ok ? `Password changed; ${result.data.otherSessionsEnded} other session(s) signed out.` : result.message);
    });
  }

  return (
    <div className="space-y-8">
      <form onSubmit={submit} className="space-y-4" aria-labelledby="password-heading" noValidate>
        <h2 id="password-heading" className="text-lg font-semibold">
          Change password
        </h2>
        <div>
          <label htmlFor="currentPassword" className="mb-1 block text-sm font-medium">
            Current password
          </label>
          <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" className={inputClass} />
        </div>
        <div>
          <label htmlFor="newPassword" className="mb-1 block text-sm font-medium">
            New password (at least 12 characters, not a common one)
          </label>
          <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" minLength={12} className={inputClass} />
        </div>
        <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-semibold text-panel disabled:opacity-60">
          Change password
        </button>
      </form>
      <section aria-labelledby="sessions-heading" className="space-y-2">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Sessions
        </h2>
        <p className="text-sm text-muted">Signs this account out on every browser, this one included.</p>
        <button
          type="button"
          disabled={pending}
          className="rounded border border-line px-3 py-1.5 text-sm hover:bg-accent-soft"
          onClick={() =>
            startTransition(async () => {
              const result = await signOutEverywhere({ csrfToken });
              if (result.ok) router.push("/sign-in");
              else setMessage(result.message);
            })
          }
        >
          Sign out everywhere
        </button>
      </section>
      {message && (
        <p role="status" data-testid="account-message" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg">
          {message}
        </p>
      )}
    </div>
  );
}
