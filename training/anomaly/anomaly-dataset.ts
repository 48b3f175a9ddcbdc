/**
 * The anomaly detector's real light curves: the public ZTF alerts of ../shared/data/ztf-alerts
 * (each object's newest alert: its candidate + prv_candidates history, the broker's own population)
 * and the ZTF Bright Transient Survey SNe Ia of ../shared/data/labelled-real, each split by
 * realSplitOf(objectId) (train / validation), with the classifier's eligibility rule (≥ 5
 * detections in g or r). Feature rows come from lib/features via training/lc/lc-dataset.
 */
import fs from "node:fs";
import path from "node:path";
import { readAlertFile } from "../../lib/alerts/read-alert-file";
import { readAlertSource } from "../../lib/ingest/alert-sources";
import { alertRows } from "../../lib/ingest/alert-rows";
import { parseLightcurveCsv } from "../../lib/classify-cli/lightcurve-csv";
import type { LightcurveFeatureInput } from "../../lib/features/types";
import { LC_MIN_DETECTIONS } from "../../lib/pipeline/steps/classify-lightcurves";
import { BTS_SNIA_DIR } from "../lc/evaluate-lc-real";
import { realSplitOf, type RealSplit } from "../real-data/object-split";
import { SHARED_DATA_DIR } from "../real-data/real-stamp-set";

export const ZTF_ALERTS_DIR = path.join(SHARED_DATA_DIR, "ztf-alerts");

export function isEligible(lc: LightcurveFeatureInput): boolean {
  return [1, 2].some((fid) => lc.detections.filter((d) => d.fid === fid).length >= LC_MIN_DETECTIONS);
}

/** Each object's light curve from its newest alert (most detections on ties), eligible ones of the split. */
export async function alertLightcurves(split: RealSplit, dir: string = ZTF_ALERTS_DIR): Promise<LightcurveFeatureInput[]> {
  const newest = new Map<string, LightcurveFeatureInput>();
  for await (const file of readAlertSource(dir)) {
    if (file.name.includes(`${path.sep}malformed${path.sep}`)) continue;
    const { alerts } = readAlertFile(file.bytes, file.name);
    for (const decoded of alerts) {
      const rows = alertRows(decoded, file.name);
      if (realSplitOf(rows.oid) !== split) continue;
      const lc: LightcurveFeatureInput = {
        oid: rows.oid,
        detections: rows.detections
          .filter((d) => d.fid === 1 || d.fid === 2)
          .map((d) => ({
            mjd: d.mjd,
            fid: d.fid,
            magpsf: d.magpsf,
            sigmapsf: d.sigmapsf,
            magpsf_corr: null,
            sigmapsf_corr: null,
            sigmapsf_corr_ext: null,
            isdiffpos: d.isdiffpos,
            corrected: false,
            dubious: false,
            rb: d.rb,
            candid: d.candid,
          }))
          .sort((a, b) => a.mjd - b.mjd),
        nonDetections: rows.nonDetections.map((n) => ({ mjd: n.mjd, fid: n.fid, diffmaglim: n.diffmaglim })),
        context: { raDeg: rows.object.meanra, decDeg: rows.object.meandec, sgscore1: rows.ps1.sgscore1 ?? null, wise: null },
      };
      const previous = newest.get(rows.oid);
      const lastMjd = (x: LightcurveFeatureInput) => x.detections.reduce((m, d) => Math.max(m, d.mjd), -Infinity);
      if (
        !previous ||
        lastMjd(lc) > lastMjd(previous) ||
        (lastMjd(lc) === lastMjd(previous) && lc.detections.length > previous.detections.length)
      ) {
        newest.set(rows.oid, lc);
      }
    }
  }
  return [...newest.values()].filter(isEligible).sort((a, b) => (a.oid < b.oid ? -1 : 1));
}

/** BTS SN Ia light curves (detections only) of the split, eligible ones. */
export function btsLightcurves(split: RealSplit, dir: string = BTS_SNIA_DIR): LightcurveFeatureInput[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => parseLightcurveCsv(fs.readFileSync(path.join(dir, f), "utf8"), f))
    .filter((lc) => realSplitOf(lc.oid) === split && isEligible(lc));
}
