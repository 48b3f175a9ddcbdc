import { z } from "zod";
import { CANDIDATE_FIELD_KINDS, FP_HIST_FIELD_KINDS, PRV_CANDIDATE_FIELD_KINDS } from "./ztf-field-kinds";
import { convertFieldsFast, optionalFieldsShape, requiredFloat, requiredId, requiredInt } from "./ztf-field-values";

/** ZTF object names: "ZTF" + 2-digit year + 7 lower-case letters, e.g. ZTF18abxhyqv. */
export const ZTF_OBJECT_ID_PATTERN = /^ZTF\d{2}[a-z]{7}$/;

/** The alert's own detection. Unknown fields are kept as decoded; known ones are typed below. */
export const ztfCandidateSchema = z.looseObject({
  ...optionalFieldsShape(CANDIDATE_FIELD_KINDS),
  jd: requiredFloat,
  fid: requiredInt,
  ra: requiredFloat,
  dec: requiredFloat,
  magpsf: requiredFloat,
  sigmapsf: requiredFloat,
});

/** A previous epoch at this position: a detection (candid + magpsf) or an upper limit (diffmaglim only). */
export const ztfPrvCandidateSchema = z.looseObject({
  ...optionalFieldsShape(PRV_CANDIDATE_FIELD_KINDS),
  jd: requiredFloat,
  fid: requiredInt,
});

/** prv_candidate: the fast conversion, or null (then parse with ztfPrvCandidateSchema for the error). */
export function convertPrvCandidateFast(entry: unknown): ZtfPrvCandidate | null {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return null;
  const out = convertFieldsFast(entry as Record<string, unknown>, PRV_CANDIDATE_FIELD_KINDS, { jd: "float", fid: "int" });
  return out as ZtfPrvCandidate | null;
}

/** The alert's candidate: the fast conversion, or null (then parse with ztfCandidateSchema for the error). */
export function convertCandidateFast(entry: unknown): ZtfCandidate | null {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return null;
  return convertFieldsFast(entry as Record<string, unknown>, CANDIDATE_FIELD_KINDS, CANDIDATE_REQUIRED) as ZtfCandidate | null;
}
const CANDIDATE_REQUIRED = { jd: "float", fid: "int", ra: "float", dec: "float", magpsf: "float", sigmapsf: "float" } as const;

/** fp_hist: the fast conversion, or null (then parse with ztfFpHistSchema for the error). */
export function convertFpHistFast(entry: unknown): ZtfFpHist | null {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return null;
  return convertFieldsFast(entry as Record<string, unknown>, FP_HIST_FIELD_KINDS, {
    jd: "float",
    fid: "int",
    pid: "id",
  }) as ZtfFpHist | null;
}

/** A forced-photometry epoch (fp_hists, schema 4.x). pid is required: it identifies the epoch. */
export const ztfFpHistSchema = z.looseObject({
  ...optionalFieldsShape(FP_HIST_FIELD_KINDS),
  jd: requiredFloat,
  fid: requiredInt,
  pid: requiredId,
});

/** stampData is the cutout bytes as decoded (gzipped FITS). */
export const ztfCutoutSchema = z
  .object({
    fileName: z.string().nullish(),
    stampData: z.instanceof(Uint8Array).nullish(),
  })
  .nullish()
  .transform((cutout): ZtfCutout | null =>
    cutout?.stampData
      ? // A view, not a copy (~40 KB per alert on the ingest hot path): the stamp shares the file's buffer.
        {
          fileName: cutout.fileName ?? "",
          stampData: Buffer.from(cutout.stampData.buffer, cutout.stampData.byteOffset, cutout.stampData.byteLength) as Buffer<ArrayBuffer>,
        }
      : null,
  );

/**
 * A cutout field: what ztfCutoutSchema gives, or undefined when the schema would reject the value
 * (then parse with ztfCutoutSchema for the error). Skips zod on the ingest hot path.
 */
export function convertCutoutFast(value: unknown): ZtfCutout | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || Array.isArray(value)) return undefined;
  const { fileName, stampData } = value as { fileName?: unknown; stampData?: unknown };
  if (fileName !== null && fileName !== undefined && typeof fileName !== "string") return undefined;
  if (stampData === null || stampData === undefined) return null;
  if (!(stampData instanceof Uint8Array)) return undefined;
  return {
    fileName: fileName ?? "",
    stampData: Buffer.from(stampData.buffer, stampData.byteOffset, stampData.byteLength) as Buffer<ArrayBuffer>,
  };
}

export type ZtfCandidate = z.output<typeof ztfCandidateSchema>;
export type ZtfPrvCandidate = z.output<typeof ztfPrvCandidateSchema>;
export type ZtfFpHist = z.output<typeof ztfFpHistSchema>;

/** stampData: the cutout bytes exactly as in the alert (gzipped FITS; JPEG in 2016 IPAC test packets). */
export type ZtfCutout = { fileName: string; stampData: Buffer<ArrayBuffer> };

export type ZtfCutouts = { science: ZtfCutout | null; template: ZtfCutout | null; difference: ZtfCutout | null };

export type ZtfAlert = {
  schemavsn: string | null;
  publisher: string | null;
  objectId: string;
  candid: bigint;
  candidate: ZtfCandidate;
  /** [] when the packet has none (null or absent). */
  prvCandidates: ZtfPrvCandidate[];
  /** [] when absent (schema < 4.0 except 3.5, Fink re-serialised files). */
  fpHists: ZtfFpHist[];
  cutouts: ZtfCutouts;
};
