"use client";

import { useCallback, useMemo } from "react";
import type { Data, Layout, PlotMouseEvent } from "plotly.js-dist-min";
import { LightcurvePreview } from "@/components/explorer/lightcurve-preview";
import { PlotlyFigure } from "@/components/explorer/plotly-figure";
import { useForecastTraces } from "@/components/explorer/use-forecast-traces";
import { buildLightcurveView, type PlottableDetection } from "@/lib/explorer/lightcurve-series";
import type { LightcurveMode } from "@/lib/explorer/object-view-state";
import type { LightcurveNonDetection } from "@/lib/objects/get-object-lightcurve";
import { bandFor } from "@/lib/photometry/bands";

export interface LightcurvePlotProps {
  detections: PlottableDetection[];
  nonDetections: LightcurveNonDetection[];
  /** diff (default), apparent, folded (needs periodDays) or flux. */
  mode?: LightcurveMode;
  periodDays?: number | null;
  /** The object is flagged corrected: folds use apparent magnitudes (else signed difference flux). */
  corrected?: boolean;
  /** The detection drawn with a ring (e.g. the one whose stamps are shown). */
  selectedCandid?: string | null;
  /** Called with the candid of a clicked (tapped) detection. */
  onSelectCandid?: (candid: string) => void;
  className?: string;
  /**
   * The request's CSP nonce: the static light curve drawn until plotly.js is wanted then carries the
   * inline script that marks its first paint. Without one (SN Hunter) it is drawn all the same.
   */
  nonce?: string;
  /** Draw the object's forecast (GET /api/objects/{oid}/forecast) in difference mode. */
  forecastOid?: string;
}

/** A tap or click this close (px) to a point of the static light curve selects that point. */
const STATIC_HIT_RADIUS_PX = 12;

/** The candid of the static light curve's point nearest to the click, within STATIC_HIT_RADIUS_PX. */
function staticPointAt(event: React.MouseEvent<HTMLElement>): string | null {
  const figure = event.currentTarget.parentElement?.querySelector("[data-testid=lightcurve-static]");
  let best: { candid: string; distance: number } | null = null;
  for (const point of figure?.querySelectorAll<SVGElement>("[data-candid]") ?? []) {
    const r = point.getBoundingClientRect();
    const distance = Math.hypot(r.x + r.width / 2 - event.clientX, r.y + r.height / 2 - event.clientY);
    if (distance <= STATIC_HIT_RADIUS_PX && (!best || distance < best.distance)) best = { candid: point.dataset.candid!, distance };
  }
  return best?.candid ?? null;
}

/**
 * A ZTF light curve: detections with 1σ error bars per band (colour-blind-safe colours and distinct
 * markers), upper limits as open triangles, in difference / apparent / folded / flux mode.
 * Detection traces are named "<band> detections" and carry each point's candid in customdata.
 */
