// Mean and standard deviation of the 23 stamp-classifier metadata features over ALeRCE's REAL stamp
// training set: alercebroker/pipeline@76eb886ae9 (2023-07-11),
// early_classification_step/model/results/staging_model/DeepHits_..._20200708-160759/feature_norm_stats.pkl
// (copied to ../shared/data/labelled-real/alerce-stamp-stats/, sha1 60130f2d5c; numbers read from the
// pickle's float64 scalars). The target of moment matching: the simulator's metadata, z-scored with
// its own moments, is what the network learnt from; real alerts z-scored with these moments land on
// the same scale.
import type { StampFeature } from "../../lib/classifiers/stamp/stamp-features";

export const ALERCE_REAL_STAMP_STATS: Record<StampFeature, { mean: number; std: number }> = {
  sgscore1: { mean: 0.7041255430924432, std: 0.3799197334571002 },
  distpsnr1: { mean: 3.941122253808356, std: 5.949694365436986 },
  sgscore2: { mean: 0.462221382971118, std: 0.4261297122366326 },
  distpsnr2: { mean: 10.893805420307675, std: 7.159838762869845 },
  sgscore3: { mean: 0.39136703661723216, std: 0.528184045264236 },
  distpsnr3: { mean: 13.665451778592196, std: 8.042496801134273 },
  // the pickle stores isdiffpos's mean as an int64 0 (truncated): not usable, the caller keeps its own
  isdiffpos: { mean: 0, std: 0.47113361884526406 },
  fwhm: { mean: 2.617771189810078, std: 1.6291465825377438 },
  magpsf: { mean: 18.91661276279921, std: 1.408401373184911 },
  sigmapsf: { mean: 0.14152754134129397, std: 0.060091724758989724 },
  ra: { mean: 181.0820148804342, std: 96.23590348616496 },
  dec: { mean: 22.153968169154407, std: 24.427197378027234 },
  diffmaglim: { mean: 20.21664878176659, std: 0.601868085019363 },
  classtar: { mean: 0.856637110442036, std: 0.2031539876796047 },
  ndethist: { mean: 5.344072419654505, std: 6.552626738216146 },
  ncovhist: { mean: 291.40510732497927, std: 424.5186709286612 },
  ecl_lat: { mean: 21.683213451976407, std: 27.232781418645576 },
  ecl_long: { mean: 166.73433625354693, std: 95.03070518723176 },
  gal_lat: { mean: 16.996460092087215, std: 38.88456173989733 },
  gal_long: { mean: 140.10421536618335, std: 84.23470064762579 },
  non_detections: { mean: 273.5501838162628, std: 390.1727524999179 },
  chinr: { mean: 1.179799640266478, std: 1.5123727927432673 },
  sharpnr: { mean: -0.028653200003162668, std: 0.20231731177535472 },
};
