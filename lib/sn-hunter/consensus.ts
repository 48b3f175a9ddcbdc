export interface VoteCounts {
  possibleSn: number;
  bogus: number;
}

export type Consensus = "ready_to_report" | "likely_bogus" | "disputed" | "needs_votes";

/** Votes needed, with no vote against, for a verdict. */
export const CONSENSUS_VOTES = 2;

/**
 * ≥ 2 "possible SN" and no "bogus" = ready to report to TNS; ≥ 2 "bogus" and no "possible SN" =
 * likely bogus; votes both ways = disputed (a human decides); otherwise more votes are needed.
 */
export function consensusOf({ possibleSn, bogus }: VoteCounts): Consensus {
  if (possibleSn >= CONSENSUS_VOTES && bogus === 0) return "ready_to_report";
  if (bogus >= CONSENSUS_VOTES && possibleSn === 0) return "likely_bogus";
  if (possibleSn > 0 && bogus > 0) return "disputed";
  return "needs_votes";
}

export const CONSENSUS_LABELS: Record<Consensus, string> = {
  ready_to_report: "Ready to report",
  likely_bogus: "Likely bogus",
  disputed: "Disputed",
  needs_votes: "Needs votes",
};
