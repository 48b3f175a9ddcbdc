import { AppError } from "../errors/app-error";
import type { Sql } from "../db/sql";
import { dateToMjd, formatMjdUtc } from "../time/mjd";
import { getReadyAtReport } from "./get-ready-at-report";
import { sendAtReport, type TnsEndpoint, type TnsReply } from "./send-at-report";

/**
 * Sends a ready candidate's AT report and records TNS's reply; an object already accepted by the
 * same endpoint is not sent again (reporting twice would create a duplicate on TNS).
 */
export async function submitAtReport(sql: Sql, userId: string, oid: string, endpoint: TnsEndpoint): Promise<TnsReply> {
  const previous = await sql.query<{ submitted_at: Date; display_name: string }>(
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
  const report = await getReadyAtReport(sql, oid);
  let reply: TnsReply;
  try {
    reply = await sendAtReport(report, endpoint);
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError")
      throw new AppError("timeout", "TNS did not answer in time: try again later.");
    throw new AppError("bad_gateway", error instanceof Error ? error.message : String(error));
  }
  await sql.query(
    `INSERT INTO tns_submission (oid, endpoint, user_id, reply) VALUES ($1, $2, $3, $4) ON CONFLICT (oid, endpoint) DO NOTHING`,
    [oid, endpoint.url, userId, JSON.stringify(reply)],
  );
  return reply;
}
