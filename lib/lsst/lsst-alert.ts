// The typed LSST alert: decoded records read by field name (never by position) into one shape for
// every schema 3.0 … 11.1. Six schema versions renamed fields; the old names are mapped to the new
// ones first (LEGACY_FIELD_NAMES), then zod checks what Cielo keeps.
import { z } from "zod";
import { LsstAlertError } from "./read-lsst-alert-bytes";

import { LSST_BANDS, type LsstBand } from "./lsst-bands";

export { LSST_BANDS, type LsstBand } from "./lsst-bands";

/** Older field names (schemas 3.0 – 4.0) → the names of 5.0 and later. */
const LEGACY_FIELD_NAMES: Readonly<Record<string, string>> = {
  midPointTai: "midpointMjdTai",
  filterName: "band",
  decl: "dec",
  declErr: "decErr",
  psFlux: "psfFlux",
  psFluxErr: "psfFluxErr",
  totFlux: "scienceFlux",
  totFluxErr: "scienceFluxErr",
  // ssSource 9.0 → 10.0 renames
  heliocentricDist: "helioRange",
  topocentricDist: "topoRange",
  predictedVMagnitude: "ephVmag",
};

function withCurrentNames(record: unknown): unknown {
  if (record === null || typeof record !== "object" || Array.isArray(record) || Buffer.isBuffer(record)) return record;
  // Schemas 5.0 and later have no legacy name: the record as it is (zod copies what it keeps anyway);
  // building a renamed copy of every diaSource was ~6 % of the decode thread.
  let legacy = false;
  for (const key in record) if (Object.hasOwn(LEGACY_FIELD_NAMES, key)) legacy = true;
  if (!legacy) return record;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const name = LEGACY_FIELD_NAMES[key] ?? key;
    if (!(name in out) || out[name] === null || out[name] === undefined) out[name] = value;
  }
  return out;
}

const id = z.bigint().refine((v) => v >= 0n, "a non-negative 64-bit id");
/** 0 is Rubin's "none" for optional ids (ssObjectId, parentDiaSourceId, diaObjectId of a solar-system source). */
const optionalId = z
  .bigint()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === 0n ? null : v));
const requiredNumber = z.number().refine((v) => Number.isFinite(v), "a finite number");
/** A float that may be absent; NaN (Rubin's "not measured") becomes null. */
const optionalNumber = z
  .preprocess((v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), z.number().nullish())
  .transform((v) => v ?? null);
const optionalInt = z
  .union([z.number(), z.bigint()])
  .nullish()
  .transform((v) => (v === undefined || v === null ? null : Number(v)));
const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);
const band = z
  .string()
  .nullish()
  .transform((v, ctx): LsstBand | null => {
    if (v === undefined || v === null) return null;
    if ((LSST_BANDS as readonly string[]).includes(v)) return v as LsstBand;
    ctx.addIssue({ code: "custom", message: `expected a band u g r i z y, got ${JSON.stringify(v)}`, input: v });
    return z.NEVER;
  });
const optionalLong = z
  .bigint()
  .nullish()
  .transform((v) => v ?? null);

const diaSourceSchema = z.object({
  diaSourceId: id,
  diaObjectId: optionalId,
  ssObjectId: optionalId,
  parentDiaSourceId: optionalId,
  visit: optionalLong,
  detector: optionalInt,
  midpointMjdTai: requiredNumber,
  band,
  ra: requiredNumber,
  dec: requiredNumber,
  raErr: optionalNumber,
  decErr: optionalNumber,
  psfFlux: optionalNumber,
  psfFluxErr: optionalNumber,
  scienceFlux: optionalNumber,
  scienceFluxErr: optionalNumber,
  templateFlux: optionalNumber,
  templateFluxErr: optionalNumber,
  apFlux: optionalNumber,
  apFluxErr: optionalNumber,
  snr: optionalNumber,
  isNegative: optionalBoolean,
  isDipole: optionalBoolean,
  psfFlux_flag: optionalBoolean,
  pixelFlags: optionalBoolean,
  extendedness: optionalNumber,
  reliability: optionalNumber,
  bboxSize: optionalInt,
  timeProcessedMjdTai: optionalNumber,
});
export type LsstDiaSource = z.output<typeof diaSourceSchema>;

