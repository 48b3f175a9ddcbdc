import { z } from "zod";
import { defineAction } from "./define-action";
import { deleteSession } from "./sessions";

export const signOutAction = defineAction({
  name: "signOut",
  input: z.object({}),
  access: "signed-in",
  handler: async (_input, ctx) => {
    if (ctx.sessionToken) await deleteSession(ctx.db.prisma, ctx.sessionToken);
    ctx.clearSessionCookie();
    return null;
  },
});
