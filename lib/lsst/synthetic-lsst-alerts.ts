// LSST alerts for load and crash tests, made from the real LSSTCam samples (fixtures/lsst/real): each
// synthetic object gets its own diaObjectId and sky position; its alerts arrive in time order, each
// carrying the object's earlier diaSources (prvDiaSources) and forced photometry at the earlier
// visits, like Rubin's stream. Values are the template's, with fluxes and times varied; cutouts are
// the template's real FITS. Encoded as Kafka wire-format messages with the template's schema (9.0),
// so the whole decode path is exercised.
import { compileAvroSchema } from "../avro/avro-schema";
import { createRng } from "../math/random";
import { LSST_BANDS } from "./lsst-bands";
import { lsstSchemaId, parseLsstSchemaVersion } from "./lsst-schema-registry";
import { readLsstAlertBytes } from "./read-lsst-alert-bytes";

/** Synthetic ids start here: far above Rubin's (~1.7e17 in 2025) and below 2^63. */
const SYNTHETIC_ID_BASE = 8_000_000_000_000_000_000n;
const IDS_PER_ALERT = 100n;

export interface SyntheticLsstOptions {
  /** Alerts per object (default 4): the object's history grows by one diaSource per alert. */
  alertsPerObject?: number;
  seed?: number;
  /** Include the template's cutouts (default true). */
  cutouts?: boolean;
}

export interface SyntheticLsstAlert {
  name: string;
  bytes: Buffer;
  diaSourceId: bigint;
  diaObjectId: bigint;
}

type AvroRecord = Record<string, unknown>;

/** `count` wire-format LSST alerts made from the given real alerts (container files or wire messages). */
export function* syntheticLsstAlerts(
  templates: readonly Buffer[],
  count: number,
  options: SyntheticLsstOptions = {},
): Generator<SyntheticLsstAlert> {
  const parsed = templates.map((bytes) => {
    const raw = readLsstAlertBytes(bytes);
    return { schemaVersion: raw.schemaVersion, type: compileAvroSchema(raw.schemaJson).type, record: raw.records[0] as AvroRecord };
  });
  if (parsed.length === 0) throw new Error("syntheticLsstAlerts: no template alerts");
  const perObject = Math.max(1, options.alertsPerObject ?? 4);
  const rng = createRng(options.seed ?? 1);
  const withCutouts = options.cutouts ?? true;

  let made = 0;
  for (let objectIndex = 0; made < count; objectIndex++) {
    const template = parsed[objectIndex % parsed.length]!;
    const trigger = template.record.diaSource as AvroRecord;
    const diaObjectId = SYNTHETIC_ID_BASE + BigInt(objectIndex) * IDS_PER_ALERT * BigInt(perObject);
    const raDeg = rng.uniform(0, 360);
    const decDeg = (Math.asin(rng.uniform(-1, 0.5)) * 180) / Math.PI;
    const mjd0 = 60900 + rng.uniform(0, 300);
    const peakFluxNJy = rng.logUniform(500, 200_000) * (rng.bernoulli(0.1) ? -1 : 1);
    const history: AvroRecord[] = [];
    const forced: AvroRecord[] = [];
    for (let k = 0; k < perObject && made < count; k++, made++) {
      const diaSourceId = diaObjectId + BigInt(k) * IDS_PER_ALERT + 1n;
      const mjd = mjd0 + k * rng.uniform(0.5, 4);
      const band = LSST_BANDS[rng.int(0, LSST_BANDS.length - 1)]!;
      const errNJy = Math.abs(peakFluxNJy) * 0.02 + 150;
      const fluxNJy = peakFluxNJy * Math.exp(-k / 3) + rng.uniform(-1, 1) * errNJy;
      const source: AvroRecord = {
        ...trigger,
        diaSourceId,
        diaObjectId,
        ssObjectId: null,
        parentDiaSourceId: null,
        midpointMjdTai: mjd,
        timeProcessedMjdTai: mjd + 0.01,
        ra: raDeg + rng.uniform(-1e-5, 1e-5),
        dec: decDeg + rng.uniform(-1e-5, 1e-5),
        band,
        psfFlux: Math.fround(fluxNJy),
        psfFluxErr: Math.fround(errNJy),
        isNegative: fluxNJy < 0,
      };
      const record: AvroRecord = {
        ...template.record,
        diaSourceId,
        diaSource: source,
        prvDiaSources: history.length > 0 ? [...history] : null,
        prvDiaForcedSources: forced.length > 0 ? [...forced] : null,
        diaObject: template.record.diaObject ? { ...(template.record.diaObject as AvroRecord), diaObjectId, ra: raDeg, dec: decDeg } : null,
        ssSource: null,
        cutoutScience: withCutouts ? template.record.cutoutScience : null,
        cutoutTemplate: withCutouts ? template.record.cutoutTemplate : null,
        cutoutDifference: withCutouts ? template.record.cutoutDifference : null,
      };
      const header = Buffer.alloc(5);
      header.writeUInt32BE(lsstSchemaId(parseLsstSchemaVersion(template.schemaVersion)!), 1);
      yield {
        name: `synthetic-lsst-${diaSourceId}.avro`,
        bytes: Buffer.concat([header, template.type.toBuffer(record)]),
        diaSourceId,
        diaObjectId,
      };
      history.push(source);
      forced.push({
        diaForcedSourceId: diaSourceId + 50n,
        diaObjectId,
        ra: raDeg,
        dec: decDeg,
        visit: source.visit ?? 0n,
        detector: source.detector ?? 0,
        psfFlux: Math.fround(fluxNJy * 0.97),
        psfFluxErr: Math.fround(errNJy),
        midpointMjdTai: mjd,
        scienceFlux: null,
        scienceFluxErr: null,
        band,
        timeProcessedMjdTai: mjd + 0.01,
        timeWithdrawnMjdTai: null,
      });
    }
  }
}

/** The same alerts as files for the ingest (name `synthetic-lsst-<diaSourceId>.avro`), from template files. */
export function syntheticLsstAlertFiles(
  templates: readonly { bytes: Buffer }[],
  count: number,
  options: SyntheticLsstOptions = {},
): { name: string; bytes: Buffer }[] {
  return [
    ...syntheticLsstAlerts(
      templates.map((t) => t.bytes),
      count,
      options,
    ),
  ].map((a) => ({ name: a.name, bytes: a.bytes }));
}