const diaForcedSourceSchema = z.object({
  diaForcedSourceId: id,
  diaObjectId: id,
  visit: optionalLong,
  detector: optionalInt,
  midpointMjdTai: requiredNumber,
  band,
  ra: optionalNumber,
  dec: optionalNumber,
  psfFlux: optionalNumber,
  psfFluxErr: optionalNumber,
  scienceFlux: optionalNumber,
  scienceFluxErr: optionalNumber,
});
export type LsstForcedSource = z.output<typeof diaForcedSourceSchema>;

const diaObjectSchema = z.object({
  diaObjectId: id,
  ra: requiredNumber,
  dec: requiredNumber,
  raErr: optionalNumber,
  decErr: optionalNumber,
  nDiaSources: optionalInt,
  firstDiaSourceMjdTai: optionalNumber,
  lastDiaSourceMjdTai: optionalNumber,
});
export type LsstDiaObject = z.output<typeof diaObjectSchema>;

const ssSourceSchema = z.object({
  ssObjectId: optionalId,
  diaSourceId: optionalId,
  designation: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  phaseAngle: optionalNumber,
  helioRange: optionalNumber,
  topoRange: optionalNumber,
  ephVmag: optionalNumber,
});
export type LsstSsSource = z.output<typeof ssSourceSchema>;

const cutout = z
  .instanceof(Uint8Array)
  .nullish()
  .transform((v) => (v ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : null));

const alertSchema = z.object({
  diaSource: z.preprocess(withCurrentNames, diaSourceSchema),
  prvDiaSources: z.array(z.preprocess(withCurrentNames, diaSourceSchema)).nullish(),
  prvDiaForcedSources: z.array(z.preprocess(withCurrentNames, diaForcedSourceSchema)).nullish(),
  diaObject: z.preprocess(withCurrentNames, diaObjectSchema.nullish()),
  ssSource: z.preprocess(withCurrentNames, ssSourceSchema.nullish()),
  cutoutDifference: cutout,
  cutoutScience: cutout,
  cutoutTemplate: cutout,
});

export interface LsstAlert {
  /** "9.0": the writer schema's version. */
  schemaVersion: string;
  /** The triggering diaSource (alert id of schemas < 8: alertId, kept only in the raw packet). */
  diaSource: LsstDiaSource;
  prvDiaSources: LsstDiaSource[];
  prvDiaForcedSources: LsstForcedSource[];
  diaObject: LsstDiaObject | null;
  ssSource: LsstSsSource | null;
  /** Uncompressed FITS (image, UNCERT and PSFIMAGE extensions), or null when the alert carries none. */
  cutouts: { science: Buffer | null; template: Buffer | null; difference: Buffer | null };
}

/** A decoded record as an LsstAlert, or an LsstAlertError("invalid_alert") naming the offending field. */
export function parseLsstAlert(record: unknown, schemaVersion: string): LsstAlert {
  const parsed = alertSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map(String).join(".") || "(record)";
    throw new LsstAlertError("invalid_alert", `LSST alert (schema ${schemaVersion}) field ${where}: ${issue.message}`);
  }
  const a = parsed.data;
  return {
    schemaVersion,
    diaSource: a.diaSource,
    prvDiaSources: a.prvDiaSources ?? [],
    prvDiaForcedSources: a.prvDiaForcedSources ?? [],
    diaObject: a.diaObject ?? null,
    ssSource: a.ssSource ?? null,
    cutouts: { science: a.cutoutScience, template: a.cutoutTemplate, difference: a.cutoutDifference },
  };
}
