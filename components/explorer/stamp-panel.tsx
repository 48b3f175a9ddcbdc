"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { alertAvroUrl, alertRecordUrl, STAMP_LABELS, STAMP_TYPES, stampUrl, type StampType } from "@/lib/explorer/alert-urls";
import { bandFor } from "@/lib/photometry/bands";
import { formatMjdUtc } from "@/lib/time/mjd";
import { StampSaliency } from "./stamp-saliency";

export interface StampChoice {
  candid: string;
  mjd: number;
  fid: number;
  hasStamp: boolean;
}

export interface StampPanelProps {
  oid: string;
  /** The detection whose stamps are shown; null = none selected. */
  candid: string | null;
  /** Detections to choose from (a keyboard-friendly menu next to clicking the light curve). */
  choices?: StampChoice[];
  onSelectCandid?: (candid: string) => void;
  /** Show the "full alert record" disclosure (default true). */
  showAlertRecord?: boolean;
}

const ZOOMS = [1, 2, 4] as const;

/**
 * What a reviewer is told when the stamp service answers with an error: a sentence, never the raw
 * API text (the browser's network panel keeps the status and the service's message).
 */
function humanStampError(response: Response, what: string): Error {
  if (response.status === 404) return new Error(`not stored for this detection`);
  if (response.status === 429) return new Error(`too many requests just now; reload in a minute`);
  if (response.status >= 500) return new Error(`the server could not read the ${what}; try again later`);
  return new Error(`the ${what} could not be shown`);
}

/** The stamp PNG as a data: URL (a few kB), so the cache holds plain strings. */
async function fetchStampDataUrl(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw humanStampError(response, "stamp");
  const blob = await response.blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the stamp"));
    reader.readAsDataURL(blob);
  });
}

function StampImage({
  oid,
  candid,
  type,
  zoom,
  crosshair,
}: {
  oid: string;
  candid: string;
  type: StampType;
  zoom: number;
  crosshair: boolean;
}) {
  const url = stampUrl(oid, candid, type);
  // Cached per (candid, type): going back to a detection already seen costs nothing.
  const stamp = useQuery({ queryKey: ["stamp", oid, candid, type], queryFn: () => fetchStampDataUrl(url) });

  return (
    <figure className="flex min-w-0 flex-col items-center gap-1" data-testid={`stamp-${type}`} data-candid={candid}>
      <div className="relative aspect-square w-full max-w-[240px] overflow-hidden rounded border border-line bg-black">
        {stamp.isError ? (
          <p className="absolute inset-0 overflow-hidden p-2 text-center text-[0.65rem] leading-tight break-words text-white" role="status">
            {STAMP_LABELS[type]} stamp: {(stamp.error as Error).message}
          </p>
        ) : stamp.data ? (
          // eslint-disable-next-line @next/next/no-img-element -- a data: URL of a 63×63 PNG: nothing for next/image to optimise
          <img
            src={stamp.data}
            alt={`${STAMP_LABELS[type]} stamp of candid ${candid}`}
            className="h-full w-full object-contain [image-rendering:pixelated]"
            style={{ transform: `scale(${zoom})`, transformOrigin: "center" }}
            draggable={false}
          />
        ) : (
          <p className="absolute inset-0 flex items-center justify-center text-xs text-white/80">Loading…</p>
        )}
        {crosshair && (
          <svg className="pointer-events-none absolute inset-0 h-full w-full" viewBox="0 0 100 100" aria-hidden="true">
            <path d="M50 20V42M50 58V80M20 50H42M58 50H80" stroke="var(--crosshair, #56B4E9)" strokeWidth="1.2" fill="none" />
          </svg>
        )}
      </div>
      <figcaption className="flex items-center gap-2 text-xs">
        <span className="font-medium">{STAMP_LABELS[type]}</span>
        <a
          href={stampUrl(oid, candid, type, "fits")}
          download
          className="inline-flex min-h-11 min-w-11 items-center justify-center text-accent underline sm:min-h-0 sm:min-w-0"
          data-testid={`fits-${type}`}
        >
          FITS
        </a>
      </figcaption>
    </figure>
  );
}

