"use client";

import { useEffect, useState } from "react";
import { LightcurvePlot } from "@/components/explorer/lightcurve-plot";
import { useObjectView } from "@/components/explorer/use-object-view";
import type { LightcurveDetection, LightcurveNonDetection } from "@/lib/objects/get-object-lightcurve";
import { longestFoldPeriodDays } from "@/lib/explorer/lightcurve-series";
import { LIGHTCURVE_MODES, type LightcurveMode } from "@/lib/explorer/object-view-state";

/** The period a fold starts from, and where it comes from (shown on its button). */
export interface DefaultFoldPeriod {
  periodDays: number;
  source: "stored Multiband_period" | "periodogram";
}

const MODE_LABELS: Record<LightcurveMode, string> = { diff: "Difference mag", apparent: "Apparent mag", folded: "Folded", flux: "Flux" };

/** Folding period input: typed values are applied on Enter / blur; ×2 and ÷2 act at once. */
function PeriodControls({
  periodDays,
  defaultPeriod,
  longestPeriodDays,
  onChange,
}: {
  periodDays: number;
  defaultPeriod: DefaultFoldPeriod | null;
  /** ×2 is not offered past it (half the detections' span). */
  longestPeriodDays: number | null;
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
        className="rounded border border-line px-2 py-0.5 disabled:opacity-50"
        onClick={() => onChange(periodDays * 2)}
        disabled={longestPeriodDays !== null && periodDays * 2 > longestPeriodDays}
        title={
          longestPeriodDays !== null && periodDays * 2 > longestPeriodDays ? "longer than half the time span of the detections" : undefined
        }
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
      {defaultPeriod !== null && (
        <button
          type="button"
          className="rounded border border-line px-2 py-0.5"
          onClick={() => onChange(null)}
          data-testid="period-default"
        >
          {defaultPeriod.source} ({defaultPeriod.periodDays.toPrecision(6)} d)
        </button>
      )}
      {error && <span className="text-xs text-red-700 dark:text-red-300">{error}</span>}
    </div>
  );
}

/**
 * The value of a promise once it has settled (undefined until then, and after a rejection: the fold
 * then starts from half the span). A plain value is returned as it is. Unlike `use`, waiting never
 * suspends the panel, so the light curve is never swapped for a fallback.
 */
function useSettled<T>(value: Promise<T> | T): T | undefined {
  const [settled, setSettled] = useState<{ promise: Promise<T>; value: T | undefined } | null>(null);
  useEffect(() => {
    if (!(value instanceof Promise)) return;
    let live = true;
    value.then(
      (v) => live && setSettled({ promise: value, value: v }),
      () => live && setSettled({ promise: value, value: undefined }),
    );
    return () => {
      live = false;
    };
  }, [value]);
  if (!(value instanceof Promise)) return value;
  return settled?.promise === value ? settled.value : undefined;
}

/**
 * The object's light curve with its mode switch (difference, apparent, folded, flux), the folding
 * period, and selection: clicking a detection puts its candid in the URL, which the stamp panel reads.
 */
export function LightcurvePanel({
  detections,
  nonDetections,
  corrected,
  defaultPeriod,
  defaultCandid,
  nonce,
  forecastOid,
}: {
  detections: LightcurveDetection[];
  nonDetections: LightcurveNonDetection[];
  /** The object is flagged corrected (folds use apparent magnitudes). */
  corrected: boolean;
  /**
   * The period a fold starts from. The server resolves it when the page opens folded; otherwise it
   * is a promise (features, periodogram) that a fold waits for.
   */
  defaultPeriod: Promise<DefaultFoldPeriod | null> | DefaultFoldPeriod | null;
  defaultCandid: string | null;
  /** The request's CSP nonce, for the static light curve's paint mark (LightcurvePlot). */
  nonce?: string;
  /** The object whose forecast the plot draws (difference mode). */
  forecastOid?: string;
}) {
  const [view, update] = useObjectView();
  const settledDefault = useSettled(defaultPeriod);
  const resolvedDefault = settledDefault ?? null;
  const waitingForPeriod =
    view.lc === "folded" && view.periodDays === null && settledDefault === undefined && defaultPeriod instanceof Promise;
  const longestPeriodDays = longestFoldPeriodDays(detections);
  // Without a stored or periodogram period, fold on half the time span (a starting point the reader edits).
  const periodDays = view.periodDays ?? resolvedDefault?.periodDays ?? longestPeriodDays ?? 1;
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
              className="min-h-11 px-3 py-1 aria-checked:bg-accent aria-checked:text-panel sm:min-h-0"
              data-testid={`lc-mode-${mode}`}
            >
              {MODE_LABELS[mode]}
            </button>
          ))}
        </div>
        {view.lc === "folded" && (
          <PeriodControls
            periodDays={periodDays}
            defaultPeriod={resolvedDefault}
            longestPeriodDays={longestPeriodDays}
            onChange={(p) => update({ periodDays: p })}
          />
        )}
      </div>
      {waitingForPeriod ? (
        <p
          className="flex h-[340px] animate-pulse items-center justify-center rounded bg-page text-sm text-muted sm:h-[400px]"
          role="status"
        >
          Finding the folding period…
        </p>
      ) : (
        <LightcurvePlot
          nonce={nonce}
          forecastOid={forecastOid}
          detections={detections}
          nonDetections={nonDetections}
          mode={view.lc}
          periodDays={periodDays}
          corrected={corrected}
          selectedCandid={selected}
          onSelectCandid={(candid) => update({ candid })}
        />
      )}
      <p className="text-xs text-muted">
        Click or tap a detection to show its stamps. g (circles) and r (squares) differ in colour and marker; upper limits are open
        triangles.{" "}
        {view.lc === "folded" &&
          (corrected
            ? "The fold shows two cycles of the apparent (corrected) magnitude."
            : "The fold shows two cycles of the signed difference flux.")}
      </p>
    </div>
  );
}
