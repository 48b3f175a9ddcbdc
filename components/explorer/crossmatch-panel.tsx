"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useId, useMemo, useState } from "react";
import { AladinView, type SkyMarker } from "@/components/sky/aladin-view";
import { type CatshtmColumns, type CatshtmSource, fromCatshtmColumns } from "@/lib/catalogs/catshtm-format";

export const MAX_PANEL_RADIUS_ARCSEC = 20;
const OBJECT_COLOR = "#E69F00";
const MATCH_COLOR = "#0072B2";

export interface CrossmatchPanelProps {
  raDeg: number;
  decDeg: number;
  /** Label of the object's own marker (its oid). */
  label?: string;
  /** Radius the panel opens with, arcsec (default 5″; the pipeline stores the nearest within 2″). */
  initialRadiusArcsec?: number;
  /** Draw the object and its counterparts in an Aladin view inside the panel (default true). */
  showSkyView?: boolean;
  /** The markers (object + counterparts), for a sky view elsewhere on the page. */
  onMarkersChange?: (markers: SkyMarker[]) => void;
}

interface CatalogList {
  catalogs: { name: string; rows: number }[];
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const body = (await response.json().catch(() => null)) as (T & { message?: string; errors?: Record<string, string> }) | null;
  if (!response.ok) {
    const detail = body?.errors ? Object.values(body.errors).join("; ") : body?.message;
    throw new Error(detail ?? `HTTP ${response.status}`);
  }
  return body as T;
}

/** Magnitudes of a row: `W1mag` with `e_W1mag` as its error, other mag columns as they are. */
function magnitudes(row: CatshtmSource): { name: string; value: number; error: number | null }[] {
  const byName = new Map(row.values.map((v) => [v.name, v]));
  return row.values
    .filter((v) => v.unit === "mag" && !v.name.startsWith("e_") && typeof v.value === "number")
    .map((v) => {
      const error = byName.get(`e_${v.name}`)?.value;
      return { name: v.name.replace(/mag$/, ""), value: v.value as number, error: typeof error === "number" ? error : null };
    });
}

/**
 * Catalog counterparts around a position, through /api/catshtm/conesearch_all: a table (catalog,
 * id, distance, magnitudes) with a radius slider up to 20″ that refetches, and the counterparts
 * drawn as markers in an Aladin view.
 */
export function CrossmatchPanel({
  raDeg,
  decDeg,
  label = "object",
  initialRadiusArcsec = 5,
  showSkyView = true,
  onMarkersChange,
}: CrossmatchPanelProps) {
  const sliderId = useId();
  const [radius, setRadius] = useState(Math.min(MAX_PANEL_RADIUS_ARCSEC, Math.max(1, initialRadiusArcsec)));
  // The slider moves freely; the query follows the deferred value (no request per pixel dragged).
  const queryRadius = useDeferredValue(radius);
  const catalogs = useQuery({
    queryKey: ["catshtm", "catalogs"],
    queryFn: () => fetchJson<CatalogList>("/api/catshtm/catalogs"),
  });
  const matches = useQuery({
    queryKey: ["catshtm", "conesearch_all", raDeg, decDeg, queryRadius],
    queryFn: async () => {
      const params = new URLSearchParams({ ra: String(raDeg), dec: String(decDeg), radius: String(queryRadius) });
      const body = await fetchJson<{ catalogs: Record<string, CatshtmColumns>[] }>(`/api/catshtm/conesearch_all?${params}`);
      return body.catalogs.flatMap((entry) => Object.entries(entry).flatMap(([name, columns]) => fromCatshtmColumns(name, columns)));
    },
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => [...(matches.data ?? [])].sort((a, b) => a.distArcsec - b.distArcsec), [matches.data]);
  const markers = useMemo<SkyMarker[]>(
    () => [
      { raDeg, decDeg, label, color: OBJECT_COLOR },
      ...rows.map((r) => ({ raDeg: r.raDeg, decDeg: r.decDeg, label: `${r.catalog} ${r.id}`, color: MATCH_COLOR })),
    ],
    [raDeg, decDeg, label, rows],
  );
  useEffect(() => onMarkersChange?.(markers), [markers, onMarkersChange]);

  const loaded = catalogs.data?.catalogs ?? [];
  return (
    <div className="flex flex-col gap-3" data-testid="crossmatch-panel">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label htmlFor={sliderId} className="font-medium">
          Radius
        </label>
        <input
          id={sliderId}
          type="range"
          min={1}
          max={MAX_PANEL_RADIUS_ARCSEC}
          step={1}
          value={radius}
          onChange={(e) => setRadius(Number(e.target.value))}
          aria-valuetext={`${radius} arcseconds`}
          className="w-40 accent-[var(--color-accent,#0072B2)]"
          data-testid="crossmatch-radius"
        />
        <output htmlFor={sliderId} className="w-10 font-mono">
          {radius}″
        </output>
        <span className="text-xs text-muted" aria-live="polite">
          {matches.isFetching
            ? "searching …"
            : `${rows.length} source${rows.length === 1 ? "" : "s"} in ${loaded.map((c) => c.name).join(", ") || "no catalog"}`}
        </span>
      </div>

      {matches.isError ? (
        <p role="alert" className="text-sm text-red-600">
          The catalog search failed: {(matches.error as Error).message}
        </p>
      ) : catalogs.isSuccess && loaded.length === 0 ? (
        <p className="text-sm text-muted">No catalog is loaded (see docs/catalogs.md: npm run catalog:load).</p>
      ) : rows.length === 0 && !matches.isPending ? (
        <p className="text-sm text-muted" data-testid="crossmatch-empty">
          No catalog source within {queryRadius}″.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="crossmatch-table">
            <thead className="text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="py-1 pr-2 text-left">
                  Catalog
                </th>
                <th scope="col" className="py-1 pr-2 text-left">
                  Id
                </th>
                <th scope="col" className="py-1 text-right">
                  Distance (″)
                </th>
              </tr>
            </thead>
            {rows.map((row) => (
              // One tbody per source: its id line, then its magnitudes across the whole width (narrow screens too).
              <tbody key={`${row.catalog}:${row.id}`} className="border-t border-line" data-testid="crossmatch-row">
                <tr>
                  <td className="pt-1 pr-2 align-top">{row.catalog}</td>
                  <td className="pt-1 pr-2 align-top font-mono text-xs break-all">{row.id}</td>
                  <td className="pt-1 text-right align-top font-mono">{row.distArcsec.toFixed(2)}</td>
                </tr>
                <tr>
                  <td colSpan={3} className="pb-1">
                    <span className="flex flex-wrap gap-x-3 gap-y-0.5 font-mono text-xs" aria-label="magnitudes">
                      {magnitudes(row).map((m) => (
                        <span key={m.name} title={`${m.name} magnitude`}>
                          {m.name} {m.value.toFixed(2)}
                          {m.error !== null ? <span className="text-muted">±{m.error.toFixed(2)}</span> : null}
                        </span>
                      ))}
                    </span>
                  </td>
                </tr>
              </tbody>
            ))}
          </table>
        </div>
      )}

      {showSkyView && (
        <AladinView raDeg={raDeg} decDeg={decDeg} fovDeg={Math.max(60, 4 * queryRadius) / 3600} markers={markers} className="h-56 w-full" />
      )}
    </div>
  );
}