export function LightcurvePlot({
  detections,
  nonDetections,
  mode = "diff",
  periodDays = null,
  corrected = false,
  selectedCandid = null,
  onSelectCandid,
  className,
  nonce,
  forecastOid,
}: LightcurvePlotProps) {
  const forecastTraces = useForecastTraces(mode === "diff" ? forecastOid : undefined);
  const view = useMemo(
    () => buildLightcurveView(detections, nonDetections, mode, { periodDays, corrected }),
    [detections, nonDetections, mode, periodDays, corrected],
  );

  const data = useMemo<Data[]>(() => {
    const traces: Data[] = [];
    const valueFormat = view.yReversed ? ".3f" : ".2f";
    for (const s of view.series) {
      const band = bandFor(s.fid);
      if (s.kind === "detection" || s.kind === "cycle2") {
        traces.push({
          type: "scatter",
          mode: "markers",
          // The second cycle of a fold repeats the same detections (one legend entry per band).
          name: s.kind === "detection" ? `${band.name} detections` : `${band.name} (next cycle)`,
          showlegend: s.kind === "detection",
          legendgroup: band.name,
          x: s.x,
          y: s.y,
          customdata: s.candids,
          error_y: { type: "data", array: s.error, visible: true, color: band.color, thickness: 1, width: 0 },
          marker: { color: band.color, symbol: band.symbol, size: 8, line: { color: "var(--plot-marker-edge, #ffffff)", width: 0.5 } },
          hovertemplate: `${band.name}  ${mode === "folded" ? "phase %{x:.3f}" : "MJD %{x:.5f}"}<br>%{y:${valueFormat}} ± %{error_y.array:${valueFormat}}<br>candid %{customdata}<extra></extra>`,
        });
      } else {
        traces.push({
          type: "scatter",
          mode: "markers",
          name: `${band.name} upper limits`,
          x: s.x,
          y: s.y,
          legendgroup: band.name,
          // Open triangles tell limits from detections; no fading, which would drop them under 3:1 contrast in the observer palette.
          marker: { color: band.color, symbol: "triangle-down-open", size: 7, line: { width: 1 } },
          hovertemplate: `${band.name}  MJD %{x:.5f}<br>limit %{y:${valueFormat}}<extra></extra>`,
        });
      }
    }
    if (selectedCandid) {
      for (const s of view.series) {
        const i = s.candids.indexOf(selectedCandid);
        if (i < 0) continue;
        traces.push({
          type: "scatter",
          mode: "markers",
          name: "selected",
          x: [s.x[i]!],
          y: [s.y[i]!],
          showlegend: false,
          hoverinfo: "skip",
          marker: {
            color: "var(--plot-selected, #CC79A7)",
            size: 18,
            symbol: "circle-open",
            line: { color: "var(--plot-selected, #CC79A7)", width: 2.5 },
          },
        });
      }
    }
    return [...traces, ...(mode === "diff" ? forecastTraces : [])];
  }, [view, mode, selectedCandid, forecastTraces]);

  const layout = useMemo<Partial<Layout>>(
    () => ({
      margin: { l: 56, r: 12, t: 12, b: 44 },
      xaxis: {
        title: { text: view.xTitle },
        zeroline: false,
        tickformat: view.xTickFormat,
        range: view.xRange ?? undefined,
        // Without it plotly may write "58451.1" then "58451.1" again for close ticks; a fixed format plus auto ticks is enough.
        nticks: 8,
      },
      yaxis: { title: { text: view.yTitle }, autorange: view.yReversed ? "reversed" : true, zeroline: !view.yReversed },
      legend: { orientation: "h", y: -0.2 },
      hovermode: "closest",
      uirevision: mode,
    }),
    [view, mode],
  );

  const onPointClick = useCallback(
    (event: PlotMouseEvent) => {
      const candid = event.points.find((p) => typeof p.customdata === "string")?.customdata;
      if (typeof candid === "string") onSelectCandid?.(candid);
    },
    [onSelectCandid],
  );

  if (detections.length === 0 && nonDetections.length === 0) {
    return <p className="text-sm text-muted">No photometry stored for this object.</p>;
  }
  if (view.emptyReason) {
    return (
      <p className="flex min-h-[120px] items-center text-sm text-muted" data-testid="lightcurve-empty" data-mode={mode}>
        {view.emptyReason}
      </p>
    );
  }
  const plotted = view.series.filter((s) => s.kind === "detection").reduce((n, s) => n + s.x.length, 0);
  return (
    <div>
      <PlotlyFigure
        data={data}
        layout={layout}
        onPointClick={onPointClick}
        loading="intent"
        placeholder={<LightcurvePreview view={view} selectedCandid={selectedCandid} nonce={nonce} markName="plot-drawn:lightcurve" />}
        onPlaceholderClick={(event) => {
          const candid = staticPointAt(event);
          if (candid) onSelectCandid?.(candid);
        }}
        className={className ?? "h-[340px] w-full sm:h-[400px]"}
        testId="lightcurve"
        ariaLabel={`Light curve (${view.yTitle} against ${view.xTitle}): ${plotted} detections and ${nonDetections.length} upper limits`}
        dataAttributes={{
          "data-detections": plotted,
          "data-upper-limits": nonDetections.length,
          "data-mode": mode,
          "data-x-title": view.xTitle,
        }}
      />
      {view.omitted > 0 && (
        <p className="mt-1 text-xs text-muted">
          {view.omitted} detection{view.omitted === 1 ? "" : "s"} without a corrected magnitude (magpsf_corr) not shown in this mode.
        </p>
      )}
    </div>
  );
}
