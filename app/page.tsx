import Link from "next/link";
import { ZodError } from "zod";
import { SearchForm } from "@/components/explorer/search-form";
import { SkyMap } from "@/components/sky/sky-map";
import { SurveySwitch } from "@/components/lsst/survey-switch";
import { formatDecDms, formatRaHms } from "@/lib/coords/sexagesimal";
import { isStatementTimeout } from "@/lib/db/query-rows";
import { ObjectLink } from "@/components/explorer/object-link";
import { RememberSearch } from "@/components/explorer/back-to-search-link";
import { checkAgainstTaxonomies, parseSearchState, sortHref, toSearchObjectsInput } from "@/lib/explorer/search-state";
import { searchHref, type SortColumn } from "@/lib/explorer/search-url";
import { listClassifiers } from "@/lib/objects/list-classifiers";
import { DEFAULT_CLASSIFIERS, searchObjects } from "@/lib/objects/search-objects";
import { getDb } from "@/lib/server/db";
import { formatMjdUtc } from "@/lib/time/mjd";

export const dynamic = "force-dynamic";

/** "2018-11-29 18:03" (the header says UTC; the title has the MJD). */
const shortUtc = (mjd: number) => formatMjdUtc(mjd).slice(0, 16);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function SortHeader({
  column,
  label,
  state,
  align,
}: {
  column: SortColumn;
  label: string;
  state: ReturnType<typeof parseSearchState>;
  align?: "right";
}) {
  const active = (state.query?.orderBy ?? "lastmjd") === column;
  const mode = state.query?.orderMode ?? "DESC";
  return (
    <th
      scope="col"
      className={`px-3 py-2 ${align === "right" ? "text-right" : ""}`}
      aria-sort={active ? (mode === "ASC" ? "ascending" : "descending") : undefined}
    >
      <Link href={sortHref(state.form, state.query, column)} className="inline-flex items-center gap-1 hover:text-ink" scroll={false}>
        {label}
        <span aria-hidden="true">{active ? (mode === "ASC" ? "▲" : "▼") : "↕"}</span>
      </Link>
    </th>
  );
}

