import { defineAction } from "../auth/define-action";
import { requireAdmin } from "../auth/roles";
import { setReviewerApproval, setReviewerApprovalInputSchema } from "./set-reviewer-approval";

export const setReviewerApprovalAction = defineAction({
  name: "setReviewerApproval",
  input: setReviewerApprovalInputSchema,
  access: "signed-in",
  handler: (input, ctx) => setReviewerApproval(ctx.db, requireAdmin(ctx), input, ctx.requestId),
});
