// Real labelled light curves for the light-curve classifier (issue 15), each object on one side of
// the fixed split realSplitOf(objectId):
// - BTS SNe Ia (spectroscopic; detections only, g/R), read as `npm run classify:lc` reads a CSV;
// - Fink's labelled test alerts (Parquet): candidate + prv_candidates (≤ 30 d of history) with
//   SIMBAD / TNS labels, and GCVS / 3HSP by Fink's own crossmatch columns;
// - the alerts of ../shared/data/ztf-alerts labelled by position (GCVS variable type, 3HSP ≤ 1.5″):
//   all alerts of an object merged (detections by candid, non-detections by epoch and band).
// A label is a set of acceptable seed classes (SIMBAD's EclBin is an eclipsing binary without the
// detached / contact split: EBSD/D or EBC); `train` is the one class used for training, null when
// the label is ambiguous. SPICY YSOs have no seed class and are left out.
import fs from "node:fs";
import path from "node:path";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { readAlertFile } from "../../lib/alerts/read-alert-file";
import { readAlertSource } from "../../lib/ingest/alert-sources";
import { alertRows } from "../../lib/ingest/alert-rows";
import { parseLightcurveCsv } from "../../lib/classify-cli/lightcurve-csv";
import type { FeatureDetection, FeatureNonDetection, LightcurveFeatureInput } from "../../lib/features/types";
import { branchOf, type LcBranch, type LcClass } from "../../lib/classifiers/lc/lc-taxonomy";
import { loadLabelCatalogues } from "../real-data/catalogue-match";
import { realSplitOf, type RealSplit } from "../real-data/object-split";
import { SHARED_DATA_DIR } from "../real-data/real-stamp-set";

export type LcLabelKind = "bts" | "tns" | "simbad" | "gcvs" | "3hsp";

export interface RealLightcurve {
  input: LightcurveFeatureInput;
  /** Acceptable seed classes (one branch). */
  classes: readonly LcClass[];
  /** The class used for training (null when the label does not pick one). */
  train: LcClass | null;
  branch: LcBranch;
  kind: LcLabelKind;
  evidence: string;
  source: string;
  split: RealSplit;
}

/** A GCVS variability type (":" uncertainty marks dropped, first of "A+B") → seed class, or null. */
export function lcClassOfGcvsType(raw: string): LcClass | null {
  const t = raw.replace(/[:]/g, "").split(/[+|/]/)[0]!.trim().toUpperCase();
  if (/^RR/.test(t)) return "RRL";
  if (t === "EW") return "EBC";
  if (/^E(A|B)?$/.test(t) || t.startsWith("EA")) return "EBSD/D";
  if (/^(DSCT|DSCTC|HADS|SXPHE)$/.test(t)) return "DSCT";
  if (/^(DCEP|DCEPS|CEP|CW|CWA|CWB|BLBOO|RV|RVA|RVB)$/.test(t)) return "Ceph";
  if (/^(M|SR|SRA|SRB|SRC|SRD|SRS|L|LB|LC)$/.test(t)) return "LPV";
  if (/^(UG|UGSU|UGSS|UGZ|UGWZ|NL|N|NA|NB|NC|NR|ZAND)$/.test(t)) return "CV/Nova";
  if (/^(BY|RS|ROT|ELL|ACV|GDOR|BCEP|SPB|ACYG|ZZ|ZZA|ZZB)$/.test(t)) return "Periodic-Other";
  return null;
}

