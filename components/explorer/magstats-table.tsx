import type { ApiMagstat } from "@/lib/objects/get-object-magstats";
import { bandFor } from "@/lib/photometry/bands";

type Stat = { key: keyof ApiMagstat; label: string; digits?: number };
const STATS: Stat[] = [
  { key: "ndet", label: "detections", digits: 0 },
  { key: "ndubious", label: "dubious", digits: 0 },
  { key: "magmean", label: "mean mag" },
  { key: "magmedian", label: "median mag" },
  { key: "magmin", label: "brightest mag (min)" },
  { key: "magmax", label: "faintest mag (max)" },
  { key: "magsigma", label: "σ mag" },
  { key: "magfirst", label: "first mag" },
  { key: "maglast", label: "last mag" },
  { key: "magmean_corr", label: "mean apparent mag" },
  { key: "magmedian_corr", label: "median apparent mag" },
  { key: "magsigma_corr", label: "σ apparent mag" },
  { key: "firstmjd", label: "first MJD", digits: 5 },
  { key: "lastmjd", label: "last MJD", digits: 5 },
  { key: "dmdt_first", label: "dm/dt first (mag/d)" },
  { key: "dm_first", label: "dm first (mag)" },
  { key: "dt_first", label: "dt first (d)" },
  { key: "saturation_rate", label: "saturation rate" },
  { key: "corrected", label: "corrected" },
  { key: "stellar", label: "stellar" },
];

function format(value: ApiMagstat[keyof ApiMagstat], digits = 3): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return digits === 0 ? String(value) : value.toFixed(digits);
  return String(value);
}

/** Magnitude statistics, one column per band. */
export function MagstatsTable({ magstats }: { magstats: readonly ApiMagstat[] }) {
  if (magstats.length === 0) return <p className="text-sm text-muted">No magnitude statistics for this object.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="magstats">
        <thead className="text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="py-1 pr-3 text-left">
              Statistic
            </th>
            {magstats.map((m) => (
              <th key={m.fid} scope="col" className="px-2 py-1 text-right" style={{ color: bandFor(m.fid).color }}>
                {bandFor(m.fid).name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line font-mono">
          {STATS.map((s) => (
            <tr key={s.key}>
              <th scope="row" className="py-0.5 pr-3 text-left font-sans font-normal text-muted">
                {s.label}
              </th>
              {magstats.map((m) => (
                <td key={m.fid} className="px-2 py-0.5 text-right">
                  {format(m[s.key], s.digits)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
