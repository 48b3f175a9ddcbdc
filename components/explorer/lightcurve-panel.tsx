"use client";

import { use, useState } from "react";
import { LightcurvePlot } from "@/components/explorer/lightcurve-plot";
import { useObjectView } from "@/components/explorer/use-object-view";
import { LIGHTCURVE_MODES, type LightcurveMode } from "@/lib/explorer/object-view-state";
import type { LightcurveDetection, LightcurveNonDetection } from "@/lib/objects/get-object-lightcurve";

const MODE_LABELS: Record<LightcurveMode, string> = { diff: "Difference mag", apparent: "Apparent mag", folded: "Folded", flux: "Flux" };

/** Folding period input: typed values are applied on Enter / blur; ×2 and ÷2 act at once. */
function PeriodControls({
  periodDays,
  bestPeriodDays,
  onChange,
}: {
  periodDays: number;
  bestPeriodDays: number | null;
  onChange: (p: number | null) => void;
}) {
  const [text, setText] = useState(String(Number(periodDays.toPrecision(8))));
  const [shown, setShown] = useState(periodDays);
  if (shown !== periodDays) {
    // The period changed elsewhere (×2, ÷2, periodogram click): show it.
    setShown(periodDays);
    setText(String(Number(periodDays.toPrecision(8))));
  }
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || value > 100_000) {
      setError("a period in days, > 0");
      return;
    }
    setError(null);
    onChange(value);
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="flex items-center gap-1">
        <span className="text-muted">Period (d)</span>
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => e.key === "Enter" && apply()}
          inputMode="decimal"
          className="w-28 rounded border border-line bg-panel px-2 py-0.5 font-mono"
          aria-invalid={error ? true : undefined}
          data-testid="period-input"
        />
      </label>
      <button
        type="button"
        className="rounded border border-line px-2 py-0.5"
        onClick={() => onChange(periodDays * 2)}
        data-testid="period-double"
      >
        ×2
      </button>
      <button
        type="button"
        className="rounded border border-line px-2 py-0.5"
        onClick={() => onChange(periodDays / 2)}
        data-testid="period-half"
      >
        ÷2
      </button>
      {bestPeriodDays !== null && (
        <button type="button" className="rounded border border-line px-2 py-0.5" onClick={() => onChange(null)}>
          best ({bestPeriodDays.toPrecision(6)} d)
        </button>
      )}
      {error && <span className="text-xs text-red-700 dark:text-red-300">{error}</span>}
    </div>
  );
}

/**
 * The object's light curve with its mode switch (difference, apparent, folded, flux), the folding
 * period, and selection: clicking a detection puts its candid in the URL, which the stamp panel reads.
 */
export function LightcurvePanel({
  detections,
  nonDetections,
  bestPeriodDays,
  defaultCandid,
}: {
  detections: LightcurveDetection[];
  nonDetections: LightcurveNonDetection[];
  /** The periodogram's best period; awaited (with `use`) only when the curve is folded. */
  bestPeriodDays: Promise<number | null> | number | null;
  defaultCandid: string | null;
}) {
  const [view, update] = useObjectView();
  const bestPeriod =
    view.lc === "folded" && bestPeriodDays instanceof Promise
      ? use(bestPeriodDays)
      : bestPeriodDays instanceof Promise
        ? null
        : bestPeriodDays;
  // Without a periodogram result, fold on the time span (a starting point the reader edits).
  const fallbackPeriod = detections.length > 1 ? Math.max(0.05, (detections.at(-1)!.mjd - detections[0]!.mjd) / 2) : 1;
  const periodDays = view.periodDays ?? bestPeriod ?? fallbackPeriod;
  const selected = view.candid ?? defaultCandid;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <div
          role="radiogroup"
          aria-label="Light-curve mode"
          className="inline-flex flex-wrap overflow-hidden rounded border border-line text-sm"
        >
          {LIGHTCURVE_MODES.map((mode) => (
            <button
              key={mode}
              type="button"
              role="radio"
              aria-checked={view.lc === mode}
              onClick={() => update({ lc: mode })}
              className="px-3 py-1 aria-checked:bg-accent aria-checked:text-panel"
              data-testid={`lc-mode-${mode}`}
            >
              {MODE_LABELS[mode]}
            </button>
          ))}
        </div>
        {view.lc === "folded" && (
          <PeriodControls periodDays={periodDays} bestPeriodDays={bestPeriod} onChange={(p) => update({ periodDays: p })} />
        )}
      </div>
      <LightcurvePlot
        detections={detections}
        nonDetections={nonDetections}
        mode={view.lc}
        periodDays={periodDays}
        selectedCandid={selected}
        onSelectCandid={(candid) => update({ candid })}
      />
      <p className="text-xs text-muted">
        Click or tap a detection to show its stamps. g and r use colour-blind-safe colours and different markers; upper limits are faded
        triangles.
      </p>
    </div>
  );
}
