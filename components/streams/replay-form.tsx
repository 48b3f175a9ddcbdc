"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/define-action";

interface Props {
  filterId: string;
  action: (input: unknown) => Promise<ActionResult<{ replayId: string }>>;
  csrfToken: string;
  defaultFromMjd: number;
  defaultToMjd: number;
  /** A replay is running: the page refreshes itself to show its progress. */
  running: boolean;
}

/** How often the page re-reads a running replay's progress. */
const PROGRESS_REFRESH_MS = 1000;

export function ReplayForm({ filterId, action, csrfToken, defaultFromMjd, defaultToMjd, running }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), PROGRESS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, router]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await action({ csrfToken, filterId, fromMjd: Number(form.get("fromMjd")), toMjd: Number(form.get("toMjd")) });
      setMessage(result.ok ? null : result.message);
      if (result.ok) router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Replay">
      <div>
        <label htmlFor="fromMjd" className="mb-1 block text-sm font-medium">
          From MJD
        </label>
        <input
          id="fromMjd"
          name="fromMjd"
          type="number"
          step="any"
          defaultValue={defaultFromMjd}
          className="rounded border border-line bg-panel px-2 py-1 text-sm"
        />
      </div>
      <div>
        <label htmlFor="toMjd" className="mb-1 block text-sm font-medium">
          To MJD
        </label>
        <input
          id="toMjd"
          name="toMjd"
          type="number"
          step="any"
          defaultValue={defaultToMjd}
          className="rounded border border-line bg-panel px-2 py-1 text-sm"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-line px-3 py-1 text-sm hover:bg-accent-soft disabled:opacity-60"
      >
        Replay over this range
      </button>
      {message && (
        <p role="alert" className="text-sm text-warn-fg">
          {message}
        </p>
      )}
    </form>
  );
}
