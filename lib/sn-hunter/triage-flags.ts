// Warnings shown on an SN Hunter candidate (queue and card) before a reviewer votes: the usual
// reasons a stamp-classifier "SN" is not a supernova. Pure: the facts come from
// get-triage-facts.ts (the object's first alert, its ps1/gaia/ss rows, its crossmatches).

/** What the flags are computed from; null = unknown (the field was missing in the alert). */
export interface TriageFacts {
  /** Nearest PS1 source of the first alert: distance (arcsec) and star/galaxy score (1 = star). */
  ps1DistArcsec: number | null;
  ps1Sgscore: number | null;
  /** Nearest Gaia source, and the nearest one brighter than ZTF's bright limit (neargaiabright). */
  gaiaDistArcsec: number | null;
  gaiaMag: number | null;
  gaiaBrightDistArcsec: number | null;
  gaiaBrightMag: number | null;
  /** Nearest known solar-system object (MPC) and its name. */
  ssDistArcsec: number | null;
  ssName: string | null;
  /** First alert: sign of the difference (1 positive, -1 negative), sum(pixels)/sum(|pixels|) in 5×5 around it, real/bogus scores. */
  isdiffpos: number;
  sumrat: number | null;
  drb: number | null;
  rb: number | null;
  /** Crossmatches of the object in catalogs of variables/AGN, or with a catalog class (see KNOWN_SOURCE_CATALOG). */
  knownSources: { catalog: string; id: string; className: string | null; distArcsec: number }[];
}

export const TRIAGE_FLAG_KINDS = [
  "ps1_star",
  "bright_star",
  "known_source",
  "solar_system",
  "negative_or_dipole",
  "low_real_bogus",
] as const;
export type TriageFlagKind = (typeof TRIAGE_FLAG_KINDS)[number];

export interface TriageFlag {
  kind: TriageFlagKind;
  /** Short label for the queue ("PS1 star"). */
  label: string;
  /** The sentence with the numbers, for the card and the label's title. */
  detail: string;
}

/** The thresholds; docs/sn-hunter.md explains each. */
export const TRIAGE_LIMITS = {
  ps1StarDistArcsec: 1.5,
  ps1StarSgscore: 0.5,
  gaiaNearDistArcsec: 2,
  gaiaNearMag: 15,
  gaiaBrightDistArcsec: 10,
  gaiaBrightMag: 12,
  ssDistArcsec: 5,
  dipoleSumrat: 0.8,
  realBogus: 0.5,
} as const;

/** Catalog names whose every counterpart is a known variable star or AGN (VSX, GCVS, Milliquas ...). */
export const KNOWN_SOURCE_CATALOG = /vsx|gcvs|var|agn|qso|quasar|milliquas|asassn|ogle/i;

const arcsec = (v: number) => `${v.toFixed(2)}″`;

export function triageFlagsOf(f: TriageFacts): TriageFlag[] {
  const L = TRIAGE_LIMITS;
  const flags: TriageFlag[] = [];
  if (f.ps1DistArcsec !== null && f.ps1Sgscore !== null && f.ps1DistArcsec <= L.ps1StarDistArcsec && f.ps1Sgscore > L.ps1StarSgscore) {
    flags.push({
      kind: "ps1_star",
      label: "PS1 star",
      detail: `PS1 source ${arcsec(f.ps1DistArcsec)} away with sgscore1 ${f.ps1Sgscore.toFixed(3)} (a star): likely a variable star`,
    });
  }
  const nearBright =
    f.gaiaDistArcsec !== null && f.gaiaMag !== null && f.gaiaDistArcsec <= L.gaiaNearDistArcsec && f.gaiaMag <= L.gaiaNearMag;
  const veryBright =
    f.gaiaBrightDistArcsec !== null &&
    f.gaiaBrightMag !== null &&
    f.gaiaBrightDistArcsec <= L.gaiaBrightDistArcsec &&
    f.gaiaBrightMag <= L.gaiaBrightMag;
  if (nearBright || veryBright) {
    const [dist, mag] = nearBright ? [f.gaiaDistArcsec!, f.gaiaMag!] : [f.gaiaBrightDistArcsec!, f.gaiaBrightMag!];
    flags.push({
      kind: "bright_star",
      label: "bright star",
      detail: `Gaia star of G ${mag.toFixed(1)} at ${arcsec(dist)}: a variable star or a subtraction artefact`,
    });
  }
  if (f.knownSources.length > 0) {
    const s = f.knownSources[0]!;
    flags.push({
      kind: "known_source",
      label: "known variable/AGN",
      detail: `${s.className ? `${s.className} ` : ""}${s.id} in ${s.catalog}, ${arcsec(s.distArcsec)} away`,
    });
  }
  if (f.ssDistArcsec !== null && f.ssDistArcsec <= L.ssDistArcsec) {
    flags.push({
      kind: "solar_system",
      label: "asteroid",
      detail: `known solar-system object ${f.ssName ?? "(unnamed)"} ${arcsec(f.ssDistArcsec)} away`,
    });
  }
  if (f.isdiffpos < 0 || (f.sumrat !== null && f.sumrat < L.dipoleSumrat)) {
    flags.push({
      kind: "negative_or_dipole",
      label: f.isdiffpos < 0 ? "negative" : "dipole",
      detail:
        f.isdiffpos < 0
          ? "negative difference: the source faded against the reference"
          : `dipole difference: sumrat ${f.sumrat!.toFixed(2)} (positive and negative flux around the source; misaligned subtraction)`,
    });
  }
  const realBogus = f.drb ?? f.rb;
  if (realBogus !== null && realBogus < L.realBogus) {
    flags.push({
      kind: "low_real_bogus",
      label: f.drb !== null ? "low drb" : "low rb",
      detail: `${f.drb !== null ? "drb" : "rb"} ${realBogus.toFixed(2)} (< ${L.realBogus}): the alert stream's real/bogus score says bogus`,
    });
  }
  return flags;
}
