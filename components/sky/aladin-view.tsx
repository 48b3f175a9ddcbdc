"use client";

import { useEffect, useRef, useState } from "react";
import type { AladinInstance, AladinStatic } from "aladin-lite";

export interface SkyMarker {
  raDeg: number;
  decDeg: number;
  label: string;
  /** CSS colour; defaults to the palette's blue. */
  color?: string;
}

export interface AladinViewProps {
  raDeg: number;
  decDeg: number;
  /** Field of view, degrees (default 0.05° = 3′). */
  fovDeg?: number;
  markers?: SkyMarker[];
  className?: string;
}

type SurveyState = "checking" | "online" | "offline";
type WidgetState = { status: "waiting" } | { status: "loading" } | { status: "ready" } | { status: "failed"; reason: string };

/**
 * Becomes true once the element comes within `margin` of the viewport, and stays true. aladin-lite
 * is the page's largest download (0.8 MB gzipped): a sky view below the fold loads nothing until
 * the reader scrolls towards it.
 */
function useNearViewport(ref: React.RefObject<HTMLElement | null>, margin = "200px"): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: margin });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, margin, near]);
  return near;
}

/** PanSTARRS DR1 colour HiPS (what ALeRCE shows); its properties file tells whether CDS is reachable. */
const SURVEY_ID = "P/PanSTARRS/DR1/color-z-zg-g";
const SURVEY_PROBE_URL = "https://alasky.cds.unistra.fr/Pan-STARRS/DR1/color-z-zg-g/properties";
const DEFAULT_MARKER_COLOR = "#0072B2";

/** One probe per page load: every sky view on the page shares the answer. */
let surveyProbe: Promise<boolean> | undefined;
function surveysReachable(): Promise<boolean> {
  surveyProbe ??= fetch(SURVEY_PROBE_URL, { mode: "no-cors", cache: "no-store", signal: AbortSignal.timeout(6000) }).then(
    () => true,
    () => false,
  );
  return surveyProbe;
}

function addMarkers(A: AladinStatic, aladin: AladinInstance, markers: SkyMarker[]) {
  const byColor = new Map<string, SkyMarker[]>();
  for (const m of markers) {
    const color = m.color ?? DEFAULT_MARKER_COLOR;
    byColor.set(color, [...(byColor.get(color) ?? []), m]);
  }
  for (const [color, group] of byColor) {
    const catalog = A.catalog({
      name: `markers ${color}`,
      color,
      sourceSize: 14,
      shape: "circle",
      displayLabel: true,
      labelColumn: "label",
      labelColor: color,
    });
    catalog.addSources(group.map((m) => A.source(m.raDeg, m.decDeg, { label: m.label })));
    aladin.addCatalog(catalog);
  }
}

/**
 * Aladin Lite sky view centred on (raDeg, decDeg) with a reticle, a coordinate grid and optional
 * labelled markers. aladin-lite (2.4 MB with its WebAssembly core, 0.8 MB gzipped) is imported only when the view
 * mounts. The survey images come from CDS over the internet: when CDS cannot be reached the view
 * says so, and the grid, reticle and markers still work. Any failure stays inside this box.
 */
export function AladinView({ raDeg, decDeg, fovDeg = 0.05, markers = [], className }: AladinViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const instance = useRef<{ A: AladinStatic; aladin: AladinInstance } | null>(null);
  const [widget, setWidget] = useState<WidgetState>({ status: "waiting" });
  const [survey, setSurvey] = useState<SurveyState>("checking");
  const box = useRef<HTMLDivElement>(null);
  const near = useNearViewport(box);

  useEffect(() => {
    if (!near) return;
    let cancelled = false;
    void surveysReachable().then((ok) => {
      if (!cancelled) setSurvey(ok ? "online" : "offline");
    });
    return () => {
      cancelled = true;
    };
  }, [near]);

  // Create the widget once it is near the viewport; later prop changes move it (below) instead of rebuilding it.
  useEffect(() => {
    let cancelled = false;
    const element = container.current;
    if (!element || !near) return;
    (async () => {
      try {
        setWidget({ status: "loading" });
        const { default: A } = await import("aladin-lite");
        await A.init;
        if (cancelled) return;
        const aladin = A.aladin(element, {
          survey: SURVEY_ID,
          fov: fovDeg,
          target: `${raDeg} ${decDeg}`,
          cooFrame: "ICRSd",
          showReticle: true,
          showCooGrid: true,
          showCooGridControl: false,
          showLayersControl: false,
          showFullscreenControl: true,
          showShareControl: false,
          showSettingsControl: false,
          showSimbadPointerControl: false,
          showProjectionControl: false,
          showContextMenu: false,
          showFrame: true,
          showZoomControl: true,
          showStatusBar: false,
        });
        instance.current = { A, aladin };
        setWidget({ status: "ready" });
      } catch (e) {
        if (!cancelled) setWidget({ status: "failed", reason: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      cancelled = true;
      instance.current = null;
      element.replaceChildren();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once per mount; see the effect below
  }, [near]);

  const markerKey = JSON.stringify(markers);
  useEffect(() => {
    const current = instance.current;
    if (widget.status !== "ready" || !current) return;
    try {
      current.aladin.gotoRaDec(raDeg, decDeg);
      current.aladin.setFoV(fovDeg);
      current.aladin.removeLayers();
      addMarkers(current.A, current.aladin, JSON.parse(markerKey) as SkyMarker[]);
    } catch (e) {
      // A bad marker must not take the view down: the object and the grid stay usable.
      // eslint-disable-next-line no-console -- browser code has no server logger: the browser console is its log
      console.error("[aladin-view] could not update the view:", e);
    }
  }, [widget.status, raDeg, decDeg, fovDeg, markerKey]);

  return (
    <div
      ref={box}
      className={`relative ${className ?? "h-72 w-full"}`}
      data-testid="aladin-view"
      data-state={widget.status}
      data-survey={survey}
    >
      {/* aladin-lite styles its container position: relative, so it fills the box by size, not by inset */}
      <div
        ref={container}
        className="h-full w-full overflow-hidden rounded"
        aria-label={`Sky view centred on RA ${raDeg.toFixed(5)}°, Dec ${decDeg.toFixed(5)}°`}
        role="img"
      />
      {(widget.status === "loading" || widget.status === "waiting") && (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-[var(--muted)]">Loading sky view…</p>
      )}
      {widget.status === "failed" && (
        <p className="absolute inset-0 flex items-center justify-center p-4 text-center text-sm text-[var(--muted)]" role="status">
          Sky view unavailable in this browser ({widget.reason}).
        </p>
      )}
      {widget.status !== "failed" && survey === "offline" && (
        <p
          className="pointer-events-none absolute inset-x-2 bottom-2 rounded bg-black/70 px-2 py-1 text-xs text-white"
          role="status"
          data-testid="aladin-offline"
        >
          Sky images unavailable (offline): the survey tiles come from CDS. Grid and markers still work.
        </p>
      )}
    </div>
  );
}
