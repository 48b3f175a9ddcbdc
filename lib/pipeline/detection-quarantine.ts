// Which of an object's detections belong to it (ADR 0028). Pure: the step
// lib/pipeline/steps/quarantine-far-detections.ts reads the rows and moves them.
//
// The object's position is where most of its detections agree, not the position of one alert: in a
// re-serialised stream (ZTF18adljlvp in fixtures/) the alerts' own candidates carry rewritten
// positions while their prv_candidates agree to 0.1″, and in 2016 commissioning packets
// (ZTF18aaaaaac) prv_candidates are scattered over 0.8° around the candidate. So the reference is
// the detection with the most others within the radius, and every detection farther than the
// radius from it is quarantined. The result depends only on the set of detections (not on arrival
// order), so replays and late alerts converge to the same split.
import { angularSeparationDeg } from "../coords/sky-coordinates";

/**
 * ZTF associates a candidate to an object within 1.5″; real detections of one source scatter by
 * < 1.2″ in the fixtures' 4.0x streams. 5″ leaves room for faint detections and nuclear transients
 * on extended hosts while junk lies tens of arcseconds to degrees away (ADR 0028).
 */
export const QUARANTINE_RADIUS_ARCSEC = 5;

export const FAR_FROM_OBJECT = "far_from_object";

export interface PositionedDetection {
  candid: bigint;
  raDeg: number;
  decDeg: number;
  /** null: the alert's own candidate (preferred as the reference on ties). */
  parentCandid: bigint | null;
}

export interface QuarantineDecision {
  referenceRaDeg: number;
  referenceDecDeg: number;
  /** candid → separation from the reference (arcsec), for every detection farther than the radius. */
  far: Map<bigint, number>;
}

const separationArcsec = (a: { raDeg: number; decDeg: number }, b: { raDeg: number; decDeg: number }) =>
  angularSeparationDeg(a.raDeg, a.decDeg, b.raDeg, b.decDeg) * 3600;

/** Better reference: more neighbours, then an alert's own candidate, then the smaller candid. */
function isBetterSeed(a: PositionedDetection, aCount: number, b: PositionedDetection, bCount: number): boolean {
  if (aCount !== bCount) return aCount > bCount;
  const aOwn = a.parentCandid === null;
  const bOwn = b.parentCandid === null;
  if (aOwn !== bOwn) return aOwn;
  return a.candid < b.candid;
}

/**
 * Splits an object's detections into kept and far ones. Common case: every detection lies within
 * half the radius of the first, so all pairs are within the radius and nothing moves (O(n)).
 * Otherwise the densest detection (O(n²), only for objects with scattered detections) is the reference.
 */
export function decideQuarantine(
  detections: readonly PositionedDetection[],
  radiusArcsec: number = QUARANTINE_RADIUS_ARCSEC,
): QuarantineDecision | null {
  const first = detections[0];
  if (!first) return null;
  if (detections.every((d) => separationArcsec(first, d) <= radiusArcsec / 2)) {
    return { referenceRaDeg: first.raDeg, referenceDecDeg: first.decDeg, far: new Map() };
  }
  let seed = first;
  let seedCount = -1;
  for (const candidate of detections) {
    let count = 0;
    for (const other of detections) if (separationArcsec(candidate, other) <= radiusArcsec) count += 1;
    if (isBetterSeed(candidate, count, seed, seedCount)) {
      seed = candidate;
      seedCount = count;
    }
  }
  const far = new Map<bigint, number>();
  for (const d of detections) {
    const separation = separationArcsec(seed, d);
    if (separation > radiusArcsec) far.set(d.candid, separation);
  }
  return { referenceRaDeg: seed.raDeg, referenceDecDeg: seed.decDeg, far };
}
