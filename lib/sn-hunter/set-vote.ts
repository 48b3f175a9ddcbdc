import { z } from "zod";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
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

export interface Voter {
  id: string;
  email: string;
}

/**
 * One vote per user, object and kind (primary key), and a reviewer holds one opinion: casting
 * "possible SN" withdraws their "bogus" and vice versa. Unknown objects are refused. The audit row
 * commits with the vote. Whether the voter may vote is the action's check (lib/auth/roles.ts).
 */
export async function setVote(pool: TransactionTarget, voter: Voter, input: SetVoteInput, requestId?: string): Promise<VoteSummary> {
  return withTransaction(pool, async (client) => {
    const exists = await client.query("SELECT 1 FROM object WHERE oid = $1", [input.oid]);
    if (exists.rowCount === 0) throw new AppError("not_found", `Unknown object ${input.oid}: nothing to vote on.`);
    if (input.on) {
      await client.query('DELETE FROM candidate_vote WHERE user_id = $1 AND oid = $2 AND kind <> $3::"VoteKind"', [
        voter.id,
        input.oid,
        input.kind,
      ]);
      await client.query(
        `INSERT INTO candidate_vote (user_id, oid, kind) VALUES ($1, $2, $3::"VoteKind") ON CONFLICT (user_id, oid, kind) DO NOTHING`,
        [voter.id, input.oid, input.kind],
      );
    } else {
      await client.query(`DELETE FROM candidate_vote WHERE user_id = $1 AND oid = $2 AND kind = $3::"VoteKind"`, [
        voter.id,
        input.oid,
        input.kind,
      ]);
    }
    await recordAuditEvent(client, {
      actor: voter,
      action: "vote",
      target: input.oid,
      details: { kind: input.kind, on: input.on },
      requestId,
    });
    return getVoteSummary(client, input.oid, voter.id);
  });
}
