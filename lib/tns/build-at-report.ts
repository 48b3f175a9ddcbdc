import { mjdToDate } from "../time/mjd";
import type { AtReportData } from "./get-at-report-data";

/** TNS ids (values of the bulk-report form): filters ZTF-g/r/i, instrument P48 ZTF-Cam, AB magnitudes, PSN. */
export const TNS_FILTER_ID: Record<number, string> = { 1: "110", 2: "111", 3: "112" };
export const TNS_ZTF_INSTRUMENT_ID = "196";
export const TNS_AB_MAG_UNITS = "1";
export const TNS_AT_TYPE_PSN = "1";
/** TNS's "ZTF" discovery data source (the survey whose data found it). */
export const TNS_ZTF_DATA_SOURCE_ID = "48";
const ZTF_EXPOSURE_S = "30";

export interface AtReportOptions {
  reportingGroupId: string;
  reporter: string;
  /** Reviewer summary appended to the remarks, e.g. "2 reviewers voted possible SN". */
  reviewNote?: string;
}

/** "2023-10-18 10:36:49.123" (UTC), the date form TNS reads. */
export function tnsDateTime(mjd: number): string {
  return mjdToDate(mjd).toISOString().replace("T", " ").replace("Z", "");
}

function filterId(fid: number): string {
  const id = TNS_FILTER_ID[fid];
  if (!id) throw new Error(`no TNS filter id for ZTF fid ${fid}`);
  return id;
}

/**
 * One AT report in TNS's bulk-report JSON ({"at_report": {"0": {...}}}): position, discovery date
 * and magnitude from the first detection, the last non-detection before it with its limit.
 */
export function buildAtReport(data: AtReportData, options: AtReportOptions) {
  const first = data.firstDetection;
  const nd = data.lastNonDetection;
  const remarks = [
    `ZTF alert stream object ${data.oid} (internal name).`,
    data.probSn === null ? null : `Stamp classifier P(SN) = ${data.probSn.toFixed(2)}.`,
    options.reviewNote ?? null,
    "Reported with Cielo SN Hunter.",
  ]
    .filter(Boolean)
    .join(" ");
  const instrument = { instrument_value: TNS_ZTF_INSTRUMENT_ID, exptime: ZTF_EXPOSURE_S, observer: "Robot" };
  return {
    at_report: {
      "0": {
        ra: { value: data.raDeg.toFixed(6), error: (data.raErrorArcsec ?? 1).toFixed(2), units: "arcsec" },
        dec: { value: data.decDeg.toFixed(6), error: (data.decErrorArcsec ?? 1).toFixed(2), units: "arcsec" },
        reporting_group_id: options.reportingGroupId,
        discovery_data_source_id: TNS_ZTF_DATA_SOURCE_ID,
        reporter: options.reporter,
        discovery_datetime: tnsDateTime(first.mjd),
        at_type: TNS_AT_TYPE_PSN,
        internal_name: data.oid,
        remarks,
        non_detection: nd
          ? {
              obsdate: tnsDateTime(nd.mjd),
              limiting_flux: nd.diffmaglim.toFixed(2),
              flux_units: TNS_AB_MAG_UNITS,
              filter_value: filterId(nd.fid),
              ...instrument,
              comments: "Last ZTF upper limit before the first detection (5σ, difference image).",
            }
          : { archiveid: "0", archival_remarks: "No ZTF non-detection before the first detection in the alert history." },
        photometry: {
          photometry_group: {
            "0": {
              obsdate: tnsDateTime(first.mjd),
              flux: first.magpsf.toFixed(2),
              flux_error: first.sigmapsf.toFixed(2),
              limiting_flux: first.diffmaglim === null ? "" : first.diffmaglim.toFixed(2),
              flux_units: TNS_AB_MAG_UNITS,
              filter_value: filterId(first.fid),
              ...instrument,
              comments: `First ZTF detection, candid ${first.candid}, PSF magnitude on the difference image.`,
            },
          },
        },
      },
    },
  };
}
export type AtReport = ReturnType<typeof buildAtReport>;
