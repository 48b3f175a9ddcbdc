"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/define-action";
import type { DeadLetter, DestinationSummary } from "@/lib/streams/delivery/get-destinations";

interface Props {
  stream: { kind: "filter" | "watchlist"; id: string };
  destinations: DestinationSummary[];
  deadLetters: DeadLetter[];
  action: (input: unknown) => Promise<ActionResult<{ id: string; secret: string | null }>>;
  csrfToken: string;
}

/** Where the matches go: signed webhooks and Kafka topics, their delivery counts and the dead-letter list. */
export function DestinationsPanel({ stream, destinations, deadLetters, action, csrfToken }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await action({
        csrfToken,
        streamKind: stream.kind,
        streamId: stream.id,
        kind: String(form.get("kind")),
        target: String(form.get("target") ?? "").trim(),
      });
      if (!result.ok) {
        setMessage(result.errors ? Object.values(result.errors).join("; ") : result.message);
        return;
      }
      setMessage(null);
      setSecret(result.data.secret);
      router.refresh();
    });
  };

  return (
    <section className="space-y-3">
      <h2 className="text-lg font-semibold">Delivery</h2>
      <table className="text-sm" data-testid="destinations">
        <thead>
          <tr className="text-left text-muted">
            <th className="py-1 pr-4">Kind</th>
            <th className="pr-4">Target</th>
            <th className="pr-4 text-right">Pending</th>
            <th className="pr-4 text-right">Delivered</th>
            <th className="text-right">Dead</th>
          </tr>
        </thead>
        <tbody>
          {destinations.map((d) => (
            <tr key={d.id} className="border-t border-line">
              <td className="py-1 pr-4">{d.kind}</td>
              <td className="pr-4 font-mono break-all">{d.target}</td>
              <td className="pr-4 text-right font-mono">{d.pending}</td>
              <td className="pr-4 text-right font-mono">{d.delivered}</td>
              <td className="text-right font-mono">{d.dead}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="New destination">
        <div>
          <label htmlFor="kind" className="mb-1 block text-sm font-medium">
            Kind
          </label>
          <select id="kind" name="kind" className="rounded border border-line bg-panel px-2 py-1 text-sm" defaultValue="webhook">
            <option value="webhook">webhook (signed JSON POST)</option>
            <option value="kafka">Kafka topic</option>
          </select>
        </div>
        <div className="grow">
          <label htmlFor="target" className="mb-1 block text-sm font-medium">
            URL or topic
          </label>
          <input id="target" name="target" className="w-full rounded border border-line bg-panel px-2 py-1 text-sm" />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-line px-3 py-1 text-sm hover:bg-accent-soft disabled:opacity-60"
        >
          Add destination
        </button>
      </form>
      {message && (
        <p role="alert" className="text-sm text-warn-fg">
          {message}
        </p>
      )}
      {secret && (
        <p className="text-sm" data-testid="webhook-secret">
          Signing secret (shown once; verify X-Cielo-Signature with it): <code className="break-all font-mono">{secret}</code>
        </p>
      )}
      {deadLetters.length > 0 && (
        <details open>
          <summary className="cursor-pointer text-sm font-medium">Dead letters (gave up after the last retry)</summary>
          <ul className="font-mono text-xs" data-testid="dead-letters">
            {deadLetters.map((d) => (
              <li key={`${d.destinationId}-${d.candid}`}>
                {d.oid} {d.candid} · {d.attempts} attempts · {d.lastError}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
