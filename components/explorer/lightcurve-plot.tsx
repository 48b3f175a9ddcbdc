"use client";

import { useEffect, useRef, useState } from "react";
import type { LightcurveDetection, LightcurveNonDetection } from "@/lib/objects/get-object-lightcurve";
import { bandFor } from "@/lib/photometry/bands";

interface Props {
  detections: LightcurveDetection[];
  nonDetections: LightcurveNonDetection[];
}

type PlotlyModule = typeof import("plotly.js-dist-min");
type PlotTrace = import("plotly.js-dist-min").ScatterData;

/** Difference-magnitude light curve: detections with 1σ error bars, upper limits as faded triangles. */
export function LightcurvePlot({ detections, nonDetections }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let plotly: PlotlyModule | undefined;
    let cancelled = false;
    const element = container.current;
    if (!element) return;

    void import("plotly.js-dist-min")
      .then((module) => {
        if (cancelled) return;
        plotly = module;
        const fids = [...new Set([...detections.map((d) => d.fid), ...nonDetections.map((n) => n.fid)])].sort();
        const traces: PlotTrace[] = [];
        for (const fid of fids) {
          const band = bandFor(fid);
          const points = detections.filter((d) => d.fid === fid);
          if (points.length > 0) {
            traces.push({
              type: "scatter",
              mode: "markers",
              name: `${band.name} detections`,
              x: points.map((d) => d.mjd),
              y: points.map((d) => d.magpsf),
              customdata: points.map((d) => d.candid),
              error_y: { type: "data", array: points.map((d) => d.sigmapsf), visible: true, color: band.color, thickness: 1, width: 0 },
              marker: { color: band.color, symbol: band.symbol, size: 8, line: { color: "#ffffff", width: 0.5 } },
              hovertemplate: `${band.name}  MJD %{x:.5f}<br>mag %{y:.3f} ± %{error_y.array:.3f}<br>candid %{customdata}<extra></extra>`,
            });
          }
          const limits = nonDetections.filter((n) => n.fid === fid);
          if (limits.length > 0) {
            traces.push({
              type: "scatter",
              mode: "markers",
              name: `${band.name} upper limits`,
              x: limits.map((n) => n.mjd),
              y: limits.map((n) => n.diffmaglim),
              opacity: 0.35,
              marker: { color: band.color, symbol: "triangle-down-open", size: 8 },
              hovertemplate: `${band.name}  MJD %{x:.5f}<br>limit %{y:.2f}<extra></extra>`,
            });
          }
        }
        return module.newPlot(
          element,
          traces,
          {
            margin: { l: 56, r: 16, t: 16, b: 48 },
            xaxis: { title: { text: "MJD" }, zeroline: false, tickformat: "d" },
            yaxis: { title: { text: "Difference magnitude" }, autorange: "reversed", zeroline: false },
            legend: { orientation: "h", y: -0.22 },
            hovermode: "closest",
            paper_bgcolor: "rgba(0,0,0,0)",
            plot_bgcolor: "#ffffff",
          },
          { responsive: true, displaylogo: false },
        );
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));

    return () => {
      cancelled = true;
      if (plotly && element) plotly.purge(element);
    };
  }, [detections, nonDetections]);

  if (detections.length === 0 && nonDetections.length === 0) {
    return <p className="text-sm text-slate-600">No photometry stored for this object.</p>;
  }
  return (
    <div>
      {error && <p className="text-sm text-red-700">The light curve could not be drawn: {error}</p>}
      <div
        ref={container}
        className="h-[380px] w-full"
        data-testid="lightcurve"
        data-detections={detections.length}
        data-upper-limits={nonDetections.length}
        role="img"
        aria-label={`Light curve: ${detections.length} detections and ${nonDetections.length} upper limits`}
      />
    </div>
  );
}
