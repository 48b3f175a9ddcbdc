"use client";

import { useCallback, useMemo } from "react";
import type { Data, Layout, PlotMouseEvent } from "plotly.js-dist-min";
import { PlotlyFigure } from "@/components/explorer/plotly-figure";

export interface PeriodogramPlotProps {
  periodsDays: number[];
  power: number[];
  bestPeriodDays: number | null;
  /** The period the light curve is folded on, marked when it differs from the best one. */
  currentPeriodDays?: number | null;
  /** Called with the period of a clicked point. */
  onPickPeriod?: (periodDays: number) => void;
  className?: string;
}

/** A periodogram (power against period, log axis) with the best and the current period marked. */
export function PeriodogramPlot({
  periodsDays,
  power,
  bestPeriodDays,
  currentPeriodDays = null,
  onPickPeriod,
  className,
}: PeriodogramPlotProps) {
  const data = useMemo<Data[]>(
    () => [
      {
        type: "scatter",
        mode: "lines",
        name: "power",
        x: periodsDays,
        y: power,
        line: { color: "var(--plot-line, #0072B2)", width: 1.2 },
        hovertemplate: "P = %{x:.5f} d<br>power %{y:.3f}<extra></extra>",
      },
    ],
    [periodsDays, power],
  );
  const layout = useMemo<Partial<Layout>>(() => {
    const line = (x: number, color: string, dash: "solid" | "dash") => ({
      type: "line" as const,
      xref: "x" as const,
      yref: "paper" as const,
      x0: x,
      x1: x,
      y0: 0,
      y1: 1,
      line: { color, width: 1.5, dash },
    });
    const shapes = [];
    if (bestPeriodDays !== null) shapes.push(line(bestPeriodDays, "var(--plot-best, #D55E00)", "solid"));
    if (currentPeriodDays !== null && bestPeriodDays !== null && Math.abs(currentPeriodDays / bestPeriodDays - 1) > 1e-6)
      shapes.push(line(currentPeriodDays, "var(--plot-current, #CC79A7)", "dash"));
    return {
      margin: { l: 48, r: 12, t: 8, b: 44 },
      xaxis: { title: { text: "Period (days)" }, type: "log" },
      yaxis: { title: { text: "Power" }, rangemode: "tozero" },
      hovermode: "closest",
      showlegend: false,
      shapes,
    };
  }, [bestPeriodDays, currentPeriodDays]);
  const onPointClick = useCallback(
    (event: PlotMouseEvent) => {
      const x = event.points[0]?.x;
      if (typeof x === "number") onPickPeriod?.(x);
    },
    [onPickPeriod],
  );
  return (
    <PlotlyFigure
      data={data}
      layout={layout}
      onPointClick={onPointClick}
      // Below the light curve: plotly.js is fetched when the periodogram is scrolled into view.
      loading="visible"
      className={className ?? "h-[260px] w-full"}
      testId="periodogram"
      ariaLabel={`Periodogram from ${periodsDays[0]?.toPrecision(2) ?? 0} to ${periodsDays.at(-1)?.toPrecision(3) ?? 0} days${bestPeriodDays !== null ? `, best period ${bestPeriodDays.toPrecision(6)} days` : ""}`}
      dataAttributes={{ "data-best-period": bestPeriodDays ?? "" }}
    />
  );
}
