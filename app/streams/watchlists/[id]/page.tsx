import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MatchesTable, PerNightTable } from "@/components/streams/match-tables";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { AppError } from "@/lib/errors/app-error";
import { getDb } from "@/lib/server/db";
import { getWatchlistPage } from "@/lib/streams/get-streams";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Watchlist" };

export default async function WatchlistPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  const watchlist = await getWatchlistPage(getDb().readPool, id, user?.id ?? null).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
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
    </main>
  );
}
