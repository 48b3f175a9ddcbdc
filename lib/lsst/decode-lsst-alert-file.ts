import { type LsstAlertRows, lsstAlertRows, LsstRowsError } from "./lsst-alert-rows";
import { readLsstAlerts } from "./read-lsst-alerts";

/** Same shape as lib/ingest's Rejection (the ingest records it in quarantine). */
export interface LsstFileRejection {
  source: string;
  code: string;
  record: number | null;
  reason: string;
}

export interface DecodedLsstFile {
  rows: LsstAlertRows[];
  rejections: LsstFileRejection[];
  alertsRead: number;
}

/** Decodes one LSST container file or Kafka message into rows; bad input becomes rejections, never exceptions. */
export function decodeLsstAlertFile(file: { name: string; bytes: Buffer; receivedAt?: Date }): DecodedLsstFile {
  const decoded = readLsstAlerts(file.bytes, file.name);
  const rejections: LsstFileRejection[] = decoded.rejected.map((r) => ({
    source: file.name,
    record: r.index,
    code: r.code,
    reason: r.reason,
  }));
  const rows: LsstAlertRows[] = [];
  for (const [index, alert] of decoded.alerts.entries()) {
    try {
      rows.push(lsstAlertRows(alert, file.name, file.receivedAt ?? new Date()));
    } catch (error) {
      if (!(error instanceof LsstRowsError)) throw error;
      rejections.push({ source: file.name, record: index, code: "invalid_rows", reason: error.message });
    }
  }
  return { rows, rejections, alertsRead: decoded.alerts.length };
}
