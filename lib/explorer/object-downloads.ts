import { strToU8, zipSync } from "fflate";
import type { Detection } from "../objects/get-object-detections";
import type { ApiMagstat } from "../objects/get-object-magstats";
import type { NonDetection } from "../objects/get-object-non-detections";
import { bandFor } from "../photometry/bands";
import { toCsv, type CsvValue } from "./csv";

/** Files an object page offers for download. */
export const OBJECT_DOWNLOAD_FILES = ["lightcurve.csv", "detections.csv", "non_detections.csv", "magstats.csv", "all.zip"] as const;
export type ObjectDownloadFile = (typeof OBJECT_DOWNLOAD_FILES)[number];

export interface ObjectDownloadData {
  oid: string;
  detections: Detection[];
  nonDetections: NonDetection[];
  magstats: ApiMagstat[];
}

const DETECTION_COLUMNS = [
  "candid",
  "mjd",
  "fid",
  "band",
  "magpsf",
  "sigmapsf",
  "magpsf_corr",
  "sigmapsf_corr",
  "sigmapsf_corr_ext",
  "isdiffpos",
  "diffmaglim",
  "ra",
  "dec",
  "rb",
  "drb",
  "distnr",
  "magap",
  "sigmagap",
  "magapbig",
  "sigmagapbig",
  "nid",
  "pid",
  "rfid",
  "corrected",
  "dubious",
  "has_stamp",
  "parent_candid",
  "step_id_corr",
] as const;
const NON_DETECTION_COLUMNS = ["mjd", "fid", "band", "diffmaglim"] as const;
const MAGSTAT_COLUMNS = [
  "fid",
  "band",
  "ndet",
  "ndubious",
  "stellar",
  "corrected",
  "magmean",
  "magmedian",
  "magmax",
  "magmin",
  "magsigma",
  "maglast",
  "magfirst",
  "magmean_corr",
  "magmedian_corr",
  "magmax_corr",
  "magmin_corr",
  "magsigma_corr",
  "maglast_corr",
  "magfirst_corr",
  "firstmjd",
  "lastmjd",
  "dmdt_first",
  "dm_first",
  "sigmadm_first",
  "dt_first",
  "saturation_rate",
  "step_id_corr",
] as const;
/** Detections and upper limits in one table, time-ordered: what the light-curve plot shows. */
const LIGHTCURVE_COLUMNS = [
  "oid",
  "mjd",
  "fid",
  "band",
  "kind",
  "magpsf",
  "sigmapsf",
  "magpsf_corr",
  "sigmapsf_corr",
  "diffmaglim",
  "isdiffpos",
  "candid",
] as const;

type Row = Record<string, CsvValue>;
const band = (fid: number) => bandFor(fid).name;

export function detectionsCsv(detections: readonly Detection[]): string {
  return toCsv<Row>(
    DETECTION_COLUMNS,
    detections.map((d) => ({ ...(d as unknown as Row), band: band(d.fid) })),
  );
}

export function nonDetectionsCsv(nonDetections: readonly NonDetection[]): string {
  return toCsv<Row>(
    NON_DETECTION_COLUMNS,
    nonDetections.map((n) => ({ mjd: n.mjd, fid: n.fid, band: band(n.fid), diffmaglim: n.diffmaglim })),
  );
}

export function magstatsCsv(magstats: readonly ApiMagstat[]): string {
  return toCsv<Row>(
    MAGSTAT_COLUMNS,
    magstats.map((m) => ({ ...(m as unknown as Row), band: band(m.fid) })),
  );
}

export function lightcurveCsv(oid: string, detections: readonly Detection[], nonDetections: readonly NonDetection[]): string {
  const rows: Row[] = [
    ...detections.map((d) => ({
      oid,
      mjd: d.mjd,
      fid: d.fid,
      band: band(d.fid),
      kind: "detection",
      magpsf: d.magpsf,
      sigmapsf: d.sigmapsf,
      magpsf_corr: d.magpsf_corr,
      sigmapsf_corr: d.sigmapsf_corr,
      diffmaglim: d.diffmaglim,
      isdiffpos: d.isdiffpos,
      candid: d.candid,
    })),
    ...nonDetections.map((n) => ({ oid, mjd: n.mjd, fid: n.fid, band: band(n.fid), kind: "upper_limit", diffmaglim: n.diffmaglim })),
  ].sort((a, b) => Number(a.mjd) - Number(b.mjd) || Number(a.fid) - Number(b.fid));
  return toCsv<Row>(LIGHTCURVE_COLUMNS, rows);
}

/** The bytes, type and file name of one download. */
export function buildObjectDownload(
  data: ObjectDownloadData,
  file: ObjectDownloadFile,
): { body: Uint8Array; contentType: string; fileName: string } {
  const csv = (text: string, name: string) => ({
    body: strToU8(text),
    contentType: "text/csv; charset=utf-8",
    fileName: `${data.oid}_${name}`,
  });
  switch (file) {
    case "lightcurve.csv":
      return csv(lightcurveCsv(data.oid, data.detections, data.nonDetections), file);
    case "detections.csv":
      return csv(detectionsCsv(data.detections), file);
    case "non_detections.csv":
      return csv(nonDetectionsCsv(data.nonDetections), file);
    case "magstats.csv":
      return csv(magstatsCsv(data.magstats), file);
    case "all.zip": {
      const files: Record<string, Uint8Array> = {};
      for (const name of OBJECT_DOWNLOAD_FILES) {
        if (name !== "all.zip") files[`${data.oid}_${name}`] = buildObjectDownload(data, name).body;
      }
      return { body: zipSync(files, { level: 6 }), contentType: "application/zip", fileName: `${data.oid}.zip` };
    }
  }
}
