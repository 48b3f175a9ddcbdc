import { OBJECT_DOWNLOAD_FILES, type ObjectDownloadFile } from "@/lib/explorer/object-downloads";

const LABELS: Record<ObjectDownloadFile, string> = {
  "lightcurve.csv": "Light curve (detections + upper limits)",
  "detections.csv": "Detections",
  "non_detections.csv": "Non-detections (upper limits)",
  "magstats.csv": "Magstats",
  "all.zip": "Everything (ZIP of the four CSV files)",
};

/** Download links for an object's tables (CSV, RFC 4180) and a ZIP of all of them. */
export function DownloadsPanel({ oid }: { oid: string }) {
  return (
    <div className="flex flex-col gap-2 text-sm">
      <ul className="flex flex-col gap-1">
        {OBJECT_DOWNLOAD_FILES.map((file) => (
          <li key={file}>
            <a href={`/api/explorer/objects/${oid}/${file}`} download className="text-accent underline" data-testid={`download-${file}`}>
              {LABELS[file]}
            </a>{" "}
            <span className="font-mono text-xs text-muted">{file}</span>
          </li>
        ))}
      </ul>
      <p className="text-xs text-muted">Stamps as FITS: the FITS links under each stamp.</p>
    </div>
  );
}
