/**
 * What each light-curve feature means, for the Explorer's features table: its group and a one-line
 * definition for astronomers. Keys are feature names without the band (the `fid` column says g = 1,
 * r = 2, 0 = object level, 12 = g and r together). Variability and period features use corrected
 * magnitudes for corrected objects (a source in the reference image) and difference-image PSF
 * magnitudes (magpsf) otherwise; detection, non-detection and SPM features use magpsf.
 */

export type FeatureGroup =
  | "Turbo-FATS"
  | "Variability (Paps)"
  | "Period"
  | "Harmonics"
  | "SPM"
  | "DRW"
  | "IAR"
  | "MHPS"
  | "Detections"
  | "Non-detections"
  | "Colours"
  | "Context";

export interface FeatureCatalogEntry {
  group: FeatureGroup;
  definition: string;
  unit?: string;
}

const harmonicMags = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7].map((k) => [
    `Harmonics_mag_${k}`,
    {
      group: "Harmonics",
      definition: `Amplitude of harmonic ${k} of a 7-harmonic weighted fit at the multiband period.`,
      unit: "mag",
    } as FeatureCatalogEntry,
  ]),
);
const harmonicPhases = Object.fromEntries(
  [2, 3, 4, 5, 6, 7].map((k) => [
    `Harmonics_phase_${k}`,
    {
      group: "Harmonics",
      definition: `Phase of harmonic ${k} relative to the first (φ_${k} − ${k}φ_1 mod 2π).`,
      unit: "rad",
    } as FeatureCatalogEntry,
  ]),
);
const powerRates = Object.fromEntries(
  (["1/4", "1/3", "1/2", "2", "3", "4"] as const).map((k) => [
    `Power_rate_${k}`,
    {
      group: "Period",
      definition: `One-harmonic (Lomb–Scargle) power at ${k} × the best period over the power at the best period.`,
    } as FeatureCatalogEntry,
  ]),
);

