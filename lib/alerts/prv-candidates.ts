import type { ZtfPrvCandidate } from "./ztf-alert-schema";

// What prv_candidates hold, checked over all 1421 decodable alerts of the shared data (schema
// 1.3 .. 4.02 and Fink's re-serialised 4.02; 28,886 entries besides schema 3.5's): 9,192 have
// candid AND magpsf (and a diffmaglim): detections. 19,694 have neither candid nor magpsf, only a
// diffmaglim: upper limits. None has a candid without magpsf, a magpsf without candid, or no
// diffmaglim at all. So a detection needs both candid and magpsf (a candid alone gives no
// measurement), an upper limit needs a diffmaglim, and anything else is "unusable" (kept in the
// packet, not interpreted). One upper limit has diffmaglim = -1006.94 (alert 595211876015015031 of
// 2018-08-19, not in the fixtures): kept as decoded; a consumer may want a sanity range.
// Schema 3.5's forced-photometry records in prv_candidates never reach these functions:
// parseZtfAlert moves them to fpHists.

export type PrvCandidateKind = "detection" | "upper_limit" | "unusable";

export function isPrvDetection(prv: Pick<ZtfPrvCandidate, "candid" | "magpsf">): boolean {
  return prv.candid !== null && prv.candid !== undefined && prv.magpsf !== null && prv.magpsf !== undefined;
}

export function isPrvUpperLimit(prv: Pick<ZtfPrvCandidate, "candid" | "magpsf" | "diffmaglim">): boolean {
  return !isPrvDetection(prv) && prv.diffmaglim !== null && prv.diffmaglim !== undefined;
}

export function classifyPrvCandidate(prv: Pick<ZtfPrvCandidate, "candid" | "magpsf" | "diffmaglim">): PrvCandidateKind {
  if (isPrvDetection(prv)) return "detection";
  return isPrvUpperLimit(prv) ? "upper_limit" : "unusable";
}
