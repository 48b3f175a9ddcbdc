import type { Metadata } from "next";
import Link from "next/link";
import { createDestination } from "@/app/streams/actions/create-destination";
import { startFilterReplay } from "@/app/streams/actions/start-filter-replay";
import { orNotFound } from "@/app/streams/or-not-found";
import { DestinationsPanel } from "@/components/streams/destinations-panel";
import { MatchesTable, PerNightTable } from "@/components/streams/match-tables";
import { ReplayForm } from "@/components/streams/replay-form";
import { StreamPageHeader } from "@/components/streams/stream-page-header";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { getDb } from "@/lib/server/db";
import { findFilterMatches } from "@/lib/streams/filter-sql";
import { getDestinations } from "@/lib/streams/delivery/get-destinations";
import { getFilterPage } from "@/lib/streams/get-streams";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Filter" };

/** Objects the search lists on the page (the count is of all of them). */
const SEARCH_OBJECTS_SHOWN = 100;

export default async function FilterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getCurrentUser();
  const db = getDb();
  const filter = await orNotFound(getFilterPage(db.readPool, id, user?.id ?? null));
  // The same definition as a search over every stored alert, now.
  const searched = await findFilterMatches(db.readPool, filter.definition, { kind: "all" });
  const searchedObjects = [...new Set(searched.map((m) => m.oid))];
  const newest = filter.newestAlertMjd === null ? null : Math.ceil(filter.newestAlertMjd);
  const running = filter.replays.some((r) => r.status === "running");
  const delivery = filter.mine ? await getDestinations(db.readPool, { kind: "filter", id: filter.id }) : null;
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <StreamPageHeader title={filter.name}>
        {filter.public ? "Public" : "Private"} filter by {filter.mine ? "you" : filter.ownerName}. {filter.description}
      </StreamPageHeader>
      <details>
        <summary className="cursor-pointer text-sm">Definition</summary>
        <pre className="overflow-auto rounded bg-accent-soft p-2 text-xs" data-testid="definition">
          {JSON.stringify(filter.definition, null, 2)}
        </pre>
      </details>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Recorded matches</h2>
        <p className="text-sm" data-testid="recorded-count">
          {filter.totalMatches} alert{filter.totalMatches === 1 ? "" : "s"} recorded (at ingest and by replays).
        </p>
        <PerNightTable perNight={filter.perNight} />
        <MatchesTable matches={filter.matches} withSeparation={false} />
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">As a search, now</h2>
        <p className="text-sm" data-testid="search-count">
          {searched.length} stored alert{searched.length === 1 ? "" : "s"} of {searchedObjects.length} object
          {searchedObjects.length === 1 ? "" : "s"} pass this filter.
        </p>
        <ul className="flex flex-wrap gap-x-3 font-mono text-sm" data-testid="search-objects">
          {searchedObjects.slice(0, SEARCH_OBJECTS_SHOWN).map((oid) => (
            <li key={oid}>
              <Link className="text-accent underline" href={`/object/${oid}`}>
                {oid}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {filter.mine && user && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Replay over past alerts</h2>
          <ReplayForm
            filterId={filter.id}
            action={startFilterReplay}
            csrfToken={user.csrfToken}
            defaultFromMjd={newest === null ? 58000 : newest - 7}
            defaultToMjd={newest === null ? 58001 : newest}
            running={running}
          />
          <ul className="text-sm" data-testid="replays">
            {filter.replays.map((r) => (
              <li key={r.id}>
                {r.startedAt} UTC · MJD {r.fromMjd}–{r.toMjd} · {r.status} · {r.alertsDone}/{r.alertsTotal} alerts · {r.matches} new matches
                {r.error ? ` · ${r.error}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
      {delivery && user && (
        <DestinationsPanel stream={{ kind: "filter", id: filter.id }} {...delivery} action={createDestination} csrfToken={user.csrfToken} />
      )}
    </main>
  );
}
