"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/define-action";

interface Props {
  action: (input: unknown) => Promise<ActionResult<{ id: string; targets: number }>>;
  csrfToken: string;
}

const inputClass = "w-full rounded border border-line bg-panel px-2 py-1 text-sm";

/** Upload of a CSV of positions (ra, dec, optional name and radius); every unreadable row is listed with its line. */
export function WatchlistForm({ action, csrfToken }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; errors?: Record<string, string> } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    const csv = file instanceof File ? await file.text() : "";
    const radius = String(form.get("defaultRadiusArcsec") ?? "").trim();
    startTransition(async () => {
      const result = await action({
        csrfToken,
        name: String(form.get("name") ?? ""),
        public: form.get("public") === "on",
        defaultRadiusArcsec: radius === "" ? undefined : Number(radius),
        csv,
      });
      if (!result.ok) setError({ message: result.message, errors: result.errors });
      else router.push(`/streams/watchlists/${result.data.id}`);
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="New watchlist">
      <div>
        <label htmlFor="name" className="mb-1 block text-sm font-medium">
          Name
        </label>
        <input id="name" name="name" required maxLength={100} className={inputClass} />
      </div>
      <div>
        <label htmlFor="file" className="mb-1 block text-sm font-medium">
          CSV file (columns ra, dec; optional name, radius in arcsec; up to 100 000 rows)
        </label>
        <input id="file" name="file" type="file" accept=".csv,.tsv,.txt,text/csv" required className="text-sm" />
      </div>
      <div>
        <label htmlFor="defaultRadiusArcsec" className="mb-1 block text-sm font-medium">
          Radius of rows without one (arcsec, default 2)
        </label>
        <input id="defaultRadiusArcsec" name="defaultRadiusArcsec" type="number" step="any" className={inputClass} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="public" /> Public
      </label>
      {error && (
        <div role="alert" data-testid="form-error" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg">
          <p>{error.message}</p>
          {error.errors && (
            <ul className="mt-1 max-h-64 list-disc overflow-auto pl-5 font-mono text-xs">
              {Object.entries(error.errors).map(([line, message]) => (
                <li key={line}>
                  {line}: {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-semibold text-panel disabled:opacity-60">
        {pending ? "Uploading…" : "Create watchlist"}
      </button>
    </form>
  );
}
