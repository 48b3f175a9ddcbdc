import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { getDb } from "@/lib/server/db";
import { listNotifications } from "@/lib/streams/get-streams";
import { formatMjdUtc } from "@/lib/time/mjd";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?next=%2Fstreams%2Fnotifications");
  const notifications = await listNotifications(getDb().readPool, user.id);
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <p className="text-sm text-muted">The newest matches of your filters and watchlists.</p>
      <ul className="space-y-1 text-sm" data-testid="notifications">
        {notifications.map((n) => (
          <li key={`${n.streamId}-${n.candid}`}>
            <span className="font-mono text-muted">{n.matchedAt} UTC</span>{" "}
            <Link className="text-accent underline" href={`/streams/${n.streamKind === "filter" ? "filters" : "watchlists"}/${n.streamId}`}>
              {n.streamName}
            </Link>
            :{" "}
            <Link className="font-mono text-accent underline" href={`/object/${n.oid}`}>
              {n.oid}
            </Link>{" "}
            alert of {formatMjdUtc(n.mjd)}
            {n.separationArcsec !== null && ` at ${n.separationArcsec.toFixed(2)}″`}
          </li>
        ))}
      </ul>
      {notifications.length === 0 && <p className="text-sm text-muted">Nothing yet.</p>}
    </main>
  );
}