/** A SIMBAD object type → acceptable seed classes, or null. */
export function lcClassesOfSimbadType(raw: string): readonly LcClass[] | null {
  const t = raw.trim();
  if (/^(QSO|AGN|Seyfert|Seyfert1|Seyfert_1|Sy1|QSO_Candidate|AGN_Candidate)$/.test(t)) return ["AGN-I"];
  if (/^(BLLac|Blazar|BLLac_Candidate|Blazar_Candidate)$/.test(t)) return ["Blazar"];
  if (/^(RRLyr|RRLyrae|RRLyr_Candidate)$/.test(t)) return ["RRL"];
  if (/^(EclBin|EB\*|EB\*_Candidate|EclBin_Candidate)$/.test(t)) return ["EBSD/D", "EBC"];
  if (/^(Mira|LPV\*|LongPeriodV\*|LongPeriodV\*_Candidate|Mira_Candidate|AGB\*)$/.test(t)) return ["LPV"];
  if (/^(Cepheid|Type2Cep|deltaCep|Cepheid_Candidate|Ce\*|cC\*|WV\*)$/.test(t)) return ["Ceph"];
  if (/^(delSctV\*|delSct\*|dS\*)$/.test(t)) return ["DSCT"];
  if (/^(CataclyV\*|Nova|DwarfNova|CV\*|CataclyV\*_Candidate|No\*|DN\*)$/.test(t)) return ["CV/Nova"];
  return null;
}

/** A TNS class → seed class, or null. */
export function lcClassOfTnsType(raw: string): LcClass | null {
  const t = raw.trim();
  if (/^SN Ia/.test(t)) return "SNIa";
  if (/^SN I(b|c)/.test(t)) return "SNIbc";
  if (/^SN IIn/.test(t)) return "SNIIn";
  if (/^SN II/.test(t)) return "SNII";
  if (/^SLSN/.test(t)) return "SLSN";
  return null;
}

function labelled(
  input: LightcurveFeatureInput,
  classes: readonly LcClass[],
  kind: LcLabelKind,
  evidence: string,
  source: string,
): RealLightcurve {
  return {
    input,
    classes,
    train: classes.length === 1 ? classes[0]! : null,
    branch: branchOf(classes[0]!),
    kind,
    evidence,
    source,
    split: realSplitOf(input.oid),
  };
}

export const BTS_SNIA_LIGHTCURVES = path.join(SHARED_DATA_DIR, "labelled-real/bts-snia-lightcurves/light-curves");

export function loadBtsSnia(dir = BTS_SNIA_LIGHTCURVES): RealLightcurve[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => labelled(parseLightcurveCsv(fs.readFileSync(path.join(dir, f), "utf8"), f), ["SNIa"], "bts", "BTS SN Ia", "bts"));
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "bigint" ? Number(v) : null);
const named = (v: unknown): v is string => typeof v === "string" && v.trim() !== "" && !/^(Unknown|Fail.*|nan|null|None)$/i.test(v.trim());

function detectionOf(c: Record<string, unknown>): FeatureDetection | null {
  const jd = num(c.jd);
  const fid = num(c.fid);
  const mag = num(c.magpsf);
  const err = num(c.sigmapsf);
  if (jd === null || (fid !== 1 && fid !== 2) || mag === null || err === null) return null;
  return {
    mjd: jd - 2400000.5,
    fid,
    magpsf: mag,
    sigmapsf: err,
    magpsf_corr: null,
    sigmapsf_corr: null,
    sigmapsf_corr_ext: null,
    isdiffpos: c.isdiffpos === "t" || c.isdiffpos === "1" ? 1 : -1,
    corrected: false,
    dubious: false,
    rb: num(c.rb),
    candid: c.candid === null || c.candid === undefined ? null : String(c.candid),
  };
}

