import { readAlertFile } from "../alerts/read-alert-file";
import { FitsError } from "../fits/read-fits-image";
import { decodeLsstAlertFile } from "../lsst/decode-lsst-alert-file";
import type { LsstAlertRows } from "../lsst/lsst-alert-rows";
import { isLsstAlertBytes } from "../lsst/read-lsst-alert-bytes";
import { StampPreprocessError, stampTensor } from "../stamps/preprocess-stamps";
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
  /** LSST alerts of the file (ADR 0032); absent for ZTF files. */
  lsstRows?: LsstAlertRows[];
}

export interface DecodeOptions {
  /** Also build each alert's stamp classifier tensor (so the writer thread does not have to). */
  stampTensors?: boolean;
}

function tensorOf(rows: AlertRows): Float32Array | null {
  const find = (kind: string) => rows.cutouts.find((c) => c.kind === kind);
  const [science, template, difference] = [find("science"), find("template"), find("difference")];
  if (!science || !template || !difference) return null;
  try {
    return stampTensor({
      science: { stampData: science.stamp_data },
      template: { stampData: template.stamp_data },
      difference: { stampData: difference.stamp_data },
    });
  } catch (error) {
    if (error instanceof StampPreprocessError || error instanceof FitsError) return null;
    throw error;
  }
}

/** Decodes one file into rows; bad records become rejections, never exceptions. */
export function decodeAlertFile(file: AlertSourceFile, options: DecodeOptions = {}): DecodedFile {
  if (isLsstAlertBytes(file.bytes)) {
    const lsst = decodeLsstAlertFile(file);
    return { rows: [], lsstRows: lsst.rows, rejections: lsst.rejections, alertsRead: lsst.alertsRead };
  }
  const decoded = readAlertFile(file.bytes, file.name);
  const rejections: Rejection[] = decoded.rejected.map((r) => ({ source: file.name, record: r.index, code: r.code, reason: r.reason }));
  const rows: AlertRows[] = [];
  for (const [index, alert] of decoded.alerts.entries()) {
    try {
      const row = alertRows(alert, file.name, file.receivedAt ?? new Date());
      if (options.stampTensors) row.stampTensor = tensorOf(row);
      rows.push(row);
    } catch (error) {
      rejections.push({ source: file.name, record: index, code: "invalid_rows", reason: (error as Error).message });
    }
  }
  return { rows, rejections, alertsRead: decoded.alerts.length };
}
