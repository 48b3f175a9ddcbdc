import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { withTransaction } from "../db/sql";
import type { Db } from "../server/db";
import { dateToMjd, formatMjdUtc } from "../time/mjd";
import { getReadyAtReport } from "./get-ready-at-report";
import { sendAtReport, type TnsEndpoint, type TnsReply } from "./send-at-report";

/**
 * Sends a ready candidate's AT report and records TNS's reply; an object already accepted by the
 * same endpoint is not sent again (reporting twice would create a duplicate on TNS). Each send and
 * each refusal by TNS goes to the audit log. Who may send is the action's check (admins only).
 */
export async function submitAtReport(
  db: Db,
  sender: { id: string; email: string },
  oid: string,
  endpoint: TnsEndpoint,
  requestId?: string,
): Promise<TnsReply> {
  const previous = await db.pool.query<{ submitted_at: Date; display_name: string }>(
    `SELECT s.submitted_at, u.display_name FROM tns_submission s JOIN app_user u ON u.id = s.user_id WHERE s.oid = $1 AND s.endpoint = $2`,
    [oid, endpoint.url],
  );
  const done = previous.rows[0];
  if (done) {
    throw new AppError(
      "conflict",
      `${oid} was already reported to ${endpoint.url} by ${done.display_name} on ${formatMjdUtc(dateToMjd(done.submitted_at))}.`,
    );
  }
  const report = await getReadyAtReport(db.pool, oid);
  let reply: TnsReply;
  try {
    reply = await sendAtReport(report, endpoint);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordAuditEvent(db.pool, {
      actor: sender,
      action: "tns_send_failed",
      target: oid,
      details: { endpoint: endpoint.url, message },
      requestId,
    });
    throw new AppError("bad_gateway", message);
  }
  await withTransaction(db.pool, async (tx) => {
    await tx.query(
      `INSERT INTO tns_submission (oid, endpoint, user_id, reply) VALUES ($1, $2, $3, $4) ON CONFLICT (oid, endpoint) DO NOTHING`,
      [oid, endpoint.url, sender.id, JSON.stringify(reply)],
    );
    await recordAuditEvent(tx, {
      actor: sender,
      action: "tns_send",
      target: oid,
      details: { endpoint: endpoint.url, idCode: reply.id_code },
      requestId,
    });
  });
  return reply;
}
