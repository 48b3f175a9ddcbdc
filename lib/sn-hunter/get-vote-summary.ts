import type { Sql } from "../db/sql";
import { consensusOf, type Consensus } from "./consensus";

export type VoteKind = "possible_sn" | "bogus";
export const VOTE_KINDS = ["possible_sn", "bogus"] as const;

export interface VoteSummary {
  oid: string;
  possibleSn: number;
  bogus: number;
  consensus: Consensus;
  /** Reviewers' display names per kind, oldest vote first. */
  voters: { displayName: string; kind: VoteKind }[];
  mine: VoteKind[];
}

/**
 * Counts only votes of approved reviewers (approved_at set; admins always are): a vote cast before
 * approval existed, or by an account whose approval was withdrawn, does not make a candidate ready.
 */
export async function getVoteSummary(db: Sql, oid: string, userId?: string): Promise<VoteSummary> {
  const { rows } = await db.query<{ display_name: string; kind: VoteKind; user_id: string }>(
    `SELECT u.display_name, v.kind::text AS kind, v.user_id::text AS user_id
     FROM candidate_vote v JOIN app_user u ON u.id = v.user_id
     WHERE v.oid = $1 AND u.approved_at IS NOT NULL ORDER BY v.created_at, u.display_name`,
    [oid],
  );
  const possibleSn = rows.filter((r) => r.kind === "possible_sn").length;
  const bogus = rows.filter((r) => r.kind === "bogus").length;
  return {
    oid,
    possibleSn,
    bogus,
    consensus: consensusOf({ possibleSn, bogus }),
    voters: rows.map((r) => ({ displayName: r.display_name, kind: r.kind })),
    mine: userId ? rows.filter((r) => r.user_id === userId).map((r) => r.kind) : [],
  };
}
