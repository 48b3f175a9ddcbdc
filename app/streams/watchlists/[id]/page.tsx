import type { Metadata } from "next";
import { createDestination } from "@/app/streams/actions/create-destination";
import { orNotFound } from "@/app/streams/or-not-found";
import { DestinationsPanel } from "@/components/streams/destinations-panel";
import { MatchesTable, PerNightTable } from "@/components/streams/match-tables";
import { StreamPageHeader } from "@/components/streams/stream-page-header";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { getDb } from "@/lib/server/db";
import { getDestinations } from "@/lib/streams/delivery/get-destinations";
import { getWatchlistPage } from "@/lib/streams/get-streams";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Watchlist" };

export default async function WatchlistPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  const db = getDb();
  const watchlist = await orNotFound(getWatchlistPage(db.readPool, id, user?.id ?? null));
  const delivery = watchlist.mine ? await getDestinations(db.readPool, { kind: "watchlist", id: watchlist.id }) : null;
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <StreamPageHeader title={watchlist.name}>
        {watchlist.public ? "Public" : "Private"} watchlist by {watchlist.mine ? "you" : watchlist.ownerName}: {watchlist.targets}{" "}
        positions, radii up to {watchlist.maxRadiusArcsec}″. Alerts are matched as they are ingested.
      </StreamPageHeader>
      <p className="text-sm" data-testid="recorded-count">
        {watchlist.totalMatches} match{watchlist.totalMatches === 1 ? "" : "es"}.
      </p>
      <PerNightTable perNight={watchlist.perNight} />
      <MatchesTable matches={watchlist.matches} withSeparation />
      {delivery && user && (
        <DestinationsPanel
          stream={{ kind: "watchlist", id: watchlist.id }}
          {...delivery}
          action={createDestination}
          csrfToken={user.csrfToken}
        />
      )}
    </main>
  );
}
