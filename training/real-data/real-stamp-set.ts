// The real labelled ZTF alerts for the stamp classifier: Fink's labelled test alerts (Parquet, with
// cutouts and crossmatch columns) and the alerts of ../shared/data/ztf-alerts labelled by position
// (GCVS, SPICY, 3HSP ≤ 1.5″), by ZTF's ssnamenr, or weakly by drb. Each alert becomes the same
// StampClassifierInput serving builds; the split is realSplitOf(objectId), fixed before any result.
import fs from "node:fs";
import path from "node:path";
import { parquetReadObjects, parquetMetadata, parquetSchema } from "hyparquet";
import { readAlertFile } from "../../lib/alerts/read-alert-file";
import { readAlertSource } from "../../lib/ingest/alert-sources";
import { alertRows } from "../../lib/ingest/alert-rows";
import { stampInputOf, stampTensorsOf } from "../../lib/pipeline/steps/classify-new-objects";
import type { StampClassifierInput } from "../../lib/classifiers/stamp/stamp-classifier";
import { knownSolarSystemObject, recurringSource } from "../../lib/classifiers/stamp/stamp-rules";
import { stampTensor } from "../../lib/stamps/preprocess-stamps";
import { loadLabelCatalogues } from "./catalogue-match";
import { realSplitOf, type RealSplit } from "./object-split";
import { bogusProxyLabel, type FinkCrossmatch, labelOfFinkAlert, type StampLabel } from "./stamp-labels";

export const SHARED_DATA_DIR = "/work/shared/data";
/** At most this many alerts of one object (the earliest), so a few objects with many alerts do not dominate. */
export const MAX_ALERTS_PER_OBJECT = 5;

export interface RealStampExample {
  objectId: string;
  candid: string;
  jd: number;
  /** Where the alert came from: "fink:<file>" or "ztf-alerts:<set>". */
  source: string;
  label: StampLabel;
  split: RealSplit;
  input: StampClassifierInput;
}

const FINK_COLUMNS = ["objectId", "candid", "candidate"];
const CUTOUT_COLUMNS = ["cutoutScience", "cutoutTemplate", "cutoutDifference"];
const CROSSMATCH_COLUMNS = ["cdsxmatch", "tns", "tnsclass", "roid", "vsx", "gcvs", "spicy_id", "x3hsp", "x4lac"] as const;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "bigint" ? Number(v) : null);

/** The classifier input of a Fink Parquet row (its `candidate` struct has the Avro candidate's fields). */
function inputOfFinkRow(candidate: Record<string, unknown>, stamps: Float32Array): StampClassifierInput {
  const c = (k: string) => num(candidate[k]);
  const isdiffpos = typeof candidate.isdiffpos === "string" ? candidate.isdiffpos : "t";
  return {
    stamps,
    meta: {
      sgscore1: c("sgscore1"),
      distpsnr1: c("distpsnr1"),
      sgscore2: c("sgscore2"),
      distpsnr2: c("distpsnr2"),
      sgscore3: c("sgscore3"),
      distpsnr3: c("distpsnr3"),
      isdiffpos,
      fwhm: c("fwhm"),
      magpsf: c("magpsf")!,
      sigmapsf: c("sigmapsf")!,
      ra: c("ra")!,
      dec: c("dec")!,
      diffmaglim: c("diffmaglim"),
      classtar: c("classtar"),
      ndethist: c("ndethist"),
      ncovhist: c("ncovhist"),
      chinr: c("chinr"),
      sharpnr: c("sharpnr"),
    },
    ssdistnr: c("ssdistnr"),
    ssmagnr: c("ssmagnr"),
    isdiffpos,
    sgscore1: c("sgscore1"),
    distpsnr1: c("distpsnr1"),
  };
}

async function finkExamples(dir: string): Promise<RealStampExample[]> {
  const out: RealStampExample[] = [];
  const files = fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".parquet") && !/(gcvs|spicy)\.parquet$/.test(f))
    .sort();
  for (const file of files) {
    const buf = fs.readFileSync(path.join(dir, file));
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const names = new Set(parquetSchema(parquetMetadata(ab)).children.map((c) => c.element.name));
    const columns = [...FINK_COLUMNS, ...CROSSMATCH_COLUMNS.filter((c) => names.has(c))];
    const rows = (await parquetReadObjects({ file: ab, columns })) as Record<string, unknown>[];
    // the cutouts' stampData is a plain BYTE_ARRAY: read as bytes, not as UTF-8 text
    const cutouts = (await parquetReadObjects({ file: ab, columns: CUTOUT_COLUMNS, utf8: false })) as Record<string, unknown>[];
    for (const [index, row] of rows.entries()) {
      const candidate = row.candidate as Record<string, unknown>;
      const cut = (k: string) => (cutouts[index]![k] as { stampData?: Uint8Array } | null)?.stampData ?? null;
      const [science, template, difference] = [cut("cutoutScience"), cut("cutoutTemplate"), cut("cutoutDifference")];
      if (!science || !template || !difference) continue;
      const label = labelOfFinkAlert(row as FinkCrossmatch) ?? bogusProxyLabel(num(candidate.drb));
      if (!label) continue;
      let stamps: Float32Array;
      try {
        stamps = stampTensor({ science: { stampData: science }, template: { stampData: template }, difference: { stampData: difference } });
      } catch {
        continue;
      }
      const objectId = String(row.objectId);
      out.push({
        objectId,
        candid: String(row.candid),
        jd: num(candidate.jd) ?? 0,
        source: `fink:${path.basename(file)}`,
        label,
        split: realSplitOf(objectId),
        input: inputOfFinkRow(candidate, stamps),
      });
    }
  }
  return out;
}

