// Labels of real ZTF alerts for the stamp classifier, from the kinds of evidence at hand, each kept
// with its kind (the model card reports them apart): TNS spectroscopic classes, Fink's known
// solar-system flag (roid = 3), SIMBAD / VSX / GCVS / SPICY / 3HSP catalogue types (positional,
// ≤ 1.5″), ZTF's own ssnamenr, and weak bogus labels from the deep real/bogus score (drb < 0.1).
import type { StampClass } from "../../lib/classifiers/stamp/stamp-classes";

export type StampLabelKind = "tns" | "sso" | "simbad" | "vsx" | "gcvs" | "spicy" | "3hsp" | "ssnamenr" | "drb-proxy";

export interface StampLabel {
  label: StampClass;
  kind: StampLabelKind;
  /** What the label was read from, e.g. "SIMBAD RRLyr" or "TNS SN Ia". */
  evidence: string;
}

const AGN_TYPES = new Set([
  "QSO",
  "AGN",
  "Seyfert",
  "Seyfert1",
  "Seyfert2",
  "Seyfert_1",
  "Seyfert_2",
  "Sy1",
  "Sy2",
  "LINER",
  "BLLac",
  "Blazar",
  "QSO_Candidate",
  "AGN_Candidate",
  "QSO_CandidateSeyfert",
  "Blazar_Candidate",
  "BLLac_Candidate",
]);
const SN_TYPES = new Set(["SN", "Supernova", "Candidate_SN*", "SN_Candidate", "SN?"]);
/** SIMBAD types of stars and stellar systems (a star that raises alerts is a variable source). */
const STAR_TYPES = new Set([
  "Star",
  "RRLyr",
  "RRLyrae",
  "EclBin",
  "Mira",
  "YSO",
  "YSO_Candidate",
  "Candidate_YSO",
  "Type2Cep",
  "Cepheid",
  "WhiteDwarf",
  "WhiteDwarf_Candidate",
  "BlueSG",
  "BlueSG_Candidate",
  "RedSG",
  "RedSG_Candidate",
  "YellowSG",
  "XrayBin",
  "HighMassXBin",
  "LowMassXBin",
  "Nova",
]);

/** A SIMBAD object type → stamp class, or null when it says nothing about the class (Unknown, Galaxy, IR, Fail …). */
export function stampClassOfSimbadType(type: string): StampClass | null {
  const t = type.trim();
  if (AGN_TYPES.has(t)) return "AGN";
  if (SN_TYPES.has(t)) return "SN";
  if (STAR_TYPES.has(t) || t.includes("*")) return "VS";
  return null;
}

/** A TNS class → stamp class: spectroscopic supernovae (SN …, SLSN-…) are SN; other classes (TDE, Nova, Other …) none. */
export function stampClassOfTnsType(type: string): StampClass | null {
  const t = type.trim();
  return /^(SN\b|SN$|SLSN)/.test(t) ? "SN" : null;
}

/** Fink's crossmatch columns of one alert (absent columns undefined). */
export interface FinkCrossmatch {
  cdsxmatch?: string | null;
  tns?: string | null;
  tnsclass?: string | null;
  roid?: number | null;
  vsx?: string | null;
  gcvs?: string | null;
  spicy_id?: number | null;
  x3hsp?: string | null;
  x4lac?: string | null;
}

const named = (v: string | null | undefined) =>
  typeof v === "string" && v.trim() !== "" && !/^(Unknown|Fail.*|nan|null|None)$/i.test(v.trim());

/** The label of a Fink alert from its crossmatch columns, strongest evidence first; null when none. */
export function labelOfFinkAlert(x: FinkCrossmatch): StampLabel | null {
  const cds = (x.cdsxmatch ?? "").trim();
  const tns = [x.tns, x.tnsclass, cds.startsWith("(TNS) ") ? cds.slice(6) : null].find(named);
  if (tns) {
    const label = stampClassOfTnsType(tns);
    if (label) return { label, kind: "tns", evidence: `TNS ${tns}` };
  }
  if (x.roid === 3) return { label: "asteroid", kind: "sso", evidence: "Fink roid = 3 (known solar-system object)" };
  const simbad = cds.startsWith("(SIMBAD) ") ? cds.slice(9) : cds.startsWith("(") ? "" : cds;
  if (named(simbad)) {
    const label = stampClassOfSimbadType(simbad);
    if (label) return { label, kind: "simbad", evidence: `SIMBAD ${simbad}` };
  }
  if (named(x.x3hsp) || named(x.x4lac)) return { label: "AGN", kind: "3hsp", evidence: `blazar ${x.x3hsp ?? x.x4lac}` };
  if (named(x.vsx)) return { label: "VS", kind: "vsx", evidence: `VSX ${x.vsx}` };
  if (named(x.gcvs)) return { label: "VS", kind: "gcvs", evidence: `GCVS ${x.gcvs}` };
  if (typeof x.spicy_id === "number" && x.spicy_id >= 0) return { label: "VS", kind: "spicy", evidence: `SPICY ${x.spicy_id} (YSO)` };
  return null;
}

/** The weak bogus label: ZTF's deep real/bogus score below 0.1 (a proxy, not a human vetting). */
export function bogusProxyLabel(drb: number | null | undefined): StampLabel | null {
  return typeof drb === "number" && Number.isFinite(drb) && drb >= 0 && drb < 0.1
    ? { label: "bogus", kind: "drb-proxy", evidence: `drb ${drb.toFixed(3)}` }
    : null;
}
