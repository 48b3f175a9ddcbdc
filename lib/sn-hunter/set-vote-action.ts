import { defineAction, requireUser } from "../auth/define-action";
import { setVote, setVoteInputSchema } from "./set-vote";

export const setVoteAction = defineAction({
  name: "setVote",
  input: setVoteInputSchema,
  access: "signed-in",
  handler: (input, ctx) => setVote(ctx.db.pool, requireUser(ctx).id, input),
});
