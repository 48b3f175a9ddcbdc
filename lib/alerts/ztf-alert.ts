import { z } from "zod";
import {
  type ZtfAlert,
  type ZtfFpHist,
  type ZtfPrvCandidate,
  ZTF_OBJECT_ID_PATTERN,
  convertCandidateFast,
  convertCutoutFast,
  convertFpHistFast,
  convertPrvCandidateFast,
  ztfCandidateSchema,
  ztfCutoutSchema,
  ztfFpHistSchema,
  ztfPrvCandidateSchema,
} from "./ztf-alert-schema";
import { ZTF_CUTOUT_FIELDS } from "./ztf-cutouts";
import { requiredId } from "./ztf-field-values";

export * from "./ztf-alert-schema";
export { ZTF_NULL_FLOAT_SENTINELS, isdiffposSign } from "./ztf-field-values";
export { classifyPrvCandidate, isPrvDetection, isPrvUpperLimit, type PrvCandidateKind } from "./prv-candidates";
export { detectCutoutFormat, type CutoutFormat, ZTF_CUTOUT_FIELDS, ZTF_CUTOUT_KINDS, type ZtfCutoutKind } from "./ztf-cutouts";

export { jdToMjd } from "../time/mjd";

/** A decoded record that is not a usable ZTF alert; `path` names the offending field. */
export class ZtfAlertError extends Error {
  override readonly name = "ZtfAlertError";

  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

const objectIdSchema = z.unknown().transform((value, ctx): string => {
  if (typeof value === "string" && ZTF_OBJECT_ID_PATTERN.test(value)) return value;
  ctx.addIssue({
    code: "custom",
    message: `expected a ZTF object id like ZTF18abxhyqv, got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`,
    input: value,
  });
  return z.NEVER;
});

// Fields are matched by name only: writers differ in record names and namespaces
// (ztf.alert.candidate vs Fink's topLevelRecord.candidate) and in which fields are nullable.
const alertEnvelopeSchema = z.object({
  schemavsn: z.string().nullish(),
  publisher: z.string().nullish(),
  objectId: objectIdSchema,
  candid: requiredId,
  candidate: ztfCandidateSchema,
  fp_hists: z.array(z.unknown()).nullish(),
  [ZTF_CUTOUT_FIELDS.science]: ztfCutoutSchema,
  [ZTF_CUTOUT_FIELDS.template]: ztfCutoutSchema,
  [ZTF_CUTOUT_FIELDS.difference]: ztfCutoutSchema,
});

/**
 * Schema 3.5 (ZTF's July 2021 forced-photometry test) filled prv_candidates with fp_hist-shaped
 * records (forcediffimflux, no candid / magpsf). They are forced photometry, not upper limits
 * (their epochs include ones where the object was detected), so they go to fpHists.
 */
function isForcedPhotometryShaped(entry: unknown): boolean {
  return isRecord(entry) && "forcediffimflux" in entry && !("magpsf" in entry);
}

/**
 * Normalises one decoded alert record (any ZTF schema version 1.x .. 4.02, or Fink's re-serialised
 * topLevelRecord) into a ZtfAlert; throws ZtfAlertError naming the first bad field.
 */
export function parseZtfAlert(record: unknown): ZtfAlert {
  if (!isRecord(record)) throw new ZtfAlertError(`Invalid ZTF alert: expected a record, got ${describeValue(record)}`, "");
  const context = alertContext(record);

  // zod only when the fast conversion declines (to name the bad field): same output, ~10× less CPU.
  let data = convertEnvelopeFast(record);
  if (!data) {
    const envelope = alertEnvelopeSchema.safeParse(record);
    if (!envelope.success) throw errorFromIssues(envelope.error.issues, [], context);
    data = envelope.data;
  }

  const prvCandidates: ZtfPrvCandidate[] = [];
  const fpHists: ZtfFpHist[] = [];
  (data.fp_hists ?? []).forEach((entry, index) => fpHists.push(parseFpHist(entry, ["fp_hists", index], context)));
  const rawPrv = record.prv_candidates;
  if (rawPrv !== null && rawPrv !== undefined) {
    if (!Array.isArray(rawPrv)) {
      throw new ZtfAlertError(
        `Invalid ZTF alert${context}: prv_candidates: expected an array or null, got ${describeValue(rawPrv)}`,
        "prv_candidates",
      );
    }
    rawPrv.forEach((entry: unknown, index) => {
      const basePath = ["prv_candidates", index];
      if (isForcedPhotometryShaped(entry)) {
        fpHists.push(parseFpHist(entry, basePath, context));
      } else {
        const fast = convertPrvCandidateFast(entry);
        if (fast) {
          prvCandidates.push(fast);
          return;
        }
        const parsed = ztfPrvCandidateSchema.safeParse(entry);
        if (!parsed.success) throw errorFromIssues(parsed.error.issues, basePath, context);
        prvCandidates.push(parsed.data);
      }
    });
  }

  return {
    schemavsn: data.schemavsn ?? null,
    publisher: data.publisher ?? null,
    objectId: data.objectId,
    candid: data.candid,
    candidate: data.candidate,
    prvCandidates,
    fpHists,
    cutouts: {
      science: data[ZTF_CUTOUT_FIELDS.science],
      template: data[ZTF_CUTOUT_FIELDS.template],
      difference: data[ZTF_CUTOUT_FIELDS.difference],
    },
  };
}

type AlertEnvelope = z.output<typeof alertEnvelopeSchema>;

const optionalString = (value: unknown): value is string | null | undefined =>
  value === null || value === undefined || typeof value === "string";

/** What alertEnvelopeSchema gives, without zod; null when it would reject the record. */
function convertEnvelopeFast(record: Record<string, unknown>): AlertEnvelope | null {
  const { schemavsn, publisher, objectId, candid, fp_hists } = record;
  if (!optionalString(schemavsn) || !optionalString(publisher)) return null;
  if (typeof objectId !== "string" || !ZTF_OBJECT_ID_PATTERN.test(objectId)) return null;
  let id: bigint;
  if (typeof candid === "bigint") id = candid;
  else if (typeof candid === "number" && Number.isSafeInteger(candid)) id = BigInt(candid);
  else return null;
  if (fp_hists !== null && fp_hists !== undefined && !Array.isArray(fp_hists)) return null;
  const candidate = convertCandidateFast(record.candidate);
  if (!candidate) return null;
  const science = convertCutoutFast(record[ZTF_CUTOUT_FIELDS.science]);
  const template = convertCutoutFast(record[ZTF_CUTOUT_FIELDS.template]);
  const difference = convertCutoutFast(record[ZTF_CUTOUT_FIELDS.difference]);
  if (science === undefined || template === undefined || difference === undefined) return null;
  return {
    schemavsn,
    publisher,
    objectId,
    candid: id,
    candidate,
    fp_hists: fp_hists as unknown[] | null | undefined,
    [ZTF_CUTOUT_FIELDS.science]: science,
    [ZTF_CUTOUT_FIELDS.template]: template,
    [ZTF_CUTOUT_FIELDS.difference]: difference,
  };
}

function parseFpHist(entry: unknown, basePath: (string | number)[], context: string): ZtfFpHist {
  const fast = convertFpHistFast(entry);
  if (fast) return fast;
  const parsed = ztfFpHistSchema.safeParse(entry);
  if (!parsed.success) throw errorFromIssues(parsed.error.issues, basePath, context);
  return parsed.data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

function alertContext(record: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof record.objectId === "string") parts.push(record.objectId.slice(0, 40));
  if (typeof record.candid === "bigint" || typeof record.candid === "number") parts.push(`candid ${record.candid}`);
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function errorFromIssues(issues: readonly z.core.$ZodIssue[], basePath: readonly PropertyKey[], context: string): ZtfAlertError {
  const [first] = issues;
  if (!first) return new ZtfAlertError(`Invalid ZTF alert${context}`, formatIssuePath(basePath));
  const path = formatIssuePath([...basePath, ...first.path]);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return new ZtfAlertError(`Invalid ZTF alert${context}: ${path || "record"}: ${first.message}${more}`, path);
}
