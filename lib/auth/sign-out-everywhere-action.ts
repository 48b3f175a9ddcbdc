import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import { defineAction, requireUser } from "./define-action";
import { deleteUserSessions } from "./sessions";

/** Ends every session of the account (a lost laptop, a shared computer), this one included. */
export const signOutEverywhereAction = defineAction({
  name: "signOutEverywhere",
  input: z.object({}),
  access: "signed-in",
  handler: async (_input, ctx) => {
    const user = requireUser(ctx);
    const ended = await deleteUserSessions(ctx.db.prisma, user.id);
    await recordAuditEvent(ctx.db.pool, {
      actor: user,
      action: "sign_out_everywhere",
      details: { sessions: ended },
      requestId: ctx.requestId,
    });
    ctx.clearSessionCookie();
    return { sessions: ended };
  },
});
