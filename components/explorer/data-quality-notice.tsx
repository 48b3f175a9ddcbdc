import type { ObjectDataQuality } from "@/lib/objects/get-object-data-quality";

const REASON_TEXT: Record<string, string> = {
  far_from_object: "lie far from where the object's other detections agree",
};

/**
 * The object page's data-quality flag: detections the pipeline kept out of the light curve
 * (detection_quarantine, ADR 0028). Renders nothing for a clean object.
 */
export async function DataQualityNotice({ quality }: { quality: Promise<ObjectDataQuality> }) {
  const { quarantined_detections: count, reasons } = await quality;
  if (count === 0) return null;
  return (
    <p role="note" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg" data-testid="data-quality-flag" data-quarantined={count}>
      <strong>Data quality:</strong> {count} detection{count === 1 ? "" : "s"} of this object {count === 1 ? "is" : "are"} not in its light
      curve or statistics:{" "}
      {reasons
        .map(
          (r) =>
            `${r.count} ${REASON_TEXT[r.reason] ?? r.reason} (${r.min_separation_arcsec.toFixed(1)}″ to ${
              r.max_separation_arcsec >= 3600 ? `${(r.max_separation_arcsec / 3600).toFixed(2)}°` : `${r.max_separation_arcsec.toFixed(1)}″`
            } away)`,
        )
        .join("; ")}
      . The alert stream placed them in this object; they are kept apart, not deleted.
    </p>
  );
}
