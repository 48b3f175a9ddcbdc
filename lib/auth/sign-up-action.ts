import { signUpInputSchema } from "./credentials";
import { defineAction } from "./define-action";
import { getEnv } from "../server/env";
import { allowedSignUpDomains, signUp } from "./sign-up";

export const signUpAction = defineAction({
  name: "signUp",
  input: signUpInputSchema,
  access: "public",
  handler: async (input, ctx) => {
    const policy = { clientIp: ctx.clientIp, allowedDomains: allowedSignUpDomains(getEnv().CIELO_SIGNUP_EMAIL_DOMAINS) };
    const { user, token, expiresAt } = await signUp(ctx.db, input, policy);
    ctx.setSessionCookie(token, expiresAt);
    return { displayName: user.displayName };
  },
});
