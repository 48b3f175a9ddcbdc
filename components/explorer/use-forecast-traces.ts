"use client";

import { useEffect, useState } from "react";
import type { Data } from "plotly.js-dist-min";
import { objectForecastSchema, type ObjectForecast } from "@/lib/forecast/object-forecast-schema";
import { bandFor } from "@/lib/photometry/bands";

/**
 * Plotly traces of an object's SPM forecast (GET /api/objects/{oid}/forecast): per band a shaded 90 %
 * prediction band and the dashed model curve, in difference magnitudes. Fetched once in the browser;
 * empty until it arrives, without an oid, and for periodic or unforecastable objects.
 */
export function useForecastTraces(oid: string | undefined): Data[] {
  const [forecast, setForecast] = useState<ObjectForecast | null>(null);
  useEffect(() => {
    if (!oid) return;
    const controller = new AbortController();
    fetch(`/api/objects/${encodeURIComponent(oid)}/forecast`, { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: unknown) => {
        const parsed = objectForecastSchema.safeParse(body);
        if (parsed.success) setForecast(parsed.data);
      })
      .catch(() => undefined); // the plot stays without a forecast
    return () => controller.abort();
  }, [oid]);
  if (forecast?.kind !== "transient") return [];
  return forecast.bands.flatMap((b): Data[] => {
    const band = bandFor(b.fid);
    const closed = b.points.filter((p) => p.mag_faint !== null);
    return [
      {
        type: "scatter",
        mode: "lines",
        name: `${band.name} forecast (90 % band)`,
        legendgroup: `${band.name} forecast`,
        x: [...closed.map((p) => p.mjd), ...closed.map((p) => p.mjd).reverse()],
        y: [...closed.map((p) => p.mag_bright), ...closed.map((p) => p.mag_faint!).reverse()],
        fill: "toself",
        fillcolor: band.color,
        opacity: 0.2,
        line: { width: 0 },
        hoverinfo: "skip",
      },
      {
        type: "scatter",
        mode: "lines",
        name: `${band.name} forecast`,
        legendgroup: `${band.name} forecast`,
        showlegend: false,
        x: b.points.map((p) => p.mjd),
        y: b.points.map((p) => p.mag),
        line: { color: band.color, dash: "dash", width: 1.5 },
        hovertemplate: `${band.name} forecast  MJD %{x:.1f}<br>%{y:.2f}<extra></extra>`,
      },
    ];
  });
}
