"use client";

import { useState } from "react";
import { dateToMjd, mjdToDate } from "@/lib/time/mjd";

function mjdToIsoDate(text: string): string {
  const mjd = Number(text);
  if (text.trim() === "" || !Number.isFinite(mjd) || mjd < 0 || mjd > 100_000) return "";
  return mjdToDate(mjd).toISOString().slice(0, 10);
}

/**
 * An MJD field (the value submitted, named `name`) kept in step with a calendar date picker
 * (UTC midnight of the chosen day). Typing an MJD moves the picker; picking a day sets the MJD.
 */
export function MjdDateInput({ name, label, defaultValue, error }: { name: string; label: string; defaultValue: string; error?: string }) {
  const [mjdText, setMjdText] = useState(defaultValue);
  const errorId = `${name}-error`;
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-medium text-muted">{label}</legend>
      <div className="flex flex-wrap gap-2">
        <input
          type="date"
          aria-label={`${label}: calendar date (UTC)`}
          value={mjdToIsoDate(mjdText)}
          onChange={(e) => setMjdText(e.target.value === "" ? "" : String(dateToMjd(new Date(`${e.target.value}T00:00:00Z`))))}
          className="min-w-0 flex-1 rounded border border-line bg-panel px-2 py-1 text-sm"
          data-testid={`${name}-date`}
        />
        <input
          type="text"
          inputMode="decimal"
          name={name}
          aria-label={`${label}: MJD`}
          placeholder="MJD"
          value={mjdText}
          onChange={(e) => setMjdText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="w-28 rounded border border-line bg-panel px-2 py-1 font-mono text-sm"
        />
      </div>
      {error && (
        <p id={errorId} className="text-xs text-red-700 dark:text-red-400" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