async function ztfAlertExamples(dir: string, catalogueDir: string): Promise<RealStampExample[]> {
  const { gcvs, spicy, hsp } = await loadLabelCatalogues(catalogueDir);
  const out: RealStampExample[] = [];
  const sets = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "malformed")
    .map((d) => d.name)
    .sort();
  for (const set of sets) {
    for await (const file of readAlertSource(path.join(dir, set))) {
      const rows = readAlertFile(file.bytes, file.name).alerts.map((decoded) => alertRows(decoded, file.name));
      const tensors = stampTensorsOf(rows);
      rows.forEach((row, k) => {
        const tensor = tensors[k]!;
        if (tensor instanceof Error) return;
        const d = row.detections[0]!;
        const input = stampInputOf(row, tensor);
        let label: StampLabel | null = null;
        const ss = row.ss;
        if (ss.ssnamenr && knownSolarSystemObject(ss.ssdistnr) && !recurringSource(row.object.ndethist)) {
          label = { label: "asteroid", kind: "ssnamenr", evidence: `ZTF ssnamenr ${ss.ssnamenr} at ${ss.ssdistnr}″` };
        } else {
          const blazar = hsp.nearest(d.ra, d.dec);
          const variable = gcvs.nearest(d.ra, d.dec);
          const yso = spicy.nearest(d.ra, d.dec);
          if (blazar) label = { label: "AGN", kind: "3hsp", evidence: `3HSP ${blazar.name} at ${blazar.distArcsec.toFixed(2)}″` };
          else if (variable) label = { label: "VS", kind: "gcvs", evidence: `GCVS ${variable.name} at ${variable.distArcsec.toFixed(2)}″` };
          else if (yso) label = { label: "VS", kind: "spicy", evidence: `SPICY ${yso.name} at ${yso.distArcsec.toFixed(2)}″` };
          else label = bogusProxyLabel(d.drb);
        }
        if (!label) return;
        out.push({
          objectId: row.oid,
          candid: row.candid.toString(),
          jd: d.mjd + 2400000.5,
          source: `ztf-alerts:${set}`,
          label,
          split: realSplitOf(row.oid),
          input,
        });
      });
    }
  }
  return out;
}

/**
 * Every labelled real alert with three FITS cutouts, deduplicated by candid (Fink's labels first),
 * at most MAX_ALERTS_PER_OBJECT per object (the earliest), in a fixed order. Training may take more
 * alerts of each train-split object (`trainAlertsPerObject`, e.g. Infinity); the validation split
 * always keeps MAX_ALERTS_PER_OBJECT, so every version is scored on the same alerts.
 */
export async function loadRealStampExamples(
  root = SHARED_DATA_DIR,
  options: { trainAlertsPerObject?: number } = {},
): Promise<RealStampExample[]> {
  const trainMax = options.trainAlertsPerObject ?? MAX_ALERTS_PER_OBJECT;
  const fink = await finkExamples(path.join(root, "labelled-real/fink-alerts"));
  const ztf = await ztfAlertExamples(path.join(root, "ztf-alerts"), path.join(root, "labelled-real/fink-alerts/fink-science"));
  const byCandid = new Map<string, RealStampExample>();
  for (const e of [...fink, ...ztf]) if (!byCandid.has(e.candid)) byCandid.set(e.candid, e);
  const byObject = new Map<string, RealStampExample[]>();
  for (const e of byCandid.values()) byObject.set(e.objectId, [...(byObject.get(e.objectId) ?? []), e]);
  const out: RealStampExample[] = [];
  for (const oid of [...byObject.keys()].sort()) {
    const list = byObject.get(oid)!.sort((a, b) => a.jd - b.jd || (a.candid < b.candid ? -1 : 1));
    out.push(...list.slice(0, realSplitOf(oid) === "train" ? trainMax : MAX_ALERTS_PER_OBJECT));
  }
  return out;
}
