/**
 * Shown at once when a link to an object page is followed (a search result, a candidate), until
 * the server has found the object and streams the page: the reader sees the click was taken.
 */
export default function ObjectLoading() {
  return (
    <div className="flex flex-col gap-4" role="status" aria-live="polite" data-testid="object-loading">
      <div className="h-1 w-full overflow-hidden rounded bg-line">
        <div className="h-1 w-1/3 animate-[cielo-progress_1.2s_ease-in-out_infinite] rounded bg-accent" />
      </div>
      <p className="text-sm text-muted">Loading the object…</p>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="h-[400px] animate-pulse rounded border border-line bg-panel" />
        <div className="h-[260px] animate-pulse rounded border border-line bg-panel" />
      </div>
    </div>
  );
}
