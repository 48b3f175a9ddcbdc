// The declination-zone spatial index of the catalog tables (ADR 0013): the sky is cut into
// horizontal bands of `zoneHeightDeg`; each row stores its zone, and a btree on (zone, ra) turns a
// cone into one or two RA range scans per zone it crosses. The ranges are a strict superset of
// the cone (exact bounds, no approximated cover); the angular distance then keeps the exact set.

import { angularSeparationDeg } from "../ml/coordinates";

/** Default zone height: a 60″ cone touches at most 2 zones and a 10 M-row catalog has < 1 row per probe. */
export const DEFAULT_ZONE_HEIGHT_DEG = 0.05;

const DEG = Math.PI / 180;
/** Bounds are widened by this much (≈ 4 µas) so that rounding never drops a row at the edge. */
const EPSILON_DEG = 1e-9;

/** One index probe: rows with `zone = zone AND ra BETWEEN raLoDeg AND raHiDeg`. */
export interface ZoneProbe {
  zone: number;
  raLoDeg: number;
  raHiDeg: number;
}

export function zoneCount(zoneHeightDeg: number): number {
  return Math.ceil(180 / zoneHeightDeg - 1e-9);
}

/** Zone of a declination (dec = +90 falls in the last zone). */
export function zoneOf(decDeg: number, zoneHeightDeg: number): number {
  const zone = Math.floor((decDeg + 90) / zoneHeightDeg);
  return Math.min(Math.max(zone, 0), zoneCount(zoneHeightDeg) - 1);
}

/** RA in [0, 360). */
export function normalizeRaDeg(raDeg: number): number {
  const ra = raDeg % 360;
  const normalised = ra < 0 ? ra + 360 : ra;
  return normalised >= 360 ? 0 : normalised;
}

/**
 * Half-width in RA of a cone (the meridians tangent to the circle): sin Δα = sin r / cos δ.
 * Infinity when the cone contains a pole (every RA is within reach).
 */
export function coneRaHalfWidthDeg(decDeg: number, radiusDeg: number): number {
  if (Math.abs(decDeg) + radiusDeg >= 90 - EPSILON_DEG) return Infinity;
  const ratio = Math.sin(radiusDeg * DEG) / Math.cos(decDeg * DEG);
  if (ratio >= 1) return Infinity;
  return Math.asin(ratio) / DEG;
}

/** The RA intervals of a cone, split at RA = 0/360. */
function raIntervals(raDeg: number, halfWidthDeg: number): [number, number][] {
  if (!Number.isFinite(halfWidthDeg) || halfWidthDeg >= 180) return [[0, 360]];
  const lo = raDeg - halfWidthDeg - EPSILON_DEG;
  const hi = raDeg + halfWidthDeg + EPSILON_DEG;
  if (lo < 0) return [[lo + 360, 360], [0, hi]];
  if (hi >= 360) return [[lo, 360], [0, hi - 360]];
  return [[lo, hi]];
}

/** Index probes covering the cone of `radiusDeg` around (raDeg, decDeg). */
export function coneProbes(raDeg: number, decDeg: number, radiusDeg: number, zoneHeightDeg: number): ZoneProbe[] {
  const ra = normalizeRaDeg(raDeg);
  const first = zoneOf(Math.max(-90, decDeg - radiusDeg - EPSILON_DEG), zoneHeightDeg);
  const last = zoneOf(Math.min(90, decDeg + radiusDeg + EPSILON_DEG), zoneHeightDeg);
  const intervals = raIntervals(ra, coneRaHalfWidthDeg(decDeg, radiusDeg));
  const probes: ZoneProbe[] = [];
  for (let zone = first; zone <= last; zone++) {
    for (const [raLoDeg, raHiDeg] of intervals) probes.push({ zone, raLoDeg, raHiDeg });
  }
  return probes;
}

/** Great-circle distance in arcseconds (the haversine of lib/ml/coordinates). */
export function angularDistanceArcsec(ra1Deg: number, dec1Deg: number, ra2Deg: number, dec2Deg: number): number {
  return angularSeparationDeg(ra1Deg, dec1Deg, ra2Deg, dec2Deg) * 3600;
}

/** The same haversine in SQL, over columns/expressions in degrees, in arcseconds. */
export function sqlAngularDistanceArcsec(ra1: string, dec1: string, ra2: string, dec2: string): string {
  return `(degrees(2 * asin(least(1::float8, sqrt(
    power(sin(radians(${dec2} - ${dec1}) / 2), 2)
    + cos(radians(${dec1})) * cos(radians(${dec2})) * power(sin(radians(${ra2} - ${ra1}) / 2), 2))))) * 3600)`;
}
