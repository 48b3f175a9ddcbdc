import { readAlertFile } from "../alerts/read-alert-file";
import { type AlertRows, alertRows } from "./alert-rows";
import type { AlertSourceFile } from "./alert-sources";

export interface Rejection {
  source: string;
  /** Machine-readable cause: an AvroContainerError reason (truncated, not_avro, ...), invalid_alert or invalid_rows. */
  code: string;
  /** Index of the record in its container, or null when the whole file was unreadable. */
  record: number | null;
  reason: string;
}

export interface DecodedFile {
  rows: AlertRows[];
  rejections: Rejection[];
  alertsRead: number;
}

/** Decodes one file into rows; bad records become rejections, never exceptions. */
export function decodeAlertFile(file: AlertSourceFile): DecodedFile {
  const decoded = readAlertFile(file.bytes, file.name);
  const rejections: Rejection[] = decoded.rejected.map((r) => ({ source: file.name, record: r.index, code: r.code, reason: r.reason }));
  const rows: AlertRows[] = [];
  for (const [index, alert] of decoded.alerts.entries()) {
    try {
      rows.push(alertRows(alert, file.name, file.receivedAt ?? new Date()));
    } catch (error) {
      rejections.push({ source: file.name, record: index, code: "invalid_rows", reason: (error as Error).message });
    }
  }
  return { rows, rejections, alertsRead: decoded.alerts.length };
}
