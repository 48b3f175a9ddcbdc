/** Alert record field holding each cutout (same names in every ZTF schema version and in Fink's). */
export const ZTF_CUTOUT_FIELDS = {
  science: "cutoutScience",
  template: "cutoutTemplate",
  difference: "cutoutDifference",
} as const;

export type ZtfCutoutKind = keyof typeof ZTF_CUTOUT_FIELDS;
export const ZTF_CUTOUT_KINDS = Object.keys(ZTF_CUTOUT_FIELDS) as ZtfCutoutKind[];

export type CutoutFormat = "fits.gz" | "jpeg" | "unknown";

/** ZTF stamps are gzipped FITS; the 2016 IPAC pre-survey test packets carry JPEGs instead. */
export function detectCutoutFormat(stampData: Uint8Array): CutoutFormat {
  if (stampData[0] === 0x1f && stampData[1] === 0x8b) return "fits.gz";
  if (stampData[0] === 0xff && stampData[1] === 0xd8 && stampData[2] === 0xff) return "jpeg";
  return "unknown";
}
