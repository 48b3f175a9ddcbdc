import { signUpInputSchema } from "./credentials";
import { defineAction } from "./define-action";
import { getEnv } from "../server/env";
import { allowedSignUpDomains, signUp } from "./sign-up";

export const signUpAction = defineAction({
  name: "signUp",
  input: signUpInputSchema,
  access: "public",
  handler: async (input, ctx) => {
    const env = getEnv();
    await signUp(ctx.db, input, {
      clientIp: ctx.clientIp,
      allowedDomains: allowedSignUpDomains(env.CIELO_SIGNUP_EMAIL_DOMAINS),
      adminEmail: env.CIELO_ADMIN_EMAIL,
      requestId: ctx.requestId,
    });
    // The same answer whether the email was new or not; the form signs in next.
    return { displayName: input.displayName };
  },
});