function AlertRecord({ oid, candid }: { oid: string; candid: string }) {
  const [open, setOpen] = useState(false);
  const record = useQuery({
    queryKey: ["alert", oid, candid],
    enabled: open,
    queryFn: async () => {
      const response = await fetch(alertRecordUrl(oid, candid));
      if (!response.ok) throw humanStampError(response, "alert");
      return (await response.json()) as unknown;
    },
  });
  return (
    <details className="mt-3 rounded border border-line" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">Full alert record (candid {candid})</summary>
      <div className="border-t border-line p-3">
        <p className="mb-2 text-xs">
          <a className="text-accent underline" href={alertRecordUrl(oid, candid)}>
            JSON
          </a>{" "}
          ·{" "}
          <a className="text-accent underline" href={alertAvroUrl(oid, candid)} download>
            Avro
          </a>
        </p>
        {record.isLoading && <p className="text-xs text-muted">Loading…</p>}
        {record.isError && (
          <p className="text-xs text-red-700 dark:text-red-300">Could not load the alert: {(record.error as Error).message}</p>
        )}
        {record.data !== undefined && (
          <pre className="max-h-96 overflow-auto text-xs" data-testid="alert-record" tabIndex={0}>
            {JSON.stringify(record.data, null, 2)}
          </pre>
        )}
      </div>
    </details>
  );
}

/**
 * The three stamps (science, reference, difference) of one detection, rendered from the alert's
 * FITS cutouts by the stamp service (zscale), with zoom, a crosshair, FITS downloads and the full
 * alert record. Stamps are fetched with TanStack Query, so switching detections refetches only
 * what is not cached.
 */
export function StampPanel({ oid, candid, choices = [], onSelectCandid, showAlertRecord = true }: StampPanelProps) {
  const [zoom, setZoom] = useState<(typeof ZOOMS)[number]>(1);
  const [crosshair, setCrosshair] = useState(true);
  const withStamps = choices.filter((c) => c.hasStamp);
  const selected = choices.find((c) => c.candid === candid);

  return (
    <div data-testid="stamp-panel" data-candid={candid ?? ""}>
      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
        {choices.length > 0 && (
          <label className="flex min-w-0 items-center gap-2">
            <span className="text-muted">Detection</span>
            <select
              value={candid ?? ""}
              onChange={(e) => onSelectCandid?.(e.target.value)}
              className="max-w-full min-w-0 rounded border border-line bg-panel px-2 py-1 font-mono text-xs"
              data-testid="stamp-candid-select"
            >
              {candid && !selected?.hasStamp && <option value={candid}>{candid} (no stamps)</option>}
              {withStamps.map((c) => (
                <option key={c.candid} value={c.candid}>
                  {formatMjdUtc(c.mjd).slice(0, 16)} {bandFor(c.fid).name} · {c.candid}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="flex items-center gap-1" role="group" aria-label="Zoom">
          {ZOOMS.map((z) => (
            <button
              key={z}
              type="button"
              onClick={() => setZoom(z)}
              aria-pressed={zoom === z}
              className="min-h-11 min-w-11 rounded border border-line px-2 py-0.5 text-xs aria-pressed:bg-accent aria-pressed:text-panel sm:min-h-0 sm:min-w-0"
            >
              {z}×
            </button>
          ))}
        </div>
        <label className="flex min-h-11 items-center gap-2 text-xs sm:min-h-0">
          <input type="checkbox" checked={crosshair} onChange={(e) => setCrosshair(e.target.checked)} className="h-5 w-5 sm:h-4 sm:w-4" />{" "}
          crosshair
        </label>
      </div>
      {!candid ? (
        <p className="text-sm text-muted">This object has no detection with stamps.</p>
      ) : selected && !selected.hasStamp ? (
        <p className="text-sm text-muted" data-testid="no-stamps">
          Detection {candid} came from an alert&apos;s history (prv_candidates): ZTF sends no stamps for it. Pick a detection drawn from an
          alert.
        </p>
      ) : (
        <>
          {/* Desktop: two columns in the narrow stamps panel, so each stamp is ≥ 180 px at 1×; one row of three elsewhere. */}
          <div className="grid grid-cols-3 gap-2 sm:gap-4 lg:grid-cols-2">
            {STAMP_TYPES.map((type) => (
              <StampImage key={`${candid}-${type}`} oid={oid} candid={candid} type={type} zoom={zoom} crosshair={crosshair} />
            ))}
          </div>
          <StampSaliency key={`saliency-${candid}`} oid={oid} candid={candid} />
          {showAlertRecord && <AlertRecord key={candid} oid={oid} candid={candid} />}
        </>
      )}
    </div>
  );
}
