// THE pipeline: every step an alert batch goes through after its rows are written, in order.
// persistAlertBatch runs the "batch" steps inside each batch's transaction; the workers run the
// "debounced" steps after batches (runDebouncedPass). Adding, moving or turning off a step is a
// change to this list; a step whose model or setting is missing turns itself off (offReason).
import type { Step } from "./step";
import { lightcurveClassifierStep } from "./steps/classify-lightcurves";
import { lsstLightcurveClassifierStep } from "./steps/classify-lsst-lightcurves";
import { anomalyScoreStep } from "./steps/score-anomalies";
import { detectionQuarantineStep } from "./steps/quarantine-far-detections";
import { stampClassifierStep } from "./steps/classify-new-objects";
import { crossmatchStep } from "./steps/crossmatch-new-objects";
import { lsstZtfLinkStep, ztfLsstLinkStep } from "./steps/link-surveys";
import { lsstCrossmatchStep } from "./steps/lsst-crossmatch";
import { lsstFluxStatisticsStep } from "./steps/lsst-flux-statistics";
import { streamFiltersStep, watchlistsStep } from "./steps/match-user-streams";
import { ps1UniqueStep } from "./steps/recompute-ps1-unique";
import { objectStatisticsStep } from "./steps/update-object-statistics";

export const PIPELINE_STEPS: readonly Step[] = [
  ps1UniqueStep, //            ps1_ztf.unique1..3 over all of each object's alerts
  detectionQuarantineStep, // detections > 5″ from where most of the object's detections agree → detection_quarantine
  objectStatisticsStep, //     correction (dubious) → magstats → object aggregates
  stampClassifierStep, //      first alert of each new object → stamp CNN → probability, taxonomy
  crossmatchStep, //           object mean position → nearest source in each loaded catalog → xmatch
  ztfLsstLinkStep, //          ZTF objects within 1.5″ of an LSST object → survey_link
  streamFiltersStep, //        each saved filter (lib/streams) over the batch's alerts → filter_match
  watchlistsStep, //           alert positions → watched positions within their radius (zone index) → watchlist_match
  // LSST batches (stage "lsst-batch", ADR 0032): persistLsstBatch runs these in its transaction.
  lsstFluxStatisticsStep, //   per-band PSF flux statistics (nJy) → lsst_flux_stat
  lsstCrossmatchStep, //       LSST object position → nearest source in each loaded catalog → lsst_xmatch
  lsstZtfLinkStep, //          LSST objects within 1.5″ of a ZTF object → survey_link
  lightcurveClassifierStep, // debounced: objects whose lastmjd grew → 178 features → forest → probability, feature
  anomalyScoreStep, //         debounced: objects with new features → isolation forest → anomaly_score
  lsstLightcurveClassifierStep, // debounced (ADR 0041): LSST objects with ≥ 5 g or r detections → AB mags → features → ZTF-trained forest → lsst_probability
];
