import { signUpInputSchema } from "./credentials";
import { defineAction } from "./define-action";
import { signUp } from "./sign-up";

export const signUpAction = defineAction({
  name: "signUp",
  input: signUpInputSchema,
  access: "public",
  handler: async (input, ctx) => {
    const { user, token, expiresAt } = await signUp(ctx.db, input);
    ctx.setSessionCookie(token, expiresAt);
    return { displayName: user.displayName };
  },
});
