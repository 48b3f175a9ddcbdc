// The light-curve CSVs `npm run classify:lc` reads: one object per file, either ALeRCE's detections
// export (mjd, fid, magpsf, sigmapsf; optional oid, isdiffpos, magpsf_corr, sigmapsf_corr, rb, ra,
// dec, sgscore1) or the simple form time,mag,magerr,band (band g/r/R/1/2; time in MJD or JD).
import path from "node:path";
import { z } from "zod";
import type { FeatureDetection, LightcurveFeatureInput } from "../features/types";

export class LightcurveCsvError extends Error {
  override readonly name = "LightcurveCsvError";
}

/** Times above this are Julian dates (JD 2,400,000 is 1858; MJD will not reach it). */
const JD_THRESHOLD = 2_400_000;
const MJD_OFFSET = 2_400_000.5;

const finite = z.coerce.number().refine(Number.isFinite, "not a finite number");
const optionalNumber = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s.trim() === "" || /^(nan|null|none)$/i.test(s.trim())) return null;
    const v = Number(s);
    if (!Number.isFinite(v)) {
      ctx.addIssue({ code: "custom", message: `"${s}" is not a number` });
      return z.NEVER;
    }
    return v;
  });

const bandSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.enum(["g", "r", "R", "1", "2", "1.0", "2.0", "ZTF_g", "ZTF_r"], { message: "band must be g, r, R, 1 or 2" }))
  .transform((b) => (b === "g" || b === "1" || b === "1.0" || b === "ZTF_g" ? 1 : 2));

const simpleRowSchema = z.object({ time: finite, mag: finite, magerr: finite, band: bandSchema });

const alerceRowSchema = z.object({
  mjd: finite,
  fid: z.coerce
    .number()
    .int()
    .refine((f) => f === 1 || f === 2 || f === 3, "fid must be 1 (g), 2 (r) or 3 (i)"),
  magpsf: finite,
  sigmapsf: finite,
  isdiffpos: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s === "" ? 1 : s === "f" || s === "0" || Number(s) < 0 ? -1 : 1)),
  magpsf_corr: optionalNumber,
  sigmapsf_corr: optionalNumber,
  sigmapsf_corr_ext: optionalNumber,
  rb: optionalNumber,
});

/** CSV text → header and rows of cells (commas, optional double quotes, CRLF). */
function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "" && !line.startsWith("#"));
  const cells = (line: string) => line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
  const [first, ...rest] = lines;
  if (!first) throw new LightcurveCsvError("empty file");
  return { header: cells(first), rows: rest.map(cells) };
}

function describeIssue(error: z.ZodError, line: number): string {
  const issue = error.issues[0]!;
  return `line ${line}: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`;
}

/** Object id from the file name: "ZTF18aahatvc.csv" → "ZTF18aahatvc". */
export function oidFromFileName(file: string): string {
  return path.basename(file).replace(/\.csv$/i, "");
}

/**
 * One object's light curve from a CSV (either format). Throws LightcurveCsvError with a one-line
 * reason for a file it cannot read (unknown columns, a bad value, several objects, no detections).
 */
export function parseLightcurveCsv(text: string, file: string): LightcurveFeatureInput {
  const { header, rows } = parseCsv(text);
  const record = (row: string[]) => Object.fromEntries(header.map((h, i) => [h, row[i]]));
  const has = (...names: string[]) => names.every((n) => header.includes(n));
  let detections: FeatureDetection[];
  let oid = oidFromFileName(file);
  let context: LightcurveFeatureInput["context"] = { raDeg: Number.NaN, decDeg: Number.NaN, sgscore1: null, wise: null };

  if (has("time", "mag", "magerr", "band")) {
    detections = rows.map((row, i) => {
      const parsed = simpleRowSchema.safeParse(record(row));
      if (!parsed.success) throw new LightcurveCsvError(describeIssue(parsed.error, i + 2));
      const { time, mag, magerr, band } = parsed.data;
      return plainDetection(time > JD_THRESHOLD ? time - MJD_OFFSET : time, band, mag, magerr);
    });
  } else if (has("mjd", "fid", "magpsf", "sigmapsf")) {
    const idColumn = header.includes("oid") ? "oid" : header.includes("objectId") ? "objectId" : null;
    if (idColumn) {
      const ids = new Set(rows.map((row) => record(row)[idColumn]).filter((v): v is string => Boolean(v)));
      if (ids.size > 1)
        throw new LightcurveCsvError(`${ids.size} objects in one file (${[...ids].slice(0, 3).join(", ")}, …): one object per CSV`);
      const [only] = ids;
      if (only) oid = only;
    }
    detections = rows
      .map((row, i) => {
        const parsed = alerceRowSchema.safeParse(record(row));
        if (!parsed.success) throw new LightcurveCsvError(describeIssue(parsed.error, i + 2));
        const d = parsed.data;
        return {
          ...plainDetection(d.mjd > JD_THRESHOLD ? d.mjd - MJD_OFFSET : d.mjd, d.fid, d.magpsf, d.sigmapsf),
          isdiffpos: d.isdiffpos,
          magpsf_corr: d.magpsf_corr,
          sigmapsf_corr: d.sigmapsf_corr,
          sigmapsf_corr_ext: d.sigmapsf_corr_ext,
          corrected: d.magpsf_corr !== null,
          rb: d.rb,
        };
      })
      .filter((d) => d.fid === 1 || d.fid === 2);
    const first = rows[0] ? record(rows[0]) : {};
    const num = (v: string | undefined) => (v === undefined || v === "" ? Number.NaN : Number(v));
    const sg = rows.map((row) => num(record(row).sgscore1)).find((v) => Number.isFinite(v) && v >= 0);
    context = { raDeg: num(first.ra), decDeg: num(first.dec), sgscore1: sg ?? null, wise: null };
  } else {
    throw new LightcurveCsvError(
      `unknown columns (${header.join(",")}): expected time,mag,magerr,band or ALeRCE's detections (mjd,fid,magpsf,sigmapsf)`,
    );
  }
  if (detections.length === 0) throw new LightcurveCsvError("no detections");
  detections.sort((a, b) => a.mjd - b.mjd);
  return { oid, detections, nonDetections: [], context };
}

function plainDetection(mjd: number, fid: number, mag: number, err: number): FeatureDetection {
  return {
    mjd,
    fid,
    magpsf: mag,
    sigmapsf: err,
    magpsf_corr: null,
    sigmapsf_corr: null,
    sigmapsf_corr_ext: null,
    isdiffpos: 1,
    corrected: false,
    dubious: false,
    rb: null,
  };
}
