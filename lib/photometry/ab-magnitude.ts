// AB magnitudes from Rubin's fluxes in nJy: m = −2.5 log10(f / 3631 Jy) = 31.4 − 2.5 log10(f / nJy).
// Only for positive fluxes; the error is the first-order propagation 2.5 / ln 10 · σf / f.
export const AB_ZERO_POINT_NJY_MAG = 31.4;

/** AB magnitude of a flux in nJy, or null for a flux that is not positive (no magnitude exists). */
export function fluxNJyToMagAb(fluxNJy: number | null): number | null {
  if (fluxNJy === null || !(fluxNJy > 0)) return null;
  return AB_ZERO_POINT_NJY_MAG - 2.5 * Math.log10(fluxNJy);
}

/** Error of that magnitude, or null when the flux is not positive or the error is unknown. */
export function fluxErrNJyToMagErr(fluxNJy: number | null, fluxErrNJy: number | null): number | null {
  if (fluxNJy === null || fluxErrNJy === null || !(fluxNJy > 0) || !(fluxErrNJy >= 0)) return null;
  return ((2.5 / Math.LN10) * fluxErrNJy) / fluxNJy;
}
