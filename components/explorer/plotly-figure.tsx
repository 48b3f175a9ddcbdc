"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Config, Data, Layout, PlotlyHTMLElement, PlotMouseEvent } from "plotly.js-dist-min";

type PlotlyModule = typeof import("plotly.js-basic-dist-min");

/** The page theme (html[data-theme]), followed live so plots recolour when the reader switches. */
function subscribeTheme(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}
export function usePageTheme(): string {
  return useSyncExternalStore(
    subscribeTheme,
    () => document.documentElement.dataset.theme ?? "light",
    () => "light",
  );
}

function themeLayout(): Partial<Layout> {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const grid = v("--plot-grid", "#e2e8f0");
  return {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: v("--plot-bg", "#ffffff"),
    font: { color: v("--fg", "#0f172a"), size: 12 },
    xaxis: { gridcolor: grid, zerolinecolor: grid, linecolor: grid },
    yaxis: { gridcolor: grid, zerolinecolor: grid, linecolor: grid },
  };
}

function mergeLayout(theme: Partial<Layout>, layout: Partial<Layout>): Partial<Layout> {
  // On touch screens a drag must scroll the page, not zoom the plot; taps still select points.
  const touch = window.matchMedia("(pointer: coarse)").matches;
  return {
    ...theme,
    ...(touch ? { dragmode: false as const } : {}),
    ...layout,
    xaxis: { ...theme.xaxis, ...layout.xaxis },
    yaxis: { ...theme.yaxis, ...layout.yaxis },
  };
}

export interface PlotlyFigureProps {
  data: Data[];
  layout: Partial<Layout>;
  config?: Partial<Config>;
  onPointClick?: (event: PlotMouseEvent) => void;
  className?: string;
  ariaLabel: string;
  testId?: string;
  /** Extra data-* attributes for tests and tools. */
  dataAttributes?: Record<`data-${string}`, string | number>;
}

/**
 * A plotly.js figure. plotly.js-basic-dist-min (scatter/bar/pie: 1.2 MB, 0.4 MB gzipped) is imported when the first figure mounts, so it
 * stays out of the first-load bundle; later prop changes go through Plotly.react (no re-creation).
 */
export function PlotlyFigure({ data, layout, config, onPointClick, className, ariaLabel, testId, dataAttributes }: PlotlyFigureProps) {
  const container = useRef<HTMLDivElement>(null);
  const plotly = useRef<PlotlyModule | null>(null);
  const clickHandler = useRef(onPointClick);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const theme = usePageTheme();

  useEffect(() => {
    clickHandler.current = onPointClick;
  }, [onPointClick]);

  useEffect(() => {
    let cancelled = false;
    const element = container.current;
    void import("plotly.js-basic-dist-min")
      .then((loaded) => {
        if (cancelled || !element) return;
        plotly.current = loaded;
        setReady(true);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      if (plotly.current && element) plotly.current.purge(element);
    };
  }, []);

  useEffect(() => {
    const element = container.current;
    const lib = plotly.current;
    if (!ready || !element || !lib) return;
    const fresh = !(element as Partial<PlotlyHTMLElement>).on || !element.classList.contains("js-plotly-plot");
    void lib
      .react(element, data, mergeLayout(themeLayout(), layout), { responsive: true, displaylogo: false, ...config })
      .then((graph) => {
        if (fresh) graph.on("plotly_click", (event) => clickHandler.current?.(event));
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [ready, data, layout, config, theme]);

  return (
    <div>
      {error && <p className="text-sm text-red-700 dark:text-red-300">The plot could not be drawn: {error}</p>}
      {!ready && !error && <p className="text-sm text-muted">Loading plot…</p>}
      <div
        ref={container}
        className={className ?? "h-[380px] w-full"}
        data-testid={testId}
        role="figure"
        aria-label={ariaLabel}
        {...dataAttributes}
      />
    </div>
  );
}
