// The production rules applied after the stamp network: ALeRCE's (known asteroid, SN veto), made to
// respect fill values and the detection history.
import { STAMP_CLASSES } from "./stamp-classes";

/** ZTF's "no value" marker. */
const ZTF_MISSING = -999;
/**
 * ZTF looks for known solar-system objects within 30″ of a candidate ("distance to nearest known solar
 * system object if exists within 30 arcsec"); a larger value cannot be a match. Fink's re-serialised
 * v4.02 alerts carry ssdistnr = 60.0 exactly on recurring sources (median ndethist 32): a fill value.
 */
export const SSO_SEARCH_RADIUS_ARCSEC = 30;
/**
 * ndethist counts earlier detections within 1.5″ on the same field and readout channel. A moving object
 * is detected at one position at most twice (two visits of one night, for a slow mover: ZTF18acsbtem on
 * 2018-11-29), so a source with 3 or more is a recurring, fixed source, not an asteroid.
 */
export const RECURRING_NDETHIST = 3;

export type StampRule = "asteroid" | "not_asteroid_recurring" | "sn_negative_difference" | "sn_near_star";

/** What the rules read from the alert. */
export interface StampRuleInput {
  /** Distance (″) to the nearest known solar-system object; null / −999 / > 30″ when ZTF reports none. */
  ssdistnr?: number | null;
  /** 't' / 'f' as in the alert, or 1 / −1 as in the detection table. */
  isdiffpos: string | number | null;
  sgscore1: number | null;
  distpsnr1: number | null;
  /** The alert's ndethist, where the pipeline's input keeps it (StampClassifierInput.meta). */
  meta?: { ndethist?: number | null };
}

const isNegativeDifference = (isdiffpos: string | number | null | undefined) =>
  isdiffpos === "f" || isdiffpos === "0" || isdiffpos === -1 || isdiffpos === 0;
const present = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v) && v !== ZTF_MISSING;

/** ZTF reports a known solar-system object: a distance within its 30″ search radius (not null, −999 or Fink's 60). */
export function knownSolarSystemObject(ssdistnr: number | null | undefined): boolean {
  return present(ssdistnr) && ssdistnr >= 0 && ssdistnr <= SSO_SEARCH_RADIUS_ARCSEC;
}

/** The source was detected at this position at least RECURRING_NDETHIST times (false when ndethist is unknown). */
export function recurringSource(ndethist: number | null | undefined): boolean {
  return present(ndethist) && ndethist >= RECURRING_NDETHIST;
}

/** P(class) = 0, the other classes rescaled to sum to 1 (uniform over them if they were all 0). */
function without(raw: readonly number[], index: number): number[] {
  const rest = raw.reduce((total, p, i) => (i === index ? total : total + p), 0);
  return raw.map((p, i) => (i === index ? 0 : rest > 0 ? p / rest : 1 / (raw.length - 1)));
}

function argmax(values: readonly number[]): number {
  let top = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[top]!) top = i;
  return top;
}

/**
 * The rules after the ZTF stamp network (ALeRCE's: alercebroker/pipeline,
 * stamp_classifier_step/stamp_classifier_step/strategies/ztf.py, ZTFStrategy._get_asteroids_idx /
 * _insert_asteroids / _drop_bad_sn, and the earlier EarlyClassifier.is_asteroid / sn_must_be_saved),
 * with Cielo's two corrections (fill values, recurring sources):
 *
 * 1. Known solar-system object: ZTF reports one within its 30″ radius (knownSolarSystemObject) and
 *    the source is not recurring (ndethist < 3 or unknown) ⇒ asteroid = 1, every other class 0.
 *    ALeRCE fires on any ssdistnr ≠ −999, which turns Fink's 60.0 fills into asteroids.
 * 2. Recurring source (ndethist ≥ 3): P(asteroid) = 0 and the other classes renormalised; reported
 *    as the rule when asteroid was the network's top class (it changed the class).
 * 3. SN veto: when the top class is SN and the difference is negative (isdiffpos 'f') or a star-like
 *    PS1 source is close (sgscore1 > 0.5 and distpsnr1 < 1″, neither a fill value), the alert is not
 *    kept as SN. ALeRCE drops the whole classification; Cielo sets P(SN) = 0 and renormalises the
 *    other four classes, so the object still gets its five probabilities (and stays out of the SN queue).
 *
 * Pure: `raw` is in STAMP_CLASSES order. `rule` is the rule that changed the top class, or null.
 */
export function applyStampRules(raw: readonly number[], alert: StampRuleInput): { probabilities: number[]; rule: StampRule | null } {
  const recurring = recurringSource(alert.meta?.ndethist);
  if (knownSolarSystemObject(alert.ssdistnr) && !recurring) {
    return { probabilities: STAMP_CLASSES.map((c) => (c === "asteroid" ? 1 : 0)), rule: "asteroid" };
  }
  const asteroid = STAMP_CLASSES.indexOf("asteroid");
  let probabilities = [...raw];
  let rule: StampRule | null = null;
  if (recurring && probabilities[asteroid]! > 0) {
    if (argmax(probabilities) === asteroid) rule = "not_asteroid_recurring";
    probabilities = without(probabilities, asteroid);
  }
  const sn = STAMP_CLASSES.indexOf("SN");
  if (argmax(probabilities) === sn) {
    if (isNegativeDifference(alert.isdiffpos)) return { probabilities: without(probabilities, sn), rule: "sn_negative_difference" };
    if (present(alert.sgscore1) && present(alert.distpsnr1) && alert.sgscore1 > 0.5 && alert.distpsnr1 >= 0 && alert.distpsnr1 < 1) {
      return { probabilities: without(probabilities, sn), rule: "sn_near_star" };
    }
  }
  return { probabilities, rule };
}
