// The current anomaly detector's version, apart from the manifest reader (no node:fs / ONNX imports):
// the search SQL and the pages read it.
export const CURRENT_ANOMALY_MODEL_VERSION = "1.1.0";
/** anomaly_score.model_version of the current model (what search and the object page read). */
export const CURRENT_ANOMALY_MODEL_NAME = `anomaly_detector_${CURRENT_ANOMALY_MODEL_VERSION}`;
