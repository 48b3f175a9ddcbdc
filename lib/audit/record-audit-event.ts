import type { Sql } from "../db/sql";

/** What the audit log records: every step from an account to a report on TNS. */
export const AUDIT_ACTIONS = [
  "sign_up",
  "vote",
  "approve_reviewer",
  "revoke_reviewer",
  "create_invitation",
  "tns_send",
  "tns_send_failed",
  "password_change",
  "sign_out_everywhere",
  "admin_by_env",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEventInput {
  actor: { id: string; email: string } | null;
  action: AuditAction;
  /** The object or account acted on: an oid, a user's email, an invitation's expiry… */
  target?: string | null;
  details?: Record<string, unknown>;
  /** X-Request-Id of the HTTP request (set by proxy.ts), to find the matching log lines. */
  requestId?: string | null;
}

/** Appends one row to audit_event; inside the caller's transaction when given one, so both commit or neither. */
export async function recordAuditEvent(sql: Sql, event: AuditEventInput): Promise<void> {
  await sql.query(`INSERT INTO audit_event (actor_id, actor_email, action, target, details, request_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
    event.actor?.id ?? null,
    event.actor?.email ?? null,
    event.action,
    event.target ?? null,
    event.details ? JSON.stringify(event.details) : null,
    event.requestId ?? null,
  ]);
}
