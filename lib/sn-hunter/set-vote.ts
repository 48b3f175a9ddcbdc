import { z } from "zod";
import { AppError } from "../errors/app-error";
import { ztfObjectIdSchema } from "../objects/object-id";
import { type TransactionTarget, withTransaction } from "../db/sql";
import { getVoteSummary, VOTE_KINDS, type VoteSummary } from "./get-vote-summary";

/**
 * The desired state, not a "toggle" command: the button sends `on: false` to remove a vote it shows
 * as cast, so a repeated or replayed request changes nothing the second time.
 */
export const setVoteInputSchema = z.object({
  oid: ztfObjectIdSchema,
  kind: z.enum(VOTE_KINDS),
  on: z.boolean(),
});
export type SetVoteInput = z.infer<typeof setVoteInputSchema>;

/**
 * One vote per user, object and kind (primary key), and a reviewer holds one opinion: casting
 * "possible SN" withdraws their "bogus" and vice versa. Unknown objects are refused.
 */
export async function setVote(pool: TransactionTarget, userId: string, input: SetVoteInput): Promise<VoteSummary> {
  return withTransaction(pool, async (tx) => {
    const exists = await tx.query("SELECT 1 FROM object WHERE oid = $1", [input.oid]);
    if (exists.rowCount === 0) throw new AppError("not_found", `Unknown object ${input.oid}: nothing to vote on.`);
    if (input.on) {
      await tx.query('DELETE FROM candidate_vote WHERE user_id = $1 AND oid = $2 AND kind <> $3::"VoteKind"', [
        userId,
        input.oid,
        input.kind,
      ]);
      await tx.query(
        `INSERT INTO candidate_vote (user_id, oid, kind) VALUES ($1, $2, $3::"VoteKind") ON CONFLICT (user_id, oid, kind) DO NOTHING`,
        [userId, input.oid, input.kind],
      );
    } else {
      await tx.query(`DELETE FROM candidate_vote WHERE user_id = $1 AND oid = $2 AND kind = $3::"VoteKind"`, [
        userId,
        input.oid,
        input.kind,
      ]);
    }
    return getVoteSummary(tx, input.oid, userId);
  });
}
