"use client";

import { PeriodogramPlot } from "@/components/explorer/periodogram-plot";
import { useObjectView } from "@/components/explorer/use-object-view";
import type { PeriodogramBasis } from "@/lib/explorer/get-object-periodogram";

const BASIS_TEXT: Record<PeriodogramBasis, string> = {
  apparent: "apparent (corrected) magnitudes",
  flux: "signed difference flux",
};

/** The object page's periodogram: clicking a peak folds the light curve on that period. */
export function PeriodogramSection({
  periodsDays,
  power,
  bestPeriodDays,
  bandPeriodsDays,
  basis,
  longestPeriodDays,
  rejectedBestPeriodDays,
}: {
  periodsDays: number[];
  power: number[];
  bestPeriodDays: number;
  bandPeriodsDays: { g: number | null; r: number | null };
  basis: PeriodogramBasis;
  longestPeriodDays: number;
  rejectedBestPeriodDays: number | null;
}) {
  const [view, update] = useObjectView();
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm">
        Best period{" "}
        <span className="font-mono font-semibold" data-testid="best-period" data-period-days={bestPeriodDays}>
          {bestPeriodDays.toPrecision(6)} d
        </span>
        <span className="text-xs text-muted">
          {" "}
          (g alone: {bandPeriodsDays.g?.toPrecision(5) ?? "–"} d, r alone: {bandPeriodsDays.r?.toPrecision(5) ?? "–"} d)
        </span>
      </p>
      <PeriodogramPlot
        periodsDays={periodsDays}
        power={power}
        bestPeriodDays={bestPeriodDays}
        currentPeriodDays={view.periodDays}
        onPickPeriod={(p) => update({ periodDays: p, lc: "folded" })}
      />
      <p className="text-xs text-muted" data-testid="periodogram-basis" data-basis={basis}>
        Multiband Lomb–Scargle power of the {BASIS_TEXT[basis]}, 0.05–{longestPeriodDays.toPrecision(3)} d (up to half the time span of the
        detections); the best period comes from a two-harmonic refinement.
        {rejectedBestPeriodDays !== null &&
          ` The search's best period, ${rejectedBestPeriodDays.toPrecision(4)} d, is longer than half the span and is not offered.`}{" "}
        Click a peak to fold the light curve on it.
      </p>
    </div>
  );
}
