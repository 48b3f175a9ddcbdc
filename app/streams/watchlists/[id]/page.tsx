import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { createDestination } from "@/app/streams/actions/create-destination";
import { DestinationsPanel } from "@/components/streams/destinations-panel";
import { MatchesTable, PerNightTable } from "@/components/streams/match-tables";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { AppError } from "@/lib/errors/app-error";
import { getDb } from "@/lib/server/db";
import { getDestinations } from "@/lib/streams/delivery/get-destinations";
import { getWatchlistPage } from "@/lib/streams/get-streams";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Watchlist" };

export default async function WatchlistPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  const db = getDb();
  const watchlist = await getWatchlistPage(db.readPool, id, user?.id ?? null).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const delivery = watchlist.mine ? await getDestinations(db.readPool, { kind: "watchlist", id: watchlist.id }) : null;
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <p className="text-sm">
        <Link className="text-accent underline" href="/streams">
          Streams
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{watchlist.name}</h1>
      <p className="text-sm text-muted">
        {watchlist.public ? "Public" : "Private"} watchlist by {watchlist.mine ? "you" : watchlist.ownerName}: {watchlist.targets}{" "}
        positions, radii up to {watchlist.maxRadiusArcsec}″. Alerts are matched as they are ingested.
      </p>
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
