"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/define-action";

interface Props<T> {
  label: string;
  /** The server action, given by the page, and its input (without the CSRF token). */
  action: (input: unknown) => Promise<ActionResult<T>>;
  input: Record<string, unknown>;
  csrfToken: string;
  /** After success, show the invitation link the action returned (plain data: a server page cannot pass a function). */
  showsInvitationFrom?: string;
  className?: string;
}

/** One button that runs one admin action and shows its answer. */
export function AdminActionButton<T>({ label, action, input, csrfToken, showsInvitationFrom, className }: Props<T>) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className={className ?? "rounded border border-line px-2 py-1 text-sm hover:bg-accent-soft disabled:opacity-60"}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ ...input, csrfToken });
            if (!result.ok) setMessage(result.message);
            else if (showsInvitationFrom && isInvitation(result.data)) {
              setMessage(`${showsInvitationFrom}${result.data.path} (until ${result.data.expiresAt.slice(0, 16)} UTC)`);
            } else setMessage(null);
            if (result.ok) router.refresh();
          })
        }
      >
        {label}
      </button>
      {message && (
        <output className="break-all font-mono text-xs" data-testid="admin-action-message">
          {message}
        </output>
      )}
    </span>
  );
}

function isInvitation(data: unknown): data is { path: string; expiresAt: string } {
  return typeof data === "object" && data !== null && "path" in data && "expiresAt" in data;
}
