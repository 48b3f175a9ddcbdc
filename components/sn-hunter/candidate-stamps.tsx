"use client";

import { useState } from "react";
import { StampPanel } from "@/components/explorer/stamp-panel";
import { bandFor } from "@/lib/photometry/bands";
import type { CandidateDetection } from "@/lib/sn-hunter/get-candidate-card";
import { formatMjdUtc } from "@/lib/time/mjd";

/**
 * The card's stamps: the earliest alert with stamps by default, any other alert of the object on
 * request, always saying which detection they belong to and how it relates to the first detection
 * (prv_candidates carry no stamps, so the first stamps can be days after the first detection).
 */
export function CandidateStamps({
  oid,
  stamped,
  firstDetection,
}: {
  oid: string;
  stamped: CandidateDetection[];
  firstDetection: CandidateDetection;
}) {
  const [candid, setCandid] = useState(stamped[0]?.candid ?? null);
  const shown = stamped.find((d) => d.candid === candid) ?? stamped[0];
  if (!shown) return <p className="text-sm text-muted">No alert of this object carried stamps.</p>;
  const index = stamped.indexOf(shown);
  const daysAfterFirst = shown.mjd - firstDetection.mjd;
  const band = bandFor(shown.fid);
  return (
    <div data-testid="candidate-stamps">
      <h3 className="mb-1 text-sm font-semibold uppercase tracking-wide text-muted">
        {index === 0 ? "Earliest stamps" : `Stamps of alert ${index + 1} of ${stamped.length}`}
      </h3>
      <p className="mb-2 text-xs text-muted" data-testid="stamps-detection" data-candid={shown.candid}>
        Detection <span className="font-mono">{shown.candid}</span>, {formatMjdUtc(shown.mjd)},{" "}
        <span style={{ color: band.color }}>{band.name}</span> {shown.magpsf.toFixed(2)} mag
        {shown.candid === firstDetection.candid
          ? " — the first detection."
          : daysAfterFirst > 0.01
            ? ` — ${daysAfterFirst.toFixed(1)} d after the first detection (${formatMjdUtc(firstDetection.mjd).slice(0, 10)}), which came without stamps (an earlier alert's history).`
            : "."}
      </p>
      <StampPanel
        oid={oid}
        candid={shown.candid}
        showAlertRecord={false}
        choices={stamped.map((d) => ({ candid: d.candid, mjd: d.mjd, fid: d.fid, hasStamp: true }))}
        onSelectCandid={setCandid}
      />
    </div>
  );
}
