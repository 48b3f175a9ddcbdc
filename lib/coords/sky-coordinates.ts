/**
 * Equatorial (ICRS/J2000) ↔ galactic and ecliptic coordinates, in degrees.
 *
 * Galactic: the IAU 1958 system expressed in J2000 (Hipparcos/ICRS rotation matrix, as in
 * astropy's "galactic" frame to ~1e-6 deg): NGP at (α, δ) = (192.85948°, 27.12825°), galactic centre
 * at l = 0, b = 0 ↔ (266.40500°, −28.93617°).
 * Ecliptic: mean ecliptic and equinox of J2000, obliquity ε = 23.4392911° (IAU 1976), i.e. the
 * "geocentric mean ecliptic" ALeRCE uses for ecl_lat / ecl_long (differences between ecliptic
 * flavours are < 0.01°, irrelevant for a classifier feature).
 */

const DEG = Math.PI / 180;

/** Rows: galactic unit vector = G · equatorial unit vector (ICRS → galactic). */
const G: readonly (readonly [number, number, number])[] = [
  [-0.0548755604162154, -0.873437090234885, -0.4838350155487132],
  [0.4941094278755837, -0.4448296299600112, 0.7469822444972189],
  [-0.8676661490190047, -0.1980763734312015, 0.4559837761750669],
];

const OBLIQUITY_J2000 = 23.4392911 * DEG;

type Vec3 = [number, number, number];

function toVector(lonDeg: number, latDeg: number): Vec3 {
  const lon = lonDeg * DEG;
  const lat = latDeg * DEG;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

function fromVector([x, y, z]: Vec3): { lon: number; lat: number } {
  const lat = Math.atan2(z, Math.hypot(x, y)) / DEG;
  let lon = Math.atan2(y, x) / DEG;
  if (lon < 0) lon += 360;
  if (lon >= 360) lon -= 360;
  return { lon, lat };
}

function mul(m: readonly (readonly [number, number, number])[], v: Vec3, transpose = false): Vec3 {
  const out: Vec3 = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    let s = 0;
    for (let j = 0; j < 3; j++) s += (transpose ? m[j]![i]! : m[i]![j]!) * v[j]!;
    out[i] = s;
  }
  return out;
}

function checkRaDec(ra: number, dec: number): void {
  if (!Number.isFinite(ra) || !Number.isFinite(dec) || dec < -90 || dec > 90) throw new RangeError(`invalid coordinates (${ra}, ${dec})`);
}

/** (ra, dec) J2000 in degrees → galactic (l, b) in degrees, l in [0, 360). */
export function equatorialToGalactic(ra: number, dec: number): { l: number; b: number } {
  checkRaDec(ra, dec);
  const { lon, lat } = fromVector(mul(G, toVector(ra, dec)));
  return { l: lon, b: lat };
}

/** Galactic (l, b) in degrees → (ra, dec) J2000 in degrees. */
export function galacticToEquatorial(l: number, b: number): { ra: number; dec: number } {
  checkRaDec(l, b);
  const { lon, lat } = fromVector(mul(G, toVector(l, b), true));
  return { ra: lon, dec: lat };
}

/** (ra, dec) J2000 in degrees → ecliptic longitude λ and latitude β (mean J2000 ecliptic), degrees. */
export function equatorialToEcliptic(ra: number, dec: number): { lambda: number; beta: number } {
  checkRaDec(ra, dec);
  const [x, y, z] = toVector(ra, dec);
  const c = Math.cos(OBLIQUITY_J2000);
  const s = Math.sin(OBLIQUITY_J2000);
  const { lon, lat } = fromVector([x, c * y + s * z, -s * y + c * z]);
  return { lambda: lon, beta: lat };
}

/** Ecliptic (λ, β) in degrees → (ra, dec) J2000 in degrees. */
export function eclipticToEquatorial(lambda: number, beta: number): { ra: number; dec: number } {
  checkRaDec(lambda, beta);
  const [x, y, z] = toVector(lambda, beta);
  const c = Math.cos(OBLIQUITY_J2000);
  const s = Math.sin(OBLIQUITY_J2000);
  const { lon, lat } = fromVector([x, c * y - s * z, s * y + c * z]);
  return { ra: lon, dec: lat };
}

/** Great-circle distance between two (lon, lat) points in degrees (haversine). */
export function angularSeparationDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * DEG;
  const dLon = (lon2 - lon1) * DEG;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * Math.sin(dLon / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(a)))) / DEG;
}
