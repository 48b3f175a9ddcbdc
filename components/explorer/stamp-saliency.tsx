"use client";

import { useState } from "react";
import { STAMP_LABELS, STAMP_TYPES } from "@/lib/explorer/alert-urls";

/**
 * "Why this class" for the stamp classifier: on demand (each map costs ~240 network runs on the
 * server), the occlusion saliency of the three 21×21 classifier stamps (the centre of the 63×63
 * stamps above), white where hiding a 5×5 patch lowers the top class's probability most.
 */
export function StampSaliency({ oid, candid }: { oid: string; candid: string }) {
  const [shown, setShown] = useState(false);
  if (!shown) {
    return (
      <button type="button" className="mt-2 text-xs text-accent underline" onClick={() => setShown(true)} data-testid="show-stamp-saliency">
        Why this class? Show the stamp classifier&apos;s saliency
      </button>
    );
  }
  return (
    <figure className="mt-2" data-testid="stamp-saliency">
      <div className="grid grid-cols-3 gap-2">
        {STAMP_TYPES.map((type) => (
          // eslint-disable-next-line @next/next/no-img-element -- a 63×63 PNG rendered by the API: nothing for next/image to optimise
          <img
            key={type}
            src={`/api/objects/${encodeURIComponent(oid)}/stamp-saliency/${type}?candid=${encodeURIComponent(candid)}&scale=3`}
            alt={`Occlusion saliency of the ${STAMP_LABELS[type]} stamp`}
            className="aspect-square w-full max-w-[160px] rounded border border-line bg-black [image-rendering:pixelated]"
          />
        ))}
      </div>
      <figcaption className="mt-1 text-xs text-muted">
        Central 21×21 pixels the stamp classifier reads; white: hiding a 5×5 patch there lowers its top class&apos;s probability most.
      </figcaption>
    </figure>
  );
}
