import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors/app-error";
import { defineAction, requireUser } from "./define-action";
import { hashPassword, passwordSchema, verifyPassword } from "./password";
import { takeRateLimit } from "./rate-limit-counter";
import { deleteUserSessions } from "./sessions";
import { SIGN_IN_LIMITS } from "./sign-in-rate-limit";

export const changePasswordInputSchema = z.object({
  currentPassword: z.string().min(1, "required").max(200),
  newPassword: passwordSchema,
});

/**
 * Needs the current password (a session left open on a shared computer is not enough), limited
 * like sign-in; ends the account's other sessions, and voids its device cookies (they are keyed
 * with the password hash).
 */
export const changePasswordAction = defineAction({
  name: "changePassword",
  input: changePasswordInputSchema,
  access: "signed-in",
  handler: async (input, ctx) => {
    const user = requireUser(ctx);
    const verdict = await takeRateLimit(
      ctx.db.pool,
      [{ key: `password-change:user:${user.id}`, limit: SIGN_IN_LIMITS.perIpAndEmail }],
      SIGN_IN_LIMITS.windowMinutes * 60,
    );
    if (!verdict.allowed) throw new AppError("rate_limited", "Too many attempts: try again later.");
    const row = await ctx.db.prisma.appUser.findUnique({ where: { id: user.id }, select: { password_hash: true } });
    if (!row?.password_hash) throw new AppError("conflict", "This account signs in with GitHub: it has no password to change.");
    if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
      throw new AppError("unauthorized", "The current password is wrong.");
    }
    await ctx.db.prisma.appUser.update({ where: { id: user.id }, data: { password_hash: await hashPassword(input.newPassword) } });
    const ended = await deleteUserSessions(ctx.db.prisma, user.id, ctx.sessionToken);
    await recordAuditEvent(ctx.db.pool, {
      actor: user,
      action: "password_change",
      details: { otherSessionsEnded: ended },
      requestId: ctx.requestId,
    });
    return { otherSessionsEnded: ended };
  },
});