export const FEATURE_CATALOG: Readonly<Record<string, FeatureCatalogEntry>> = {
  Amplitude: {
    group: "Turbo-FATS",
    definition: "Half the difference between the medians of the faintest and brightest 5 % of points.",
    unit: "mag",
  },
  AndersonDarling: {
    group: "Turbo-FATS",
    definition: "Anderson–Darling normality statistic of the magnitudes, mapped to 0–1 by a sigmoid (1 = far from Gaussian).",
  },
  Autocor_length: {
    group: "Turbo-FATS",
    definition: "First lag (in points) at which the autocorrelation of the magnitudes drops below e⁻¹.",
  },
  Beyond1Std: { group: "Turbo-FATS", definition: "Fraction of points more than one standard deviation from the error-weighted mean." },
  Con: { group: "Turbo-FATS", definition: "Fraction of runs of three consecutive points all beyond mean ± 2σ." },
  Eta_e: { group: "Turbo-FATS", definition: "Von Neumann ratio with weights 1/Δt²: squared successive differences over the variance." },
  Gskew: { group: "Turbo-FATS", definition: "median(m ≤ p3) + median(m ≥ p97) − 2·median: skewness from the tails.", unit: "mag" },
  MaxSlope: { group: "Turbo-FATS", definition: "Largest |Δm/Δt| between consecutive detections.", unit: "mag/d" },
  Mean: { group: "Turbo-FATS", definition: "Mean magnitude.", unit: "mag" },
  Meanvariance: { group: "Turbo-FATS", definition: "Standard deviation over mean magnitude." },
  MedianAbsDev: { group: "Turbo-FATS", definition: "Median absolute deviation from the median magnitude.", unit: "mag" },
  MedianBRP: { group: "Turbo-FATS", definition: "Fraction of points within a tenth of the full range of the median." },
  PairSlopeTrend: { group: "Turbo-FATS", definition: "Over the last 30 points: (rises − non-rises between consecutive points)/30." },
  PercentAmplitude: { group: "Turbo-FATS", definition: "Largest |m − median| over the median magnitude." },
  Q31: { group: "Turbo-FATS", definition: "Interquartile range of the magnitudes (p75 − p25).", unit: "mag" },
  iqr: { group: "Turbo-FATS", definition: "Interquartile range of the magnitudes (same as Q31).", unit: "mag" },
  Rcs: { group: "Turbo-FATS", definition: "Range of the cumulative sum of (m − mean)/(Nσ) in time order." },
  Skew: { group: "Turbo-FATS", definition: "Sample skewness of the magnitudes (positive: fainter outliers)." },
  SmallKurtosis: { group: "Turbo-FATS", definition: "Small-sample excess kurtosis of the magnitudes (0 for a Gaussian)." },
  Std: { group: "Turbo-FATS", definition: "Standard deviation of the magnitudes.", unit: "mag" },
  StetsonK: {
    group: "Turbo-FATS",
    definition: "Stetson K robust kurtosis of the error-normalised residuals (√(2/π) ≈ 0.80 for Gaussian noise).",
  },
  LinearTrend: { group: "Turbo-FATS", definition: "Slope of a straight-line fit of magnitude against time.", unit: "mag/d" },
  Pvar: {
    group: "Variability (Paps)",
    definition: "Probability that the band varies beyond its errors: χ² CDF of the scatter about the mean.",
  },
  ExcessVar: { group: "Variability (Paps)", definition: "Normalised excess variance: (variance − mean error²)/mean magnitude²." },
  SF_ML_amplitude: {
    group: "Variability (Paps)",
    definition: "Structure-function amplitude at 1 year from a power-law fit over 3.65–183 d lags.",
    unit: "mag",
  },
  SF_ML_gamma: { group: "Variability (Paps)", definition: "Logarithmic slope of the structure function over 3.65–183 d lags." },
  Multiband_period: {
    group: "Period",
    definition: "Best period over 0.05–500 d from a g+r two-harmonic periodogram (eclipsing binaries at their full period).",
    unit: "d",
  },
  PPE: { group: "Period", definition: "Periodogram peak significance: 1 − entropy of the 100 highest periodogram values / ln 100." },
  Period_band: { group: "Period", definition: "Best period of this band alone (same search).", unit: "d" },
  delta_period: { group: "Period", definition: "|multiband period − this band's period|.", unit: "d" },
  ...powerRates,
  ...harmonicMags,
  ...harmonicPhases,
  Harmonics_mse: { group: "Harmonics", definition: "Mean squared residual of the 7-harmonic fit.", unit: "mag²" },
  Psi_CS: { group: "Harmonics", definition: "Rcs of the light curve folded at twice the multiband period." },
  Psi_eta: {
    group: "Harmonics",
    definition: "Von Neumann ratio of the light curve folded at twice the multiband period (small: smooth folded curve).",
  },
  SPM_A: { group: "SPM", definition: "Supernova parametric model: amplitude (flux 10^(−(m+48.6)/2.5+26))." },
  SPM_t0: { group: "SPM", definition: "Supernova parametric model: rise time origin after the first detection.", unit: "d" },
  SPM_gamma: {
    group: "SPM",
    definition: "Supernova parametric model: plateau duration (time from t0 to the start of the decline).",
    unit: "d",
  },
  SPM_beta: { group: "SPM", definition: "Supernova parametric model: fractional flux drop during the plateau (0–1)." },
  SPM_tau_rise: { group: "SPM", definition: "Supernova parametric model: rise timescale.", unit: "d" },
  SPM_tau_fall: { group: "SPM", definition: "Supernova parametric model: exponential decline timescale.", unit: "d" },
  SPM_chi: { group: "SPM", definition: "Supernova parametric model: reduced χ² of the fit (errors + 0.01 in flux)." },
  GP_DRW_sigma: { group: "DRW", definition: "Damped random walk (Gaussian process) variance a of the kernel a·e^(−Δt/τ).", unit: "mag²" },
  GP_DRW_tau: { group: "DRW", definition: "Damped random walk characteristic timescale τ.", unit: "d" },
  IAR_phi: { group: "IAR", definition: "Irregular autoregressive coefficient φ per day (0: uncorrelated, → 1: long memory)." },
  MHPS_low: { group: "MHPS", definition: "Mexican-hat filtered variance at the 100-day scale (noise removed)." },
  MHPS_high: { group: "MHPS", definition: "Mexican-hat filtered variance at the 10-day scale (noise removed when above it)." },
  MHPS_ratio: { group: "MHPS", definition: "MHPS_low / MHPS_high: slow versus fast variability." },
  MHPS_non_zero: { group: "MHPS", definition: "Number of points with enough neighbours for the 10-day filter." },
  MHPS_PN_flag: { group: "MHPS", definition: "1 when the 10-day variance does not exceed the photometric noise." },
  delta_mag_fid: { group: "Detections", definition: "Faintest minus brightest detection magnitude.", unit: "mag" },
  delta_mjd_fid: { group: "Detections", definition: "Time between the first and last detection.", unit: "d" },
  first_mag: { group: "Detections", definition: "Magnitude of the first detection.", unit: "mag" },
  mean_mag: { group: "Detections", definition: "Mean detection magnitude.", unit: "mag" },
  min_mag: { group: "Detections", definition: "Brightest detection magnitude.", unit: "mag" },
  n_det: { group: "Detections", definition: "Number of detections kept (one per epoch, not dubious, error < 1 mag)." },
  n_pos: { group: "Detections", definition: "Detections brighter than the reference image (positive difference)." },
  n_neg: { group: "Detections", definition: "Detections fainter than the reference image (negative difference)." },
  positive_fraction: { group: "Detections", definition: "n_pos / n_det." },
  n_non_det_before_fid: { group: "Non-detections", definition: "Number of upper limits before the first detection." },
  max_diffmaglim_before_fid: { group: "Non-detections", definition: "Deepest upper limit before the first detection.", unit: "mag" },
  median_diffmaglim_before_fid: { group: "Non-detections", definition: "Median upper limit before the first detection.", unit: "mag" },
  last_diffmaglim_before_fid: { group: "Non-detections", definition: "Last upper limit before the first detection.", unit: "mag" },
  last_mjd_before_fid: { group: "Non-detections", definition: "Time (MJD) of the last upper limit before the first detection.", unit: "d" },
  dmag_non_det_fid: {
    group: "Non-detections",
    definition: "Median upper limit before the first detection minus the brightest magnitude.",
    unit: "mag",
  },
  dmag_first_det_fid: {
    group: "Non-detections",
    definition: "Last upper limit before the first detection minus the first magnitude.",
    unit: "mag",
  },
  n_non_det_after_fid: { group: "Non-detections", definition: "Number of upper limits after the first detection." },
  max_diffmaglim_after_fid: { group: "Non-detections", definition: "Deepest upper limit after the first detection.", unit: "mag" },
  median_diffmaglim_after_fid: { group: "Non-detections", definition: "Median upper limit after the first detection.", unit: "mag" },
  "g-r_max": { group: "Colours", definition: "Brightest g minus brightest r magnitude (difference magnitudes).", unit: "mag" },
  "g-r_mean": { group: "Colours", definition: "Mean g minus mean r magnitude (difference magnitudes).", unit: "mag" },
  "g-r_max_corr": { group: "Colours", definition: "Brightest g minus brightest r corrected (apparent) magnitude.", unit: "mag" },
  "g-r_mean_corr": { group: "Colours", definition: "Mean g minus mean r corrected (apparent) magnitude.", unit: "mag" },
  "W1-W2": { group: "Colours", definition: "AllWISE W1 − W2 of the crossmatched counterpart (Vega).", unit: "mag" },
  "W2-W3": { group: "Colours", definition: "AllWISE W2 − W3 of the crossmatched counterpart (Vega).", unit: "mag" },
  "g-W2": { group: "Colours", definition: "Mean g (corrected when available) minus AllWISE W2.", unit: "mag" },
  "g-W3": { group: "Colours", definition: "Mean g (corrected when available) minus AllWISE W3.", unit: "mag" },
  "r-W2": { group: "Colours", definition: "Mean r (corrected when available) minus AllWISE W2.", unit: "mag" },
  "r-W3": { group: "Colours", definition: "Mean r (corrected when available) minus AllWISE W3.", unit: "mag" },
  gal_l: { group: "Context", definition: "Galactic longitude.", unit: "deg" },
  gal_b: { group: "Context", definition: "Galactic latitude.", unit: "deg" },
  sgscore1: { group: "Context", definition: "Pan-STARRS1 star/galaxy score of the nearest source (1 = star)." },
  rb: { group: "Context", definition: "Median real/bogus score of the detections." },
};

/** The catalogue entry of a feature name (without band), or null for an unknown name. */
export function describeFeature(name: string): FeatureCatalogEntry | null {
  return FEATURE_CATALOG[name] ?? null;
}
