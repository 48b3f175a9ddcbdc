import { AppError } from "../errors/app-error";
import { defineAction } from "../auth/define-action";
import { takeRateLimit } from "../auth/rate-limit-counter";
import { requireApprovedReviewer } from "../auth/roles";
import { setVote, setVoteInputSchema } from "./set-vote";

/** Votes per reviewer and minute: brisk keyboard triage is ~1 a second; a script is far above. */
export const VOTES_PER_MINUTE = 60;

export const setVoteAction = defineAction({
  name: "setVote",
  input: setVoteInputSchema,
  access: "signed-in",
  handler: async (input, ctx) => {
    const voter = requireApprovedReviewer(ctx);
    const verdict = await takeRateLimit(ctx.db.pool, [{ key: `vote:user:${voter.id}`, limit: VOTES_PER_MINUTE }], 60);
    if (!verdict.allowed) {
      throw new AppError("rate_limited", `More than ${VOTES_PER_MINUTE} votes a minute: wait ${verdict.retryAfterSeconds} s.`);
    }
    return setVote(ctx.db.pool, voter, input, ctx.requestId);
  },
});
