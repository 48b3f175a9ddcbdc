import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { getDb } from "@/lib/server/db";
import { listStreams } from "@/lib/streams/get-streams";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Streams" };

export default async function StreamsPage() {
  const user = await getCurrentUser();
  const streams = await listStreams(getDb().readPool, user?.id ?? null);
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-semibold">Streams</h1>
      <p className="text-sm text-muted">
        Filters run on every ingested alert (the Explorer&apos;s search terms plus conditions on the alert) and can be replayed over past
        nights; watchlists match alerts against your positions. See docs/streams.md.
      </p>
      {user ? (
        <p className="flex gap-4">
          <Link className="text-accent underline" href="/streams/filters/new">
            New filter
          </Link>
          <Link className="text-accent underline" href="/streams/watchlists/new">
            New watchlist
          </Link>
          <Link className="text-accent underline" href="/streams/notifications">
            Notifications
          </Link>
        </p>
      ) : (
        <p className="text-sm">
          <Link className="text-accent underline" href="/sign-in?next=%2Fstreams">
            Sign in
          </Link>{" "}
          to create filters and watchlists.
        </p>
      )}
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-muted">
            <th className="py-1">Kind</th>
            <th>Name</th>
            <th>Owner</th>
            <th>Visibility</th>
            <th className="text-right">Matches</th>
            <th className="text-right">Positions</th>
          </tr>
        </thead>
        <tbody>
          {streams.map((s) => (
            <tr key={`${s.kind}-${s.id}`} className="border-t border-line">
              <td className="py-1">{s.kind}</td>
              <td>
                <Link className="text-accent underline" href={`/streams/${s.kind === "filter" ? "filters" : "watchlists"}/${s.id}`}>
                  {s.name}
                </Link>
              </td>
              <td>{s.mine ? "you" : s.ownerName}</td>
              <td>{s.public ? "public" : "private"}</td>
              <td className="text-right font-mono">{s.matches}</td>
              <td className="text-right font-mono">{s.targets ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {streams.length === 0 && <p className="text-sm text-muted">No filters or watchlists yet.</p>}
    </main>
  );
}
