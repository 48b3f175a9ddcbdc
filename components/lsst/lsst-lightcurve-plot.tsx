"use client";

import { useMemo } from "react";
import type { Data } from "plotly.js-dist-min";
import { PlotlyFigure } from "@/components/explorer/plotly-figure";
import { LSST_BAND_STYLE, LSST_BANDS } from "@/lib/lsst/lsst-bands";
import type { LsstDetection, LsstForcedPhotometry } from "@/lib/lsst/get-lsst-object";

export interface LsstLightcurvePlotProps {
  detections: LsstDetection[];
  forcedPhotometry: LsstForcedPhotometry[];
  /** flux: difference PSF flux in nJy (negative allowed); mag: apparent AB magnitude (flux on the science image). */
  unit: "flux" | "mag";
}

/** An LSST light curve per band (ugrizy): detections as filled markers, forced photometry as open ones, 1σ error bars. */
export function LsstLightcurvePlot({ detections, forcedPhotometry, unit }: LsstLightcurvePlotProps) {
  const data = useMemo<Data[]>(() => {
    const traces: Data[] = [];
    const pick = (p: LsstDetection | LsstForcedPhotometry) =>
      unit === "flux" ? { y: p.psf_flux_njy, e: p.psf_flux_err_njy } : { y: p.science_mag_ab, e: p.e_science_mag_ab };
    const valueFormat = unit === "flux" ? ".1f" : ".3f";
    for (const band of LSST_BANDS) {
      const style = LSST_BAND_STYLE[band];
      for (const [kind, points] of [
        ["detections", detections.filter((d) => d.band === band)],
        ["forced", forcedPhotometry.filter((f) => f.band === band)],
      ] as const) {
        const shown = points.filter((p) => pick(p).y !== null);
        if (shown.length === 0) continue;
        traces.push({
          type: "scatter",
          mode: "markers",
          name: `${band} ${kind === "detections" ? "detections" : "forced photometry"}`,
          legendgroup: band,
          x: shown.map((p) => p.mjd),
          y: shown.map((p) => pick(p).y),
          customdata: shown.map((p) => p.measurement_id),
          error_y: { type: "data", array: shown.map((p) => pick(p).e ?? 0), visible: true, color: style.color, thickness: 1, width: 0 },
          marker: {
            color: style.color,
            symbol: kind === "detections" ? style.symbol : style.openSymbol,
            size: 8,
            line: { color: "var(--plot-marker-edge, #ffffff)", width: 0.5 },
          },
          hovertemplate: `${band}  MJD %{x:.5f}<br>%{y:${valueFormat}} ± %{error_y.array:${valueFormat}} ${unit === "flux" ? "nJy" : "AB mag"}<br>id %{customdata}<extra></extra>`,
        });
      }
    }
    return traces;
  }, [detections, forcedPhotometry, unit]);

  const points = data.reduce((n, t) => n + ((t as { x?: unknown[] }).x?.length ?? 0), 0);
  return (
    <PlotlyFigure
      data={data}
      layout={{
        xaxis: { title: { text: "MJD (TAI)" } },
        yaxis: {
          title: { text: unit === "flux" ? "difference flux (nJy)" : "apparent AB magnitude" },
          autorange: unit === "mag" ? "reversed" : true,
        },
        margin: { l: 70, r: 10, t: 10, b: 50 },
        legend: { orientation: "h" },
        height: 320,
      }}
      ariaLabel={unit === "flux" ? "LSST light curve, difference flux in nJy" : "LSST light curve, apparent AB magnitude"}
      testId={`lsst-lightcurve-${unit}`}
      dataAttributes={{ "data-points": points, "data-unit": unit === "flux" ? "nJy" : "AB mag" }}
    />
  );
}
