// Cone search on a (dec, ra) btree: a declination band [dec - r, dec + r] narrows the index range,
// an RA window (split in two across RA = 0/360, the whole circle near a pole) is checked on the
// index entries, and the exact great-circle test (haversine form) keeps only points inside the
// cone. ADR 0009 explains why this beats a HEALPix column here.
import { z } from "zod";

export const MAX_CONE_RADIUS_ARCSEC = 36_000; // 10 degrees

export const coneSchema = z.object({
  raDeg: z.number().finite().min(0).max(360),
  decDeg: z.number().finite().min(-90).max(90),
  radiusArcsec: z.number().finite().gt(0).max(MAX_CONE_RADIUS_ARCSEC),
});
export type Cone = z.infer<typeof coneSchema>;

export type RaRange = { minDeg: number; maxDeg: number };

export type ConeBounds = {
  decMinDeg: number;
  decMaxDeg: number;
  /** One range, or two when the window crosses RA = 0; [0, 360] when it covers every RA. */
  raRanges: RaRange[];
};

const DEG = Math.PI / 180;

/** Half-width in RA (degrees) of the smallest RA window holding a cone; null when it holds a pole. */
export function raHalfWidthDeg(decDeg: number, radiusDeg: number): number | null {
  if (Math.abs(decDeg) + radiusDeg >= 90) return null;
  const ratio = Math.sin(radiusDeg * DEG) / Math.cos(decDeg * DEG);
  if (ratio >= 1) return null;
  return Math.asin(ratio) / DEG;
}

/**
 * The declination band and RA ranges that contain every point of the cone (a small margin absorbs
 * floating-point error; the exact distance test removes the extras).
 */
export function coneBounds(cone: Cone): ConeBounds {
  const radiusDeg = cone.radiusArcsec / 3600;
  const margin = 1e-9;
  const decMinDeg = Math.max(-90, cone.decDeg - radiusDeg - margin);
  const decMaxDeg = Math.min(90, cone.decDeg + radiusDeg + margin);
  const half = raHalfWidthDeg(cone.decDeg, radiusDeg);
  if (half === null || half + margin >= 180) return { decMinDeg, decMaxDeg, raRanges: [{ minDeg: 0, maxDeg: 360 }] };
  const ra = ((cone.raDeg % 360) + 360) % 360;
  const lo = ra - half - margin;
  const hi = ra + half + margin;
  const raRanges: RaRange[] = [];
  if (lo < 0) raRanges.push({ minDeg: 0, maxDeg: hi }, { minDeg: lo + 360, maxDeg: 360 });
  else if (hi > 360) raRanges.push({ minDeg: lo, maxDeg: 360 }, { minDeg: 0, maxDeg: hi - 360 });
  else raRanges.push({ minDeg: lo, maxDeg: hi });
  return { decMinDeg, decMaxDeg, raRanges };
}

/** Great-circle distance in degrees (haversine, accurate at arcsecond scales). */
export function angularDistanceDeg(ra1Deg: number, dec1Deg: number, ra2Deg: number, dec2Deg: number): number {
  const sDec = Math.sin(((dec2Deg - dec1Deg) * DEG) / 2);
  const sRa = Math.sin(((ra2Deg - ra1Deg) * DEG) / 2);
  const h = sDec * sDec + Math.cos(dec1Deg * DEG) * Math.cos(dec2Deg * DEG) * sRa * sRa;
  return (2 * Math.asin(Math.min(1, Math.sqrt(h)))) / DEG;
}

/**
 * A SQL condition selecting rows whose (raColumn, decColumn) lie in the cone. `param` appends a
 * value to the query's parameter list and returns its placeholder ($n). Column names are trusted
 * identifiers from the caller, never user input.
 */
export function coneSqlCondition(cone: Cone, columns: { ra: string; dec: string }, param: (value: unknown) => string): string {
  const bounds = coneBounds(cone);
  const { ra, dec } = columns;
  const parts = [`${dec} between ${param(bounds.decMinDeg)}::float8 and ${param(bounds.decMaxDeg)}::float8`];
  const full = bounds.raRanges.length === 1 && bounds.raRanges[0]!.minDeg <= 0 && bounds.raRanges[0]!.maxDeg >= 360;
  if (!full) {
    const ranges = bounds.raRanges.map((r) => `${ra} between ${param(r.minDeg)}::float8 and ${param(r.maxDeg)}::float8`);
    parts.push(ranges.length === 1 ? ranges[0]! : `(${ranges.join(" or ")})`);
  }
  const raP = param(cone.raDeg);
  const decP = param(cone.decDeg);
  const sinHalfR = Math.sin((cone.radiusArcsec / 3600) * DEG * 0.5);
  // haversine: sin²(Δdec/2) + cos(dec1) cos(dec2) sin²(Δra/2) ≤ sin²(r/2)
  parts.push(
    `power(sin(radians(${dec} - ${decP}::float8) / 2), 2) + cos(radians(${dec})) * cos(radians(${decP}::float8)) * power(sin(radians(${ra} - ${raP}::float8) / 2), 2) <= ${param(sinHalfR * sinHalfR)}::float8`,
  );
  return parts.join(" and ");
}