export default async function SearchPage({ searchParams }: Props) {
  const parsed = parseSearchState(await searchParams);
  const { readPool } = getDb();
  let timedOut = false;
  let invalidSearch: string | null = null;
  const [taxonomies, searched] = await Promise.all([
    listClassifiers(readPool),
    parsed.query
      ? searchObjects(readPool, toSearchObjectsInput(parsed.query)).catch((error: unknown) => {
          // A search too broad for the statement timeout, or a value the search refuses (a filter too
          // long for its column), gets a message; anything else is a real error.
          if (error instanceof ZodError) {
            invalidSearch = error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
            return null;
          }
          if (!isStatementTimeout(error)) throw error;
          timedOut = true;
          return null;
        })
      : Promise.resolve(null),
  ]);
  // An unknown classifier or class is an input error (run side by side with the search, which is then discarded).
  const state = checkAgainstTaxonomies(parsed, taxonomies);
  const result = state.query ? searched : null;
  const total = result?.total ?? 0;
  const pageSize = state.query?.pageSize ?? 20;
  const page = result?.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pastLastPage = result !== null && result.items.length === 0 && total > 0 && page > pages;
  const chosenClassifier = state.query?.classifier;
  // Without a classifier filter the list shows the top class of the first default classifier that has classes stored.
  const shownClassifier =
    chosenClassifier ?? DEFAULT_CLASSIFIERS.find((name) => taxonomies.some((t) => t.classifier_name === name)) ?? null;

  return (
    <section aria-labelledby="objects-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="objects-heading" className="text-2xl font-semibold">
          Objects
        </h1>
        <SurveySwitch current="ztf" />
        {result && (
          <p className="text-sm text-muted" data-testid="result-total" data-total={total}>
            {total > 50_000 ? "more than 50,000" : total.toLocaleString("en")} object{total === 1 ? "" : "s"}
            {total > 0 && !pastLastPage ? ` · page ${page} of ${pages}` : ""}
          </p>
        )}
      </div>

      {/* keyed by the URL: back/forward and "Clear" reset the uncontrolled fields */}
      <SearchForm key={searchHref(state.form)} form={state.form} errors={state.errors} taxonomies={taxonomies} />

      {!state.query && (
        <p className="rounded border border-amber-300 bg-warn-bg px-3 py-2 text-sm text-warn-fg" role="alert" data-testid="invalid-search">
          Some filters are invalid (see the messages above); fix them to search.
        </p>
      )}

      {invalidSearch && (
        <p className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg" role="alert" data-testid="search-invalid">
          This search cannot be run — {invalidSearch}.
        </p>
      )}

      {timedOut && (
        <p className="rounded border border-amber-300 bg-warn-bg px-3 py-2 text-sm text-warn-fg" role="alert" data-testid="search-timeout">
          This search took too long; narrow it (fewer wildcards, a smaller cone, a date range).
        </p>
      )}

      <RememberSearch />

      {pastLastPage && (
        <p className="rounded border border-amber-300 bg-warn-bg px-3 py-2 text-sm text-warn-fg" role="alert" data-testid="past-last-page">
          Page {page.toLocaleString("en")} is past the end: {total.toLocaleString("en")} object{total === 1 ? "" : "s"} fill{" "}
          {pages === 1 ? "1 page" : `${pages} pages`}.{" "}
          <Link href={searchHref(state.form, { page: pages === 1 ? "" : String(pages) })} className="underline">
            Go to the last page
          </Link>
          .
        </p>
      )}

      {result && result.items.length === 0 && !pastLastPage && (
        <p className="rounded border border-dashed border-line bg-panel p-6 text-muted" data-testid="no-results">
          {total === 0 && Object.values(state.form).every((v) => v === "")
            ? "No objects yet. Ingest alerts with npm run ingest -- <file | folder | .tar.gz>."
            : "No object matches these filters."}
        </p>
      )}

      {result && result.items.length > 0 && (
        <div className="flex flex-col gap-4">
          <p className="-mb-3 text-xs text-muted md:hidden" aria-hidden="true">
            Scroll the table sideways for more columns →
          </p>
          <div className="scroll-cue overflow-x-auto rounded border border-line bg-panel">
            <table className="w-full text-left text-sm" data-testid="results">
              <caption className="sr-only">Objects matching the search, sorted by {state.query?.orderBy}</caption>
              <thead className="bg-page text-xs uppercase tracking-wide text-muted">
                <tr>
                  <SortHeader column="oid" label="Object" state={state} />
                  <th scope="col" className="px-3 py-2">
                    Class{shownClassifier ? ` (${shownClassifier})` : ""}
                  </th>
                  <SortHeader column="probability" label="P" state={state} align="right" />
                  <SortHeader column="ndet" label="ndet" state={state} align="right" />
                  <SortHeader column="firstmjd" label="First detection (UTC)" state={state} />
                  <SortHeader column="lastmjd" label="Last detection (UTC)" state={state} />
                  <SortHeader column="meanra" label="RA" state={state} />
                  <SortHeader column="meandec" label="Dec" state={state} />
                </tr>
              </thead>
              <tbody className="divide-y divide-line font-mono">
                {result.items.map((o) => (
                  <tr key={o.oid} className="hover:bg-accent-soft" data-oid={o.oid}>
                    <td className="px-3 py-1.5">
                      <ObjectLink oid={o.oid} className="inline-block py-1 text-accent underline-offset-2 hover:underline" />
                    </td>
                    <td className="px-3 py-1.5 font-sans whitespace-nowrap" title={o.classifier ?? undefined}>
                      {o.class ?? "–"}
                    </td>
                    <td className="px-3 py-1.5 text-right">{o.probability === null ? "–" : o.probability.toFixed(3)}</td>
                    <td className="px-3 py-1.5 text-right" data-testid="ndet">
                      {o.ndet}
                    </td>
                    <td className="px-3 py-1.5 whitespace-nowrap" title={`MJD ${o.firstmjd.toFixed(5)}`} data-mjd={o.firstmjd}>
                      {shortUtc(o.firstmjd)}
                    </td>
                    <td className="px-3 py-1.5 whitespace-nowrap" title={`MJD ${o.lastmjd.toFixed(5)}`}>
                      {shortUtc(o.lastmjd)}
                    </td>
                    <td className="px-3 py-1.5 whitespace-nowrap" title={`${o.meanra.toFixed(6)}°`}>
                      {formatRaHms(o.meanra)}
                    </td>
                    <td className="px-3 py-1.5 whitespace-nowrap" title={`${o.meandec.toFixed(6)}°`}>
                      {formatDecDms(o.meandec)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <SkyMap
            points={result.items.map((o) => ({ oid: o.oid, raDeg: o.meanra, decDeg: o.meandec }))}
            className="max-w-md rounded border border-line bg-panel p-3"
            label={`All-sky map of the ${result.items.length} objects on this page`}
          />
        </div>
      )}

      {result && !pastLastPage && (result.has_prev || result.has_next) && (
        <nav className="flex items-center gap-3 text-sm" aria-label="Pagination">
          {result.prev !== null && (
            <Link
              className="rounded border border-line bg-panel px-3 py-1 hover:bg-accent-soft"
              href={searchHref(state.form, { page: String(result.prev) })}
              rel="prev"
            >
              ← Previous
            </Link>
          )}
          <span className="text-muted">
            Page {page} of {pages}
          </span>
          {result.next !== null && (
            <Link
              className="rounded border border-line bg-panel px-3 py-1 hover:bg-accent-soft"
              href={searchHref(state.form, { page: String(result.next) })}
              rel="next"
            >
              Next →
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
