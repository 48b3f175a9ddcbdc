import { hashInvitationToken, newInvitationToken } from "../auth/invitation-token";
import { recordAuditEvent } from "../audit/record-audit-event";
import { withTransaction } from "../db/sql";
import type { Db } from "../server/db";

/** An invitation link works once, for a week. */
export const INVITATION_DAYS = 7;

/** A new single-use invitation: the token goes into the link once; the table keeps its hash. */
export async function createReviewerInvitation(
  db: Db,
  admin: { id: string; email: string },
  requestId?: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newInvitationToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await withTransaction(db.pool, async (tx) => {
    await tx.query("INSERT INTO reviewer_invitation (token_hash, created_by, expires_at) VALUES ($1, $2, $3)", [
      hashInvitationToken(token),
      admin.id,
      expiresAt,
    ]);
    await recordAuditEvent(tx, { actor: admin, action: "create_invitation", details: { expiresAt: expiresAt.toISOString() }, requestId });
  });
  return { token, expiresAt };
}
