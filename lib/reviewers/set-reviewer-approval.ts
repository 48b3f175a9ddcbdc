import { z } from "zod";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { withTransaction } from "../db/sql";
import type { Db } from "../server/db";

export const setReviewerApprovalInputSchema = z.object({ userId: z.uuid(), approved: z.boolean() });
export type SetReviewerApprovalInput = z.infer<typeof setReviewerApprovalInputSchema>;

/**
 * An admin approves an account (it may vote from its next request on) or withdraws the approval
 * (its votes stop counting: lib/sn-hunter/get-vote-summary.ts). Admins stay approved.
 */
export async function setReviewerApproval(
  db: Db,
  admin: { id: string; email: string },
  input: SetReviewerApprovalInput,
  requestId?: string,
): Promise<{ email: string; approved: boolean }> {
  return withTransaction(db.pool, async (tx) => {
    const { rows } = await tx.query<{ email: string; role: string }>(
      "SELECT email, role::text AS role FROM app_user WHERE id = $1 FOR UPDATE",
      [input.userId],
    );
    const account = rows[0];
    if (!account) throw new AppError("not_found", "No such account.");
    if (account.role === "admin") throw new AppError("conflict", `${account.email} is an admin: admins are always approved.`);
    await tx.query(
      input.approved
        ? "UPDATE app_user SET approved_at = coalesce(approved_at, now()) WHERE id = $1"
        : "UPDATE app_user SET approved_at = NULL WHERE id = $1",
      [input.userId],
    );
    await recordAuditEvent(tx, {
      actor: admin,
      action: input.approved ? "approve_reviewer" : "revoke_reviewer",
      target: account.email,
      requestId,
    });
    return { email: account.email, approved: input.approved };
  });
}
