"use client";

import { useObjectView } from "@/components/explorer/use-object-view";
import { formatDecDms, formatRaHms } from "@/lib/coords/sexagesimal";
import { formatMjdUtc } from "@/lib/time/mjd";

export interface BasicInfo {
  oid: string;
  raDeg: number;
  decDeg: number;
  sigmaRaArcsec: number | null;
  sigmaDecArcsec: number | null;
  firstmjd: number;
  lastmjd: number;
  deltajd: number;
  ndet: number;
  nonDetections: number;
  ndethist: number | null;
  ncovhist: number | null;
  corrected: boolean;
  stellar: boolean;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-xs uppercase tracking-wide text-muted">{label}</dt>
      <dd className="font-mono text-sm break-words">{children}</dd>
    </div>
  );
}

function Toggle<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
}) {
  return (
    <div role="group" aria-label={label} className="inline-flex overflow-hidden rounded border border-line text-xs">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          className="px-2 py-0.5 aria-pressed:bg-accent aria-pressed:text-panel"
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

const Flag = ({ on, yes, no }: { on: boolean; yes: string; no: string }) => (
  <span className={`inline-block rounded px-1.5 py-0.5 font-sans text-xs ${on ? "bg-accent-soft text-accent" : "bg-page text-muted"}`}>
    {on ? yes : no}
  </span>
);

/** The object's basic information, with degrees ↔ HMS/DMS and MJD ↔ UTC toggles kept in the URL. */
export function ObjectBasicInfo({ info }: { info: BasicInfo }) {
  const [view, update] = useObjectView();
  const sex = view.coords === "sex";
  const utc = view.time === "utc";
  const time = (mjd: number) => (utc ? formatMjdUtc(mjd) : `MJD ${mjd.toFixed(5)}`);
  return (
    <div>
      <div className="mb-3 flex flex-wrap gap-3">
        <Toggle
          label="Coordinate format"
          value={view.coords}
          onChange={(coords) => update({ coords })}
          options={[
            { value: "sex", label: "HMS/DMS" },
            { value: "deg", label: "degrees" },
          ]}
        />
        <Toggle
          label="Time format"
          value={view.time}
          onChange={(t) => update({ time: t })}
          options={[
            { value: "utc", label: "UTC" },
            { value: "mjd", label: "MJD" },
          ]}
        />
      </div>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="RA (J2000)">
          <span data-testid={sex ? "ra-hms" : "ra-deg"}>{sex ? formatRaHms(info.raDeg) : `${info.raDeg.toFixed(6)}°`}</span>
        </Field>
        <Field label="Dec (J2000)">
          <span data-testid={sex ? "dec-dms" : "dec-deg"}>
            {sex ? formatDecDms(info.decDeg) : `${info.decDeg >= 0 ? "+" : ""}${info.decDeg.toFixed(6)}°`}
          </span>
        </Field>
        <Field label="First detection">
          <span data-testid="firstmjd">{time(info.firstmjd)}</span>
        </Field>
        <Field label="Last detection">{time(info.lastmjd)}</Field>
        <Field label="Detections / upper limits">
          {info.ndet} / {info.nonDetections}
        </Field>
        <Field label="Time span">{info.deltajd.toFixed(3)} d</Field>
        <Field label="ZTF history (ndethist / ncovhist)">
          {info.ndethist ?? "–"} / {info.ncovhist ?? "–"}
        </Field>
        <Field label="Position error (σRA, σDec)">
          {info.sigmaRaArcsec === null || info.sigmaDecArcsec === null
            ? "–"
            : `${info.sigmaRaArcsec.toFixed(2)}″, ${info.sigmaDecArcsec.toFixed(2)}″`}
        </Field>
        <Field label="Flags">
          <span className="flex flex-wrap gap-1" data-testid="flags">
            <Flag on={info.corrected} yes="corrected" no="not corrected" />
            <Flag on={info.stellar} yes="stellar" no="not stellar" />
          </span>
        </Field>
      </dl>
    </div>
  );
}
