// SN Hunter votes as labels (ADR 0043): per object, the approved reviewers' "possible SN" and
// "bogus" votes; the majority is the label (1 = SN, 0 = bogus), ties carry none.
import type { Sql } from "../db/sql";

export interface VoteLabel {
  oid: string;
  possibleSn: number;
  bogus: number;
  /** 1 = real SN (more "possible SN"), 0 = bogus, null = tie. */
  label: 0 | 1 | null;
}

/** Every object with a vote of an approved reviewer (votes of unapproved accounts never count). */
export async function getVoteLabels(sql: Sql): Promise<VoteLabel[]> {
  const { rows } = await sql.query<{ oid: string; possible_sn: number; bogus: number }>(
    `SELECT v.oid, count(*) FILTER (WHERE v.kind = 'possible_sn')::int AS possible_sn,
            count(*) FILTER (WHERE v.kind = 'bogus')::int AS bogus
     FROM candidate_vote v JOIN app_user u ON u.id = v.user_id AND u.approved_at IS NOT NULL
     GROUP BY v.oid ORDER BY v.oid`,
  );
  return rows.map((r) => ({
    oid: r.oid,
    possibleSn: r.possible_sn,
    bogus: r.bogus,
    label: r.possible_sn > r.bogus ? 1 : r.bogus > r.possible_sn ? 0 : null,
  }));
}

/** 32-bit FNV-1a of the UTF-8 bytes. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Share of voted objects held out for evaluation, in percent. */
export const VOTE_HOLDOUT_PERCENT = 30;

/** By a hash of the objectId: an object's votes are all on one side, and the side never changes. */
export function isHeldOut(oid: string): boolean {
  return fnv1a32(`vote-holdout|${oid}`) % 100 < VOTE_HOLDOUT_PERCENT;
}
