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

/** When a figure fetches plotly.js (0.4 MB gzipped): at once, when scrolled near, or when the reader reaches for it. */
export type PlotlyLoading = "mount" | "visible" | "intent";

/** plotly.js, fetched once per page and shared by every figure. */
let plotlyModule: Promise<PlotlyModule> | null = null;
let plotlyLoaded = false;
const plotlyListeners = new Set<() => void>();
function loadPlotly(): Promise<PlotlyModule> {
  plotlyModule ??= import("plotly.js-basic-dist-min").then((loaded) => {
    plotlyLoaded = true;
    for (const listener of plotlyListeners) listener();
    return loaded;
  });
  return plotlyModule;
}
function subscribePlotlyLoaded(onChange: () => void) {
  plotlyListeners.add(onChange);
  return () => void plotlyListeners.delete(onChange);
}
/** Whether plotly.js is already on the page (fetched for another figure): drawing costs no transfer then. */
function usePlotlyLoaded(): boolean {
  return useSyncExternalStore(
    subscribePlotlyLoaded,
    () => plotlyLoaded,
    () => false,
  );
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
  /**
   * A static drawing of the same figure (server-rendered SVG), shown until plotly.js has drawn the
   * interactive one over it. Without it a "Loading plot…" line stands in.
   */
  placeholder?: React.ReactNode;
  /** A click on the figure before plotly.js has drawn it (e.g. on a point of the placeholder). */
  onPlaceholderClick?: (event: React.MouseEvent<HTMLDivElement>) => void;
  /**
   * "intent" (with a placeholder): plotly.js is fetched when the pointer enters the figure, it is
   * tapped or focused, or another figure has already fetched it. "visible": when the figure comes
   * into view. "mount" (default): at once.
   */
  loading?: PlotlyLoading;
}

/** True once the element has been in the viewport (it stays true). */
function useSeen(ref: React.RefObject<HTMLElement | null>, enabled: boolean): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!enabled || seen || !element) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, enabled, seen]);
  return seen;
}

/**
 * A plotly.js figure. plotly.js-basic-dist-min (scatter/bar/pie: 1.2 MB, 0.4 MB gzipped) is a
 * separate chunk fetched as `loading` says, so it stays out of the first load; later prop changes
 * go through Plotly.react (no re-creation). User Timing marks: `plot-interactive:<testId>` at the
 * first plotly.js draw, and `plot-drawn:<testId>` then too unless the placeholder set it earlier.
 */
export function PlotlyFigure({
  data,
  layout,
  config,
  onPointClick,
  className,
  ariaLabel,
  testId,
  dataAttributes,
  placeholder,
  onPlaceholderClick,
  loading = "mount",
}: PlotlyFigureProps) {
  const box = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const plotly = useRef<PlotlyModule | null>(null);
  const clickHandler = useRef(onPointClick);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const [wanted, setWanted] = useState(false);
  const theme = usePageTheme();
  const lazy = placeholder !== undefined && loading === "intent" ? "intent" : loading;
  const seen = useSeen(box, lazy === "visible");
  const shared = usePlotlyLoaded();
  const load = lazy === "mount" || wanted || shared || (lazy === "visible" && seen);
  const want = () => {
    if (!wanted) setWanted(true);
  };

  useEffect(() => {
    clickHandler.current = onPointClick;
  }, [onPointClick]);

  useEffect(() => {
    if (!load) return;
    let cancelled = false;
    const element = container.current;
    void loadPlotly()
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
  }, [load]);

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
        setDrawn(true);
        // First draw, as User Timing marks (ms since navigation start): read by the e2e speed test and bench:pages.
        if (testId) {
          if (performance.getEntriesByName(`plot-drawn:${testId}`).length === 0) performance.mark(`plot-drawn:${testId}`);
          if (performance.getEntriesByName(`plot-interactive:${testId}`).length === 0) performance.mark(`plot-interactive:${testId}`);
        }
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [ready, data, layout, config, theme, testId]);

  const showPlaceholder = placeholder !== undefined && !drawn;
  return (
    <div ref={box} className="relative" onPointerEnter={want} onPointerDown={want} onFocus={want}>
      {error && <p className="text-sm text-red-700 dark:text-red-300">The plot could not be drawn: {error}</p>}
      {!showPlaceholder && !ready && !error && <p className="text-sm text-muted">Loading plot…</p>}
      {showPlaceholder && placeholder}
      {/* Above the placeholder (later in the box, positioned) and transparent until plotly.js draws into it. */}
      <div
        ref={container}
        className={`relative ${className ?? "h-[380px] w-full"}`}
        data-testid={testId}
        data-interactive={drawn}
        role="figure"
        aria-label={ariaLabel}
        onClick={showPlaceholder ? onPlaceholderClick : undefined}
        {...dataAttributes}
      />
    </div>
  );
}
