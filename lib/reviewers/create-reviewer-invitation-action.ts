import { z } from "zod";
import { defineAction } from "../auth/define-action";
import { requireAdmin } from "../auth/roles";
import { createReviewerInvitation } from "./create-reviewer-invitation";

export const createReviewerInvitationAction = defineAction({
  name: "createReviewerInvitation",
  input: z.object({}),
  access: "signed-in",
  handler: async (_input, ctx) => {
    const { token, expiresAt } = await createReviewerInvitation(ctx.db, requireAdmin(ctx), ctx.requestId);
    return { path: `/sign-up?invitation=${token}`, expiresAt: expiresAt.toISOString() };
  },
});
