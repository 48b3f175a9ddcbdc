/**
 * The late (light-curve) classifier's taxonomy: the 15 classes of Cielo's seed, grouped in three
 * branches as in ALeRCE's hierarchical classifier (Sánchez-Sáez et al. 2021, AJ 161, 141). The
 * seed's list is ALeRCE's first light-curve taxonomy (eclipsing binaries split into EBSD/D and
 * EBC, AGN-I for all type-1 AGN, SNIIn separate), not the 2021 one (E, AGN/QSO, YSO).
 */
export const LC_BRANCHES = ["Periodic", "Stochastic", "Transient"] as const;
export type LcBranch = (typeof LC_BRANCHES)[number];

export const LC_BRANCH_CLASSES = {
  Periodic: ["EBSD/D", "EBC", "DSCT", "RRL", "Ceph", "LPV", "Periodic-Other"],
  Stochastic: ["AGN-I", "Blazar", "CV/Nova"],
  Transient: ["SNIa", "SNIbc", "SNII", "SNIIn", "SLSN"],
} as const satisfies Record<LcBranch, readonly string[]>;

export type LcClass = (typeof LC_BRANCH_CLASSES)[LcBranch][number];

/** The 15 classes in output order: the branches in LC_BRANCHES order, each in its own order. */
export const LC_CLASSES: readonly LcClass[] = LC_BRANCHES.flatMap((b) => LC_BRANCH_CLASSES[b]);

export function branchOf(cls: LcClass): LcBranch {
  for (const b of LC_BRANCHES) if ((LC_BRANCH_CLASSES[b] as readonly string[]).includes(cls)) return b;
  throw new Error(`unknown light-curve class ${cls}`);
}

/** Classifier names as stored in probability / taxonomy (ALeRCE's names). */
export const LC_CLASSIFIER_NAMES = {
  final: "lc_classifier",
  top: "lc_classifier_top",
  Periodic: "lc_classifier_periodic",
  Stochastic: "lc_classifier_stochastic",
  Transient: "lc_classifier_transient",
} as const;

/**
 * ALeRCE's labels (the 2021 taxonomy of the labelled sets in ../shared/data/labelled/lc_classifier)
 * → the seed's classes. null: no seed class (YSO). "E" is an eclipsing binary without the
 * detached / contact split: it maps to both EBSD/D and EBC (a prediction of either counts as right).
 */
export const ALERCE_LABEL_TO_LC_CLASSES: Record<string, readonly LcClass[] | null> = {
  SNIa: ["SNIa"],
  SNIbc: ["SNIbc"],
  SNII: ["SNII"],
  SNIIn: ["SNIIn"],
  SLSN: ["SLSN"],
  AGN: ["AGN-I"],
  QSO: ["AGN-I"],
  Blazar: ["Blazar"],
  "CV/Nova": ["CV/Nova"],
  YSO: null,
  E: ["EBSD/D", "EBC"],
  DSCT: ["DSCT"],
  RRL: ["RRL"],
  CEP: ["Ceph"],
  LPV: ["LPV"],
  "Periodic-Other": ["Periodic-Other"],
};
