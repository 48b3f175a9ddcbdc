import type { LsstLcClassification } from "@/lib/lsst/get-lsst-object";

/**
 * The ZTF-trained light-curve forest's output on an LSST object (ADR 0041), always under its label:
 * a model trained on another survey and not validated on LSST.
 */
export function LsstLcClassificationView({ classification }: { classification: LsstLcClassification | null }) {
  if (!classification) {
    return (
      <p className="text-sm" data-testid="lsst-lc-classification">
        Light-curve classifier: not run (it needs at least 5 detections in g or in r; the ZTF-trained forest has no u, i, z or y features).
      </p>
    );
  }
  const shown = classification.probabilities.slice(0, 5);
  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="lsst-lc-classification">
      <p>
        <span
          className="mr-2 rounded border border-amber-600 px-1.5 py-0.5 text-xs font-semibold text-amber-800 dark:text-amber-300"
          data-testid="lsst-lc-trained-on"
        >
          trained on {classification.trained_on_survey.toUpperCase()}, not validated on LSST
        </span>
        Light-curve classifier <span className="font-mono">{classification.classifier_version}</span> on the AB magnitudes of{" "}
        {classification.n_det} g/r detections (last MJD {classification.last_mjd.toFixed(3)}). Not a classification to rely on: the forest
        has never been checked against labelled LSST light curves.
      </p>
      <table className="w-full max-w-md text-sm">
        <thead>
          <tr>
            <th scope="col" className="text-left">
              class
            </th>
            <th scope="col" className="text-right">
              probability
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.class_name}>
              <th scope="row" className="text-left font-normal">
                {p.class_name}
              </th>
              <td className="text-right font-mono">{p.probability.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
