import { equatorialToEcliptic, equatorialToGalactic } from "../../coords/sky-coordinates";

/**
 * The alert metadata the stamp classifier sees beside the images, as in ALeRCE's deployed model
 * (alercebroker/pipeline stamp_classifier_step, FEATURES_NAMES_LIST and FEATURES_CLIPPING_DICT),
 * minus rb/distnr/magnr (Cielo's simulator cannot model them credibly) plus chinr/sharpnr.
 * Missing values are ZTF's −999, which the clipping turns into the lower bound (−1) where ALeRCE
 * clips; isdiffpos is 1 for a negative difference ('f') and 0 for a positive one, as ALeRCE codes it.
 */
export const STAMP_FEATURES = [
  "sgscore1",
  "distpsnr1",
  "sgscore2",
  "distpsnr2",
  "sgscore3",
  "distpsnr3",
  "isdiffpos",
  "fwhm",
  "magpsf",
  "sigmapsf",
  "ra",
  "dec",
  "diffmaglim",
  "classtar",
  "ndethist",
  "ncovhist",
  "ecl_lat",
  "ecl_long",
  "gal_lat",
  "gal_long",
  "non_detections",
  "chinr",
  "sharpnr",
] as const;
export type StampFeature = (typeof STAMP_FEATURES)[number];

const MISSING = -999;

/** [low, high] clipping; null = unbounded on that side. */
const CLIPPING: Partial<Record<StampFeature, [number | null, number | null]>> = {
  sgscore1: [-1, null],
  distpsnr1: [-1, null],
  sgscore2: [-1, null],
  distpsnr2: [-1, null],
  sgscore3: [-1, null],
  distpsnr3: [-1, null],
  fwhm: [null, 10],
  ndethist: [null, 20],
  ncovhist: [null, 3000],
  chinr: [-1, 15],
  sharpnr: [-1, 1.5],
  non_detections: [null, 2000],
};

/** The raw fields an alert (candidate) or a simulated example provides. */
export interface StampMetadataInput {
  sgscore1?: number | null;
  distpsnr1?: number | null;
  sgscore2?: number | null;
  distpsnr2?: number | null;
  sgscore3?: number | null;
  distpsnr3?: number | null;
  isdiffpos?: string | number | null;
  fwhm?: number | null;
  magpsf: number;
  sigmapsf: number;
  ra: number;
  dec: number;
  diffmaglim?: number | null;
  classtar?: number | null;
  ndethist?: number | null;
  ncovhist?: number | null;
  chinr?: number | null;
  sharpnr?: number | null;
}

/** Raw (clipped, unscaled) feature vector, in STAMP_FEATURES order. */
export function rawStampFeatures(input: StampMetadataInput): Float32Array {
  const value = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? MISSING : v);
  const { l, b } = equatorialToGalactic(input.ra, input.dec);
  const { lambda, beta } = equatorialToEcliptic(input.ra, input.dec);
  const negative = input.isdiffpos === "f" || input.isdiffpos === "0" || input.isdiffpos === -1 ? 1 : 0;
  const ndethist = value(input.ndethist);
  const ncovhist = value(input.ncovhist);
  const byName: Record<StampFeature, number> = {
    sgscore1: value(input.sgscore1),
    distpsnr1: value(input.distpsnr1),
    sgscore2: value(input.sgscore2),
    distpsnr2: value(input.distpsnr2),
    sgscore3: value(input.sgscore3),
    distpsnr3: value(input.distpsnr3),
    isdiffpos: negative,
    fwhm: value(input.fwhm),
    magpsf: input.magpsf,
    sigmapsf: input.sigmapsf,
    ra: input.ra,
    dec: input.dec,
    diffmaglim: value(input.diffmaglim),
    classtar: value(input.classtar),
    ndethist,
    ncovhist,
    ecl_lat: beta,
    ecl_long: lambda,
    gal_lat: b,
    gal_long: l,
    non_detections: ndethist === MISSING || ncovhist === MISSING ? MISSING : ncovhist - ndethist,
    chinr: value(input.chinr),
    sharpnr: value(input.sharpnr),
  };
  return Float32Array.from(STAMP_FEATURES, (name) => {
    const [low, high] = CLIPPING[name] ?? [null, null];
    let v = byName[name];
    if (low !== null && v < low) v = low;
    if (high !== null && v > high) v = high;
    return v;
  });
}

/** Per-feature mean and standard deviation of the training set; saved with the model. */
export interface FeatureScaling {
  mean: number[];
  std: number[];
}

export function fitFeatureScaling(rows: readonly Float32Array[]): FeatureScaling {
  const n = STAMP_FEATURES.length;
  const mean = new Array<number>(n).fill(0);
  const std = new Array<number>(n).fill(0);
  for (const row of rows) for (let i = 0; i < n; i++) mean[i]! += row[i]! / rows.length;
  for (const row of rows) for (let i = 0; i < n; i++) std[i]! += (row[i]! - mean[i]!) ** 2 / rows.length;
  return { mean, std: std.map((v) => (v > 0 ? Math.sqrt(v) : 1)) };
}

/** z-scored features, ready for the network. */
export function scaleStampFeatures(raw: Float32Array, scaling: FeatureScaling): Float32Array {
  return Float32Array.from(raw, (v, i) => (v - scaling.mean[i]!) / scaling.std[i]!);
}
