import { readAvroContainer } from "../avro/read-avro-container";
import { createRng } from "../math/random";
import { compileAvroSchema } from "../avro/avro-schema";
import { encodeLong } from "../avro/byte-cursor";
import { writeAvroContainer } from "../avro/write-avro-container";
import { ZTF_CUTOUT_FIELDS } from "../alerts/ztf-cutouts";
import type { AlertSourceFile } from "./alert-sources";

/** Synthetic candids start here, far above ZTF's (~3e18 by 2026) and below 2^63. */
const SYNTHETIC_CANDID_BASE = 8_000_000_000_000_000_000n;
const PRV_PER_ALERT = 1000n;
/**
 * One sync marker for every synthetic container: deriving it from the data (writeAvroContainer's
 * default, an MD5 of ~66 KB) cost ~0.1 ms per alert on the thread that feeds the bench's pipeline.
 */
const SYNTHETIC_SYNC_MARKER = Buffer.from("cielo-synthetic!", "latin1");

/** A ZTF-shaped object id for synthetic alert i: "ZTF99" + 7 letters (year 99 is never a real ZTF year). */
export function syntheticObjectId(i: number): string {
  let n = i;
  let letters = "";
  for (let k = 0; k < 7; k++) {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    n = Math.floor(n / 26);
  }
  return `ZTF99${letters}`;
}

interface Template {
  record: Record<string, unknown>;
  encode: (record: Record<string, unknown>) => Buffer;
}

/**
 * The container bytes of one record of a template's schema, made fast: the container header (with
 * the ~20 KB schema) and the encoded cutouts (~40 KB: the record's last three fields, the same for
 * every alert of a template) are made once, and only the record up to its cutouts is encoded per
 * alert. Checked against writeAvroContainer on the template itself; a schema where the bytes differ
 * (cutouts not last, null not the union's first branch) is encoded in full.
 */
function templateEncoder(schemaJson: string, template: Record<string, unknown>): (record: Record<string, unknown>) => Buffer {
  const inFull = (record: Record<string, unknown>) => writeAvroContainer(schemaJson, [record], { syncMarker: SYNTHETIC_SYNC_MARKER });
  const { type } = compileAvroSchema(schemaJson);
  const noCutouts = Object.fromEntries(Object.values(ZTF_CUTOUT_FIELDS).map((field) => [field, null]));
  const NULL_BRANCHES = 3; // one byte each (union branch 0) at the end of a record without cutouts
  let whole: Buffer;
  let stripped: Buffer;
  try {
    whole = type.toBuffer(template);
    stripped = type.toBuffer({ ...template, ...noCutouts });
  } catch {
    return inFull;
  }
  const cutouts = Buffer.from(whole.subarray(stripped.length - NULL_BRANCHES));
  const header = writeAvroContainer(schemaJson, [], { syncMarker: SYNTHETIC_SYNC_MARKER });
  const fast = (record: Record<string, unknown>) => {
    const head = type.toBuffer({ ...record, ...noCutouts });
    const body = head.subarray(0, head.length - NULL_BRANCHES);
    const size = body.length + cutouts.length;
    return Buffer.concat([header, encodeLong(1), encodeLong(size), body, cutouts, SYNTHETIC_SYNC_MARKER]);
  };
  return fast(template).equals(inFull(template)) ? fast : inFull;
}

type Candidateish = Record<string, unknown> & { candid?: unknown; ra?: unknown; dec?: unknown; magpsf?: unknown };

/**
 * Alerts for load tests, made from real alerts: each gets a new objectId and candid (and new
 * candids for its prv_candidates detections, which are global keys), a position jittered by up to
 * ~2″ and magnitudes by up to 0.1 mag, and the template's real cutouts. Encoded with the
 * template's writer schema, so the full decode path is exercised.
 */
export function* syntheticAlerts(templates: readonly AlertSourceFile[], count: number, seed = 1): Generator<AlertSourceFile> {
  const parsed: Template[] = [];
  for (const file of templates) {
    try {
      const container = readAvroContainer(file.bytes);
      for (const record of container.records) {
        const template = record as Record<string, unknown>;
        parsed.push({ record: template, encode: templateEncoder(container.schemaJson, template) });
      }
    } catch {
      // a template that does not decode is simply not used
    }
  }
  if (parsed.length === 0) throw new Error("no decodable template alerts");
  const rng = createRng(seed); // deterministic, so a bench run is repeatable
  const rand = () => rng.next();
  const jitter = (value: unknown, amplitude: number) => (typeof value === "number" ? value + (rand() * 2 - 1) * amplitude : value);

  for (let i = 0; i < count; i++) {
    const template = parsed[i % parsed.length]!;
    const candid = SYNTHETIC_CANDID_BASE + BigInt(i) * PRV_PER_ALERT;
    const dRa = (rand() * 2 - 1) * 5e-4;
    const dDec = (rand() * 2 - 1) * 5e-4;
    const candidate = { ...(template.record.candidate as Candidateish) };
    candidate.candid = candid;
    candidate.ra = jitter(typeof candidate.ra === "number" ? candidate.ra + dRa : candidate.ra, 1e-5);
    candidate.dec = jitter(typeof candidate.dec === "number" ? candidate.dec + dDec : candidate.dec, 1e-5);
    candidate.magpsf = jitter(candidate.magpsf, 0.1);
    const prv = Array.isArray(template.record.prv_candidates)
      ? (template.record.prv_candidates as Candidateish[]).map((p, k) => {
          const copy = { ...p };
          if (copy.candid !== null && copy.candid !== undefined) copy.candid = candid + BigInt(k + 1);
          if (typeof copy.ra === "number") copy.ra += dRa;
          if (typeof copy.dec === "number") copy.dec += dDec;
          copy.magpsf = jitter(copy.magpsf, 0.1);
          return copy;
        })
      : template.record.prv_candidates;
    const record = { ...template.record, objectId: syntheticObjectId(i), candid, candidate, prv_candidates: prv };
    yield { name: `synthetic/${syntheticObjectId(i)}_${candid}.avro`, bytes: template.encode(record) };
  }
}
