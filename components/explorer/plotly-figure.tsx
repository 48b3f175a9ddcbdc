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

/** The value of `var(--name, fallback)` on the page now; other strings unchanged. */
function resolveCssVar(css: CSSStyleDeclaration, value: string): string {
  const match = /^var\((--[\w-]+)(?:\s*,\s*(.+))?\)$/.exec(value.trim());
  if (!match) return value;
  return css.getPropertyValue(match[1]!).trim() || (match[2] ? resolveCssVar(css, match[2]) : value);
}

/**
 * A copy of plot data or layout with every `var(--…)` colour resolved against the page theme
 * (plotly.js draws with literal colours). Numeric arrays are passed through untouched.
 */
export function resolveThemeColors<T>(value: T, css: CSSStyleDeclaration = getComputedStyle(document.documentElement)): T {
  if (typeof value === "string") return resolveCssVar(css, value) as T;
  if (Array.isArray(value))
    return (value.length > 0 && typeof value[0] === "number" ? value : value.map((v: unknown) => resolveThemeColors(v, css))) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveThemeColors(v, css);
    return out as T;
  }
  return value;
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
    hoverlabel: { bgcolor: v("--panel", "#ffffff"), bordercolor: v("--border", "#e2e8f0"), font: { color: v("--fg", "#0f172a") } },
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

/**
 * The mode bar keeps what an astronomer uses (zoom, pan, reset, PNG export) and drops plotly's
 * cloud "share" link, lasso/box select (nothing here acts on a selection) and spike toggles; it
 * appears on hover only, so on phones it does not sit on the plot.
 */
const PLOT_CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  showSendToCloud: false,
  modeBarButtonsToRemove: ["select2d", "lasso2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian", "autoScale2d"],
  toImageButtonOptions: { format: "png", scale: 2 },
};

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
      .react(element, resolveThemeColors(data), resolveThemeColors(mergeLayout(themeLayout(), layout)), {
        ...PLOT_CONFIG,
        // Touch screens: drags scroll the page (dragmode off), so zoom buttons would do nothing.
        ...(window.matchMedia("(pointer: coarse)").matches ? { displayModeBar: false } : {}),
        ...config,
      })
      .then((graph) => {
        if (!fresh) return;
        graph.on("plotly_click", (event) => clickHandler.current?.(event));
        // First draw, as a User Timing mark (ms since navigation start): read by the e2e speed test and bench:pages.
        if (testId && performance.getEntriesByName(`plot-drawn:${testId}`).length === 0) performance.mark(`plot-drawn:${testId}`);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [ready, data, layout, config, theme, testId]);

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
