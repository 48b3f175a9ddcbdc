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
  /** What to show after success (e.g. the invitation link); default: refresh the page. */
  describe?: (data: T) => string;
  className?: string;
}

/** One button that runs one admin action and shows its answer. */
export function AdminActionButton<T>({ label, action, input, csrfToken, describe, className }: Props<T>) {
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
            setMessage(result.ok ? (describe ? describe(result.data) : null) : result.message);
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
