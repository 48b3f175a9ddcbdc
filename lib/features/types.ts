/**
 * The contract between light-curve feature extraction (lib/features) and its users (the late
 * classifier's training, the worker step, the Explorer's features table). Field names follow the
 * `detection` / `non_detection` tables so rows from the database pass through unchanged.
 */

/** ZTF filter ids: 1 = g, 2 = r (3 = i is ignored by the late classifier). */
export type BandId = 1 | 2;

/**
 * Where a feature value belongs, as ALeRCE's `feature` table stores it: 1 = g, 2 = r,
 * 0 = object level (multiband period, colours, coordinates, sgscore1, ...), 12 = computed from g and r together.
 */
export type FeatureFid = 0 | 1 | 2 | 12;

export interface FeatureDetection {
  mjd: number;
  fid: number;
  /** Difference-image PSF magnitude. */
  magpsf: number;
  sigmapsf: number;
  /** Apparent magnitude (null when the detection could not be corrected). */
  magpsf_corr: number | null;
  sigmapsf_corr: number | null;
  sigmapsf_corr_ext: number | null;
  /** +1 when the difference is positive (brighter than the reference), −1 when negative. */
  isdiffpos: number;
  corrected: boolean;
  dubious: boolean;
  rb: number | null;
  /** Present for alert candidates; prv_candidates carry one too. */
  candid?: bigint | string | null;
}

export interface FeatureNonDetection {
  mjd: number;
  fid: number;
  diffmaglim: number;
}

/** Object-level context: position, PS1 star/galaxy score, AllWISE magnitudes (null when unmatched). */
export interface FeatureObjectContext {
  raDeg: number;
  decDeg: number;
  /** PS1 star/galaxy score of the nearest source (ps1_ztf.sgscore1), null when absent. */
  sgscore1: number | null;
  /** AllWISE W1/W2/W3 Vega magnitudes of the crossmatched counterpart, when there is one. */
  wise?: { w1: number | null; w2: number | null; w3: number | null } | null;
}

export interface LightcurveFeatureInput {
  oid: string;
  detections: FeatureDetection[];
  nonDetections: FeatureNonDetection[];
  context: FeatureObjectContext;
}

/** One feature value; `value` is null when it cannot be computed (too few points, failed fit ...). */
export interface FeatureValue {
  name: string;
  fid: FeatureFid;
  value: number | null;
}
