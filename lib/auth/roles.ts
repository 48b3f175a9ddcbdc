import { AppError } from "../errors/app-error";
import { requireUser, type HandlerContext } from "./define-action";
import type { SessionUser } from "./sessions";

export const AWAITING_APPROVAL_MESSAGE =
  "Your account is waiting for an admin's approval: you can look at candidates, and vote once approved (ask your team's admin for an invitation link).";

/** Votes decide what reaches TNS: only accounts an admin (or an admin's invitation) approved may cast them. */
export function requireApprovedReviewer(ctx: HandlerContext): SessionUser {
  const user = requireUser(ctx);
  if (!user.approved) throw new AppError("forbidden", AWAITING_APPROVAL_MESSAGE);
  return user;
}

export function requireAdmin(ctx: HandlerContext): SessionUser {
  const user = requireUser(ctx);
  if (user.role !== "admin") throw new AppError("forbidden", "Only an admin can do this.");
  return user;
}