function fromFinkRow(row: Record<string, unknown>): LightcurveFeatureInput {
  const c = row.candidate as Record<string, unknown>;
  const detections: FeatureDetection[] = [];
  const nonDetections: FeatureNonDetection[] = [];
  const seen = new Set<number>();
  for (const p of [...((row.prv_candidates as Record<string, unknown>[] | null) ?? []), c]) {
    const d = p.magpsf === null || p.magpsf === undefined ? null : detectionOf(p);
    if (d) {
      if (seen.has(d.mjd)) continue;
      seen.add(d.mjd);
      detections.push(d);
    } else {
      const jd = num(p.jd);
      const lim = num(p.diffmaglim);
      const fid = num(p.fid);
      if (jd !== null && lim !== null && (fid === 1 || fid === 2)) nonDetections.push({ mjd: jd - 2400000.5, fid, diffmaglim: lim });
    }
  }
  detections.sort((a, b) => a.mjd - b.mjd);
  nonDetections.sort((a, b) => a.mjd - b.mjd);
  const sg = num(c.sgscore1);
  return {
    oid: String(row.objectId),
    detections,
    nonDetections,
    context: { raDeg: num(c.ra) ?? Number.NaN, decDeg: num(c.dec) ?? Number.NaN, sgscore1: sg !== null && sg >= 0 ? sg : null, wise: null },
  };
}

/** Fink's labelled alerts, one light curve per object (its alert with the most detections). */
export async function loadFinkLightcurves(dir = path.join(SHARED_DATA_DIR, "labelled-real/fink-alerts")): Promise<RealLightcurve[]> {
  const files = fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".parquet") && !/(gcvs|spicy)\.parquet$/.test(f))
    .sort();
  const best = new Map<string, RealLightcurve>();
  for (const file of files) {
    const buf = fs.readFileSync(path.join(dir, file));
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const names = new Set(parquetSchema(parquetMetadata(ab)).children.map((c) => c.element.name));
    if (!names.has("prv_candidates")) continue;
    const columns = [
      "objectId",
      "candidate",
      "prv_candidates",
      ...["cdsxmatch", "tns", "tnsclass", "gcvs", "x3hsp", "x4lac"].filter((c) => names.has(c)),
    ];
    const rows = (await parquetReadObjects({ file: ab, columns })) as Record<string, unknown>[];
    for (const row of rows) {
      const cds = String(row.cdsxmatch ?? "").trim();
      const tnsText = [row.tns, row.tnsclass, cds.startsWith("(TNS) ") ? cds.slice(6) : null].find(named);
      const simbad = cds.startsWith("(SIMBAD) ") ? cds.slice(9) : cds.startsWith("(") ? "" : cds;
      let label: { classes: readonly LcClass[]; kind: LcLabelKind; evidence: string } | null = null;
      const tnsClass = tnsText ? lcClassOfTnsType(tnsText) : null;
      if (tnsClass) label = { classes: [tnsClass], kind: "tns", evidence: `TNS ${tnsText}` };
      else if (named(simbad) && lcClassesOfSimbadType(simbad))
        label = { classes: lcClassesOfSimbadType(simbad)!, kind: "simbad", evidence: `SIMBAD ${simbad}` };
      else if (named(row.x3hsp) || named(row.x4lac))
        label = { classes: ["Blazar"], kind: "3hsp", evidence: `blazar ${String(row.x3hsp ?? row.x4lac)}` };
      else if (named(row.gcvs) && lcClassOfGcvsType(row.gcvs))
        label = { classes: [lcClassOfGcvsType(row.gcvs)!], kind: "gcvs", evidence: `GCVS ${row.gcvs}` };
      if (!label) continue;
      const input = fromFinkRow(row);
      const previous = best.get(input.oid);
      if (previous && previous.input.detections.length >= input.detections.length) continue;
      best.set(input.oid, labelled(input, label.classes, label.kind, label.evidence, `fink:${path.basename(file)}`));
    }
  }
  return [...best.values()];
}

