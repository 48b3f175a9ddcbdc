"use client";

import { PeriodogramPlot } from "@/components/explorer/periodogram-plot";
import { useObjectView } from "@/components/explorer/use-object-view";

/** The object page's periodogram: clicking a peak folds the light curve on that period. */
export function PeriodogramSection({
  periodsDays,
  power,
  bestPeriodDays,
  bandPeriodsDays,
}: {
  periodsDays: number[];
  power: number[];
  bestPeriodDays: number;
  bandPeriodsDays: { g: number | null; r: number | null };
}) {
  const [view, update] = useObjectView();
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm">
        Best period{" "}
        <span className="font-mono font-semibold" data-testid="best-period">
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
      <p className="text-xs text-muted">
        Multiband Lomb–Scargle power, 0.05–500 d; the best period comes from a two-harmonic refinement. Click a peak to fold the light curve
        on it.
      </p>
    </div>
  );
}
