import { LSST_CUTOUT_KINDS } from "@/lib/lsst/get-lsst-object";

export interface LsstCutoutsProps {
  /** diaSourceId of the detection whose cutouts are shown. */
  measurementId: string;
}

const LABELS = { science: "Science", template: "Template", difference: "Difference" } as const;

/** The three cutouts of a detection, resampled north up / east left from their WCS, and the PSF model of each. */
export function LsstCutouts({ measurementId }: LsstCutoutsProps) {
  const url = (kind: string, psf: boolean) =>
    `/api/multisurvey/stamp_api/stamp?survey_id=lsst&measurement_id=${measurementId}&kind=${kind}&psf=${psf}`;
  return (
    <div>
      <div className="grid grid-cols-3 gap-3">
        {LSST_CUTOUT_KINDS.map((kind) => (
          <figure key={kind} className="m-0" data-testid={`lsst-cutout-${kind}`} data-orientation="north-up">
            {/* eslint-disable-next-line @next/next/no-img-element -- server-rendered PNG of a FITS cutout */}
            <img
              src={url(kind, false)}
              alt={`${LABELS[kind]} cutout of diaSource ${measurementId}, north up, east left`}
              className="w-full [image-rendering:pixelated]"
            />
            <figcaption className="text-sm">
              {LABELS[kind]} <span aria-hidden="true">(N ↑ E ←)</span>
            </figcaption>
          </figure>
        ))}
      </div>
      <details className="mt-2">
        <summary>PSF models</summary>
        <div className="grid grid-cols-3 gap-3">
          {LSST_CUTOUT_KINDS.map((kind) => (
            <figure key={kind} className="m-0">
              {/* eslint-disable-next-line @next/next/no-img-element -- server-rendered PNG of a FITS extension */}
              <img
                src={url(kind, true)}
                alt={`${LABELS[kind]} PSF model of diaSource ${measurementId}`}
                loading="lazy"
                className="w-full [image-rendering:pixelated]"
              />
              <figcaption className="text-sm">{LABELS[kind]} PSF</figcaption>
            </figure>
          ))}
        </div>
      </details>
    </div>
  );
}