/** The shared ZTF alerts labelled by position (3HSP, GCVS with a typed class), all alerts of an object merged. */
export async function loadZtfAlertLightcurves(root = SHARED_DATA_DIR): Promise<RealLightcurve[]> {
  const { gcvs, hsp } = await loadLabelCatalogues(path.join(root, "labelled-real/fink-alerts/fink-science"));
  const dir = path.join(root, "ztf-alerts");
  const objects = new Map<
    string,
    { dets: Map<string, FeatureDetection>; nds: Map<string, FeatureNonDetection>; ra: number; dec: number; sg: number | null; set: string }
  >();
  const sets = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "malformed")
    .map((d) => d.name)
    .sort();
  for (const set of sets) {
    for await (const file of readAlertSource(path.join(dir, set))) {
      let alerts;
      try {
        alerts = readAlertFile(file.bytes, file.name).alerts;
      } catch {
        continue;
      }
      for (const decoded of alerts) {
        const row = alertRows(decoded, file.name);
        const d0 = row.detections[0];
        if (!d0) continue;
        if (!hsp.nearest(d0.ra, d0.dec) && !gcvs.nearest(d0.ra, d0.dec)) continue;
        const o = objects.get(row.oid) ?? { dets: new Map(), nds: new Map(), ra: d0.ra, dec: d0.dec, sg: null, set };
        for (const d of row.detections) {
          if (d.fid !== 1 && d.fid !== 2) continue;
          o.dets.set(d.candid.toString(), {
            mjd: d.mjd,
            fid: d.fid,
            magpsf: d.magpsf,
            sigmapsf: d.sigmapsf,
            magpsf_corr: null,
            sigmapsf_corr: null,
            sigmapsf_corr_ext: null,
            isdiffpos: d.isdiffpos ?? 1,
            corrected: false,
            dubious: false,
            rb: d.rb,
            candid: d.candid.toString(),
          });
        }
        for (const n of row.nonDetections)
          if ((n.fid === 1 || n.fid === 2) && n.diffmaglim !== null)
            o.nds.set(`${n.mjd.toFixed(5)}|${n.fid}`, { mjd: n.mjd, fid: n.fid, diffmaglim: n.diffmaglim });
        const sg = row.ps1.sgscore1;
        if (typeof sg === "number" && sg >= 0) o.sg = sg;
        objects.set(row.oid, o);
      }
    }
  }
  const out: RealLightcurve[] = [];
  for (const oid of [...objects.keys()].sort()) {
    const o = objects.get(oid)!;
    const input: LightcurveFeatureInput = {
      oid,
      detections: [...o.dets.values()].sort((a, b) => a.mjd - b.mjd),
      nonDetections: [...o.nds.values()].sort((a, b) => a.mjd - b.mjd),
      context: { raDeg: o.ra, decDeg: o.dec, sgscore1: o.sg, wise: null },
    };
    const blazar = hsp.nearest(o.ra, o.dec);
    const variable = gcvs.nearest(o.ra, o.dec);
    if (blazar)
      out.push(labelled(input, ["Blazar"], "3hsp", `3HSP ${blazar.name} at ${blazar.distArcsec.toFixed(2)}″`, `ztf-alerts:${o.set}`));
    else if (variable && lcClassOfGcvsType(variable.name))
      out.push(
        labelled(
          input,
          [lcClassOfGcvsType(variable.name)!],
          "gcvs",
          `GCVS ${variable.name} at ${variable.distArcsec.toFixed(2)}″`,
          `ztf-alerts:${o.set}`,
        ),
      );
  }
  return out;
}

/** Every labelled real light curve, deduplicated by objectId (BTS, then Fink, then the ZTF alerts). */
export async function loadRealLightcurves(root = SHARED_DATA_DIR): Promise<RealLightcurve[]> {
  const all = [
    ...loadBtsSnia(path.join(root, "labelled-real/bts-snia-lightcurves/light-curves")),
    ...(await loadFinkLightcurves(path.join(root, "labelled-real/fink-alerts"))),
    ...(await loadZtfAlertLightcurves(root)),
  ];
  const byOid = new Map<string, RealLightcurve>();
  for (const r of all) if (!byOid.has(r.input.oid)) byOid.set(r.input.oid, r);
  return [...byOid.values()];
}
