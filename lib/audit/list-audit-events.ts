import type { Sql } from "../db/sql";

export interface AuditEventRow {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
}

/** The newest audit events first (the admin page shows the last `limit`). */
export async function listAuditEvents(sql: Sql, limit = 200): Promise<AuditEventRow[]> {
  const { rows } = await sql.query<{
    id: string;
    at: Date;
    actor_email: string | null;
    action: string;
    target: string | null;
    details: Record<string, unknown> | null;
    request_id: string | null;
  }>("SELECT id::text, at, actor_email, action, target, details, request_id FROM audit_event ORDER BY at DESC, id DESC LIMIT $1", [limit]);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorEmail: r.actor_email,
    action: r.action,
    target: r.target,
    details: r.details,
    requestId: r.request_id,
  }));
}
