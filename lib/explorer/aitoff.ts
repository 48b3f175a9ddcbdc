/**
 * Hammer–Aitoff equal-area projection of (RA, Dec) for an all-sky map, RA increasing to the left
 * (as the sky is seen from inside), RA = 180° at the centre. Returns x in [-2√2, 2√2], y in [-√2, √2].
 */
export function hammerAitoff(raDeg: number, decDeg: number): { x: number; y: number } {
  const lon = (((((180 - raDeg) % 360) + 540) % 360) - 180) * (Math.PI / 180);
  const lat = decDeg * (Math.PI / 180);
  const d = Math.sqrt(1 + Math.cos(lat) * Math.cos(lon / 2));
  return { x: (2 * Math.SQRT2 * Math.cos(lat) * Math.sin(lon / 2)) / d, y: (Math.SQRT2 * Math.sin(lat)) / d };
}
