import { signInInputSchema } from "./credentials";
import { defineAction } from "./define-action";
import { signIn } from "./sign-in";

export const signInAction = defineAction({
  name: "signIn",
  input: signInInputSchema,
  access: "public",
  handler: async (input, ctx) => {
    const { user, token, expiresAt } = await signIn(ctx.db, input, ctx.clientIp);
    ctx.setSessionCookie(token, expiresAt);
    return { displayName: user.displayName };
  },
});
