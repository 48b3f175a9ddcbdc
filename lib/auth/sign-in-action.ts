import { getEnv } from "../server/env";
import { signInInputSchema } from "./credentials";
import { defineAction, sessionCookieOptions } from "./define-action";
import { signIn } from "./sign-in";
import { SIGN_IN_DEVICE_COOKIE, SIGN_IN_DEVICE_DAYS } from "./sign-in-device";

export const signInAction = defineAction({
  name: "signIn",
  input: signInInputSchema,
  access: "public",
  handler: async (input, ctx) => {
    const { user, token, expiresAt, deviceToken } = await signIn(ctx.db, input, {
      clientIp: ctx.clientIp,
      deviceToken: ctx.cookies.get(SIGN_IN_DEVICE_COOKIE),
      adminEmail: getEnv().CIELO_ADMIN_EMAIL,
      requestId: ctx.requestId,
    });
    ctx.setSessionCookie(token, expiresAt);
    ctx.cookies.set(
      SIGN_IN_DEVICE_COOKIE,
      deviceToken,
      sessionCookieOptions(ctx.secureCookies, new Date(Date.now() + SIGN_IN_DEVICE_DAYS * 86_400_000)),
    );
    return { displayName: user.displayName };
  },
});
