"use client";

import { useState } from "react";
import { CrossmatchPanel } from "@/components/explorer/crossmatch-panel";
import { ObjectPanel } from "@/components/explorer/object-panel";
import { AladinView, type SkyMarker } from "@/components/sky/aladin-view";

/**
 * The sky view and the crossmatch panel side by side: the counterparts the crossmatch panel finds
 * are drawn in the sky view (one Aladin instance for both). `stored` shows the pipeline's xmatch rows.
 */
export function SkyCrossmatchPanels({
  oid,
  raDeg,
  decDeg,
  stored,
}: {
  oid: string;
  raDeg: number;
  decDeg: number;
  stored: React.ReactNode;
}) {
  const objectMarker: SkyMarker = { raDeg, decDeg, label: oid, color: "#E69F00" };
  const [markers, setMarkers] = useState<SkyMarker[]>([objectMarker]);
  return (
    <>
      <ObjectPanel id="sky" title="Sky view">
        <AladinView raDeg={raDeg} decDeg={decDeg} fovDeg={0.05} markers={markers} className="h-72 w-full" />
      </ObjectPanel>
      <ObjectPanel id="crossmatch" title="Crossmatches">
        <div className="flex flex-col gap-4">
          {stored}
          <CrossmatchPanel raDeg={raDeg} decDeg={decDeg} label={oid} showSkyView={false} onMarkersChange={setMarkers} />
        </div>
      </ObjectPanel>
    </>
  );
}
