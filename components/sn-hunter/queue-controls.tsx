import { QUEUE_SORTS, WINDOW_HOURS_CHOICES, type QueueParams } from "@/lib/sn-hunter/queue-params";

const SORT_LABELS: Record<(typeof QUEUE_SORTS)[number], string> = {
  probability: "P(SN), highest first",
  first_detection: "First detection, newest first",
  magnitude: "Magnitude, brightest first",
  uncertainty: "Model least sure first (SN vs bogus)",
};
const field = "rounded border border-line bg-panel px-2 py-2 text-sm";

/** A plain GET form: the queue's state lives in the URL (shareable, works without JavaScript). */
export function QueueControls({ params }: { params: QueueParams }) {
  const hours: number[] = WINDOW_HOURS_CHOICES.includes(params.windowHours as (typeof WINDOW_HOURS_CHOICES)[number])
    ? [...WINDOW_HOURS_CHOICES]
    : [...WINDOW_HOURS_CHOICES, params.windowHours].sort((a, b) => a - b);
  return (
    <form
      method="get"
      action="/sn-hunter"
      className="flex flex-wrap items-end gap-3 rounded border border-line bg-panel p-3"
      aria-label="Queue options"
    >
      <label className="flex flex-col gap-1 text-xs text-muted">
        Window
        <select name="windowHours" defaultValue={params.windowHours} className={field}>
          {hours.map((h) => (
            <option key={h} value={h}>
              {h % 24 === 0 ? `${h / 24} day${h === 24 ? "" : "s"}` : `${h} h`}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-muted">
        Ending (UTC, empty = latest data)
        <input type="datetime-local" name="end" defaultValue={params.end ?? ""} className={field} />
      </label>
      <label className="flex flex-col gap-1 text-xs text-muted">
        Top
        <input type="number" name="limit" min={10} max={1000} step={10} defaultValue={params.limit} className={`${field} w-24`} />
      </label>
      <label className="flex flex-col gap-1 text-xs text-muted">
        Sort
        <select name="sort" defaultValue={params.sort} className={field}>
          {QUEUE_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 py-2 text-sm">
        <input type="checkbox" name="hideReviewed" value="1" defaultChecked={params.hideReviewed} className="h-5 w-5" />
        Hide reviewed
      </label>
      <label
        className="flex items-center gap-2 py-2 text-sm"
        title="PS1 or bright star, known variable/AGN, asteroid, negative or dipole difference, low real/bogus"
      >
        <input type="checkbox" name="hideFlagged" value="1" defaultChecked={params.hideFlagged} className="h-5 w-5" />
        Hide flagged
      </label>
      <button type="submit" className="rounded bg-accent px-4 py-2 text-sm font-semibold text-panel">
        Show
      </button>
    </form>
  );
}
