/**
 * Loads the real ALeRCE-labelled supernova light curves of fixtures/lightcurves/ (tests and benches)
 * as LightcurveFeatureInput. The CSVs hold plain numbers and True/False, no quoting.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { FeatureDetection, FeatureNonDetection, LightcurveFeatureInput } from "./types";

export const LIGHTCURVE_FIXTURES_DIR = path.resolve(import.meta.dirname, "../../fixtures/lightcurves");

function readCsv(dir: string, file: string): Record<string, string>[] {
  const lines = readFileSync(path.join(dir, file), "utf8").trim().split(/\r?\n/);
  const header = (lines.shift() ?? "").split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
  });
}

function num(s: string | undefined): number | null {
  if (s === undefined || s === "") return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

export interface LabelledLightcurve {
  label: string;
  input: LightcurveFeatureInput;
}

/** A detection row of ALeRCE's CSV exports (pandas writes booleans as True/False or true/false). */
function detectionFromCsvRow(r: Record<string, string | undefined>): FeatureDetection {
  return {
    mjd: num(r.mjd)!,
    fid: num(r.fid)!,
    magpsf: num(r.magpsf)!,
    sigmapsf: num(r.sigmapsf)!,
    magpsf_corr: num(r.magpsf_corr),
    sigmapsf_corr: num(r.sigmapsf_corr),
    sigmapsf_corr_ext: num(r.sigmapsf_corr_ext),
    isdiffpos: (num(r.isdiffpos) ?? 1) < 0 ? -1 : 1,
    corrected: r.corrected?.toLowerCase() === "true",
    dubious: r.dubious?.toLowerCase() === "true",
    rb: num(r.rb),
    candid: r.candid ?? null,
  };
}

/** `dir`: fixtures/lightcurves (5 SNe) or fixtures/lightcurves/labelled (all 30, the late classifier's real-data check). */
export function loadSneLightcurves(dir: string = LIGHTCURVE_FIXTURES_DIR): LabelledLightcurve[] {
  const labels = new Map(readCsv(dir, "sne_labels.csv").map((r) => [r.objectId!, r.classALeRCE!]));
  const dets = readCsv(dir, "sne_detections.csv");
  const nds = readCsv(dir, "sne_non_detections.csv");
  return [...labels.entries()].map(([oid, label]) => {
    const rows = dets.filter((r) => r.objectId === oid);
    const detections = rows.map(detectionFromCsvRow);
    const nonDetections: FeatureNonDetection[] = nds
      .filter((r) => r.objectId === oid)
      .map((r) => ({ mjd: num(r.jd)! - 2400000.5, fid: num(r.fid)!, diffmaglim: num(r.diffmaglim)! }));
    const withPs1 = rows.find((r) => num(r.sgscore1) !== null);
    const first = rows[0]!;
    return {
      label,
      input: {
        oid,
        detections,
        nonDetections,
        context: { raDeg: num(first.ra)!, decDeg: num(first.dec)!, sgscore1: withPs1 ? num(withPs1.sgscore1) : null, wise: null },
      },
    };
  });
}

export interface AlerceColours {
  "g-r_max": number;
  "g-r_max_corr": number;
  "g-r_mean": number;
  "g-r_mean_corr": number;
}

/**
 * Four real ZTF variable stars (fixtures/lightcurves/variables_*.csv, from ALeRCE's lc_classifier
 * examples) with the g − r colours of ALeRCE's object table. No non-detections.
 */
export function loadVariableLightcurves(): { input: LightcurveFeatureInput; alerceColours: AlerceColours }[] {
  const dets = readCsv(LIGHTCURVE_FIXTURES_DIR, "variables_detections.csv");
  return readCsv(LIGHTCURVE_FIXTURES_DIR, "variables_object_info.csv").map((o) => {
    const rows = dets.filter((r) => r.oid === o.oid);
    const detections = rows.map(detectionFromCsvRow);
    return {
      input: {
        oid: o.oid!,
        detections,
        nonDetections: [],
        context: { raDeg: num(o.meanra)!, decDeg: num(o.meandec)!, sgscore1: num(rows[0]?.sgscore1), wise: null },
      },
      alerceColours: {
        "g-r_max": num(o["g-r_max"])!,
        "g-r_max_corr": num(o["g-r_max_corr"])!,
        "g-r_mean": num(o["g-r_mean"])!,
        "g-r_mean_corr": num(o["g-r_mean_corr"])!,
      },
    };
  });
}
