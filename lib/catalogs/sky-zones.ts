// The declination-zone spatial index of the catalog tables (ADR 0013): the sky is cut into
// horizontal bands of `zoneHeightDeg`; each row stores its zone, and a btree on (zone, ra) turns a
// cone into one or two RA range scans per zone it crosses. The ranges are a strict superset of
// the cone (exact bounds, no approximated cover); the angular distance then keeps the exact set.

import { angularSeparationDeg } from "../coords/sky-coordinates";
import { coneBounds } from "../sky/cone-search";

/** Default zone height: a 60″ cone touches at most 2 zones and a 10 M-row catalog has < 1 row per probe. */
export const DEFAULT_ZONE_HEIGHT_DEG = 0.05;

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

/** Index probes covering the cone of `radiusDeg` around (raDeg, decDeg): the declination band and RA
 * window of lib/sky's coneBounds (split at RA = 0/360, every RA when the cone holds a pole), per zone. */
export function coneProbes(raDeg: number, decDeg: number, radiusDeg: number, zoneHeightDeg: number): ZoneProbe[] {
  const bounds = coneBounds({ raDeg: normalizeRaDeg(raDeg), decDeg, radiusArcsec: radiusDeg * 3600 });
  const first = zoneOf(bounds.decMinDeg, zoneHeightDeg);
  const last = zoneOf(bounds.decMaxDeg, zoneHeightDeg);
  const probes: ZoneProbe[] = [];
  for (let zone = first; zone <= last; zone++) {
    for (const range of bounds.raRanges) probes.push({ zone, raLoDeg: range.minDeg, raHiDeg: range.maxDeg });
  }
  return probes;
}

/** Great-circle distance in arcseconds (the haversine of lib/coords/sky-coordinates). */
export function angularDistanceArcsec(ra1Deg: number, dec1Deg: number, ra2Deg: number, dec2Deg: number): number {
  return angularSeparationDeg(ra1Deg, dec1Deg, ra2Deg, dec2Deg) * 3600;
}

/** The same haversine in SQL, over columns/expressions in degrees, in arcseconds. */
export function sqlAngularDistanceArcsec(ra1: string, dec1: string, ra2: string, dec2: string): string {
  return `(degrees(2 * asin(least(1::float8, sqrt(
    power(sin(radians(${dec2} - ${dec1}) / 2), 2)
    + cos(radians(${dec1})) * cos(radians(${dec2})) * power(sin(radians(${ra2} - ${ra1}) / 2), 2))))) * 3600)`;
}
