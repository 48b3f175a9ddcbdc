import Link from "next/link";
import type { NightRate, StreamMatchRow } from "@/lib/streams/get-streams";
import { formatMjdUtc } from "@/lib/time/mjd";

export function MatchesTable({ matches, withSeparation }: { matches: StreamMatchRow[]; withSeparation: boolean }) {
  return (
    <table className="w-full text-sm" data-testid="matches">
      <thead>
        <tr className="text-left text-muted">
          <th className="py-1">Object</th>
          <th>candid</th>
          <th>Alert (UTC)</th>
          {withSeparation ? (
            <>
              <th>Target</th>
              <th className="text-right">Separation (″)</th>
            </>
          ) : (
            <th>Recorded by</th>
          )}
        </tr>
      </thead>
      <tbody>
        {matches.map((m) => (
          <tr key={`${m.candid}-${m.target ?? ""}`} className="border-t border-line">
            <td className="py-1">
              <Link className="font-mono text-accent underline" href={`/object/${m.oid}`}>
                {m.oid}
              </Link>
            </td>
            <td className="font-mono">{m.candid}</td>
            <td className="font-mono">{formatMjdUtc(m.mjd)}</td>
            {withSeparation ? (
              <>
                <td>{m.target}</td>
                <td className="text-right font-mono">{m.separationArcsec?.toFixed(3)}</td>
              </>
            ) : (
              <td>{m.source}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PerNightTable({ perNight }: { perNight: NightRate[] }) {
  return (
    <table className="text-sm" data-testid="per-night">
      <thead>
        <tr className="text-left text-muted">
          <th className="py-1 pr-4">Night (MJD)</th>
          <th className="pr-4 text-right">Alerts</th>
          <th className="text-right">Objects</th>
        </tr>
      </thead>
      <tbody>
        {perNight.map((n) => (
          <tr key={n.night} className="border-t border-line">
            <td className="py-1 pr-4 font-mono">{n.night}</td>
            <td className="pr-4 text-right font-mono">{n.alerts}</td>
            <td className="text-right font-mono">{n.objects}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
