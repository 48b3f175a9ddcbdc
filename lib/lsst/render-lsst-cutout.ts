import { renderStampPng } from "../stamps/render-stamp-png";
import { readLsstCutout } from "./lsst-cutout";

/** PNG of a Rubin cutout, north up and east left (or of its PSF model), zscale, upscaled for the page. */
export function renderLsstCutoutPng(fits: Uint8Array, options: { psf?: boolean } = {}): Buffer {
  const cutout = readLsstCutout(fits);
  const image = options.psf && cutout.psf ? cutout.psf : cutout.image;
  const scale = Math.max(1, Math.min(8, Math.floor(240 / image.width)));
  return renderStampPng(image, { stretch: options.psf ? "asinh" : "zscale", scale });
}
