// The detection-quarantine step (ADR 0028): runs in the batch transaction before object-statistics,
// so magstats and object aggregates are computed from the detections that belong to the object.
import type { PoolClient } from "pg";
import type { Detection } from "../../generated/prisma/client";
import { decideQuarantine, FAR_FROM_OBJECT, type PositionedDetection } from "../detection-quarantine";
import { type BatchStep, type CreatedObjects, NO_CREATED_OBJECTS } from "../step";

/** Every column of a detection row: the quarantine table holds them unchanged (checked by the type). */
const DETECTION_COLUMN_FLAGS = {
  candid: true,
  oid: true,
  mjd: true,
  fid: true,
  pid: true,
  diffmaglim: true,
  isdiffpos: true,
  nid: true,
  ra: true,
  dec: true,
  magpsf: true,
  sigmapsf: true,
  magap: true,
  sigmagap: true,
  distnr: true,
  magnr: true,
  sigmagnr: true,
  chinr: true,
  sharpnr: true,
  rb: true,
  rbversion: true,
  drb: true,
  drbversion: true,
  magapbig: true,
  sigmagapbig: true,
  rfid: true,
  magpsf_corr: true,
  sigmapsf_corr: true,
  sigmapsf_corr_ext: true,
  corrected: true,
  dubious: true,
  parent_candid: true,
  has_stamp: true,
  step_id_corr: true,
} as const satisfies Record<keyof Detection, true>;
const DETECTION_COLUMNS = Object.keys(DETECTION_COLUMN_FLAGS)
  .map((c) => `"${c}"`)
  .join(", ");

interface StoredPosition {
  oid: string;
  candid: string;
  ra: number;
  dec: number;
  parent_candid: string | null;
  quarantined: boolean;
}

export interface QuarantineCounts {
  /** Detections moved out of the light curve by this batch. */
  quarantined: number;
  /** Quarantined detections moved back (the object's reference moved to them). */
  restored: number;
}

/**
 * The stored positions of `oids`, light curve and quarantine together, grouped by object in candid
 * order. Objects the batch created are taken from the batch's rows: all their detections are in the
 * batch, and none is quarantined yet (this step runs once per batch, and quarantine rows are deleted
 * with their object).
 */
async function storedPositions(
  client: PoolClient,
  oids: readonly string[],
  created: CreatedObjects,
): Promise<Map<string, StoredPosition[]>> {
  const known = oids.filter((oid) => !created.oids.has(oid));
  const byOid = new Map<string, StoredPosition[]>();
  const add = (row: StoredPosition) => {
    const group = byOid.get(row.oid);
    if (group) group.push(row);
    else byOid.set(row.oid, [row]);
  };
  if (known.length > 0) {
    const { rows } = await client.query<StoredPosition>(
      `SELECT oid, candid::text, ra, dec, parent_candid::text, false AS quarantined FROM detection WHERE oid = ANY($1::text[])
       UNION ALL
       SELECT oid, candid::text, ra, dec, parent_candid::text, true FROM detection_quarantine WHERE oid = ANY($1::text[])
       ORDER BY oid, candid`,
      [known],
    );
    for (const row of rows) add(row);
  }
  if (created.oids.size > 0) {
    const batchRows = created.detections
      .filter((d) => created.oids.has(d.oid))
      .sort((a, b) => (a.candid < b.candid ? -1 : a.candid > b.candid ? 1 : 0));
    for (const d of batchRows) {
      add({
        oid: d.oid,
        candid: d.candid.toString(),
        ra: d.ra,
        dec: d.dec,
        parent_candid: d.parent_candid === null ? null : d.parent_candid.toString(),
        quarantined: false,
      });
    }
  }
  return byOid;
}

/**
 * Re-splits the detections of `oids` (light curve and quarantine together) by decideQuarantine and
 * moves the rows that are on the wrong side. A detection re-sent by a later alert lands in
 * `detection` again and is moved back here; its quarantine row keeps the copy quarantined first.
 */
export async function quarantineFarDetections(
  client: PoolClient,
  oids: readonly string[],
  created: CreatedObjects = NO_CREATED_OBJECTS,
): Promise<QuarantineCounts> {
  const counts: QuarantineCounts = { quarantined: 0, restored: 0 };
  if (oids.length === 0) return counts;
  const byOid = await storedPositions(client, oids, created);

  const toQuarantine: { candid: string; separation: number; ra: number; dec: number }[] = [];
  const toRestore: string[] = [];
  for (const stored of byOid.values()) {
    // A candid stored on both sides counts once (a later alert re-sent a quarantined detection).
    const unique = new Map<string, StoredPosition>();
    for (const row of stored) if (!unique.has(row.candid) || !row.quarantined) unique.set(row.candid, row);
    const positions: PositionedDetection[] = [...unique.values()].map((r) => ({
      candid: BigInt(r.candid),
      raDeg: r.ra,
      decDeg: r.dec,
      parentCandid: r.parent_candid === null ? null : BigInt(r.parent_candid),
    }));
    const decision = decideQuarantine(positions);
    if (!decision) continue;
    for (const row of stored) {
      const separation = decision.far.get(BigInt(row.candid));
      if (separation !== undefined && !row.quarantined) {
        toQuarantine.push({ candid: row.candid, separation, ra: decision.referenceRaDeg, dec: decision.referenceDecDeg });
      } else if (separation === undefined && row.quarantined) {
        toRestore.push(row.candid);
      }
    }
  }

  if (toQuarantine.length > 0) {
    const moved = await client.query(
      `WITH far AS (
         SELECT * FROM unnest($1::bigint[], $2::float8[], $3::float8[], $4::float8[]) AS f(candid, separation_arcsec, reference_ra, reference_dec)
       ), moved AS (
         DELETE FROM detection d USING far WHERE d.candid = far.candid RETURNING d.*
       )
       INSERT INTO detection_quarantine (${DETECTION_COLUMNS}, reason, separation_arcsec, reference_ra, reference_dec)
       SELECT ${Object.keys(DETECTION_COLUMN_FLAGS)
         .map((c) => `moved."${c}"`)
         .join(", ")}, $5, far.separation_arcsec, far.reference_ra, far.reference_dec
       FROM moved JOIN far USING (candid)
       ON CONFLICT (candid) DO UPDATE SET separation_arcsec = excluded.separation_arcsec,
         reference_ra = excluded.reference_ra, reference_dec = excluded.reference_dec`,
      [
        toQuarantine.map((q) => q.candid),
        toQuarantine.map((q) => q.separation),
        toQuarantine.map((q) => q.ra),
        toQuarantine.map((q) => q.dec),
        FAR_FROM_OBJECT,
      ],
    );
    counts.quarantined = moved.rowCount ?? 0;
  }
  if (toRestore.length > 0) {
    await client.query(
      `WITH back AS (DELETE FROM detection_quarantine WHERE candid = ANY($1::bigint[]) RETURNING ${DETECTION_COLUMNS})
       INSERT INTO detection (${DETECTION_COLUMNS}) SELECT ${DETECTION_COLUMNS} FROM back ON CONFLICT (candid) DO NOTHING`,
      [toRestore],
    );
    counts.restored = toRestore.length;
  }
  return counts;
}

export const detectionQuarantineStep: BatchStep = {
  name: "detection-quarantine",
  version: "1",
  stage: "batch",
  reads: ["detection", "detection_quarantine"],
  writes: ["detection", "detection_quarantine"],
  offReason: () => null,
  run: async ({ tx, oids, created }) => ({ ...(await quarantineFarDetections(tx, oids, created)) }),
};
