import type { PoolClient } from "pg";
import type { Detection, MagStat, NonDetection, Reference } from "../../generated/prisma/client";
import { bulkInsert, type ColumnTypes, updateFromExcluded } from "../../db/bulk-insert";
import { correctDetections } from "../correction";
import { computeMagstats, type Ps1Neighbour } from "../magstats";
import { computeObjectAggregates, type ObjectAggregates } from "../object-aggregates";
import { type BatchStep, type CreatedObjects, NO_CREATED_OBJECTS } from "../step";
import { INGEST_STEP_ID } from "../version";

const F = "double precision" as const;

const magstatColumns: ColumnTypes<MagStat> = {
  oid: "text",
  fid: "int",
  stellar: "boolean",
  corrected: "boolean",
  ndet: "int",
  ndubious: "int",
  dmdt_first: F,
  dm_first: F,
  sigmadm_first: F,
  dt_first: F,
  magmean: F,
  magmedian: F,
  magmax: F,
  magmin: F,
  magsigma: F,
  maglast: F,
  magfirst: F,
  magmean_corr: F,
  magmedian_corr: F,
  magmax_corr: F,
  magmin_corr: F,
  magsigma_corr: F,
  maglast_corr: F,
  magfirst_corr: F,
  firstmjd: F,
  lastmjd: F,
  step_id_corr: "text",
  saturation_rate: F,
};

type ObjectUpdate = ObjectAggregates & { oid: string };
const objectUpdateColumns: ColumnTypes<ObjectUpdate> = {
  oid: "text",
  ndet: "int",
  firstmjd: F,
  lastmjd: F,
  deltajd: F,
  meanra: F,
  meandec: F,
  sigmara: F,
  sigmadec: F,
  corrected: "boolean",
  stellar: "boolean",
  diffpos: "boolean",
  reference_change: "boolean",
  g_r_max: F,
  g_r_max_corr: F,
  g_r_mean: F,
  g_r_mean_corr: F,
};

interface DubiousChange {
  candid: bigint;
  dubious: boolean;
}

/** pg returns int8 as text: the Detection row with its 64-bit ids as bigint. */
function detectionFromRow(row: Record<string, unknown>): Detection {
  const big = (v: unknown) => (v === null ? null : BigInt(v as string));
  return {
    ...(row as unknown as Detection),
    candid: BigInt(row.candid as string),
    pid: BigInt(row.pid as string),
    rfid: big(row.rfid),
    parent_candid: big(row.parent_candid),
  };
}

function groupByOid<T extends { oid: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.oid);
    if (group) group.push(row);
    else groups.set(row.oid, [row]);
  }
  return groups;
}

/** What the statistics read of each object: its detections, upper limits, first PS1 neighbour and references. */
interface ObjectRows {
  detections: Map<string, Detection[]>;
  nonDetections: Map<string, NonDetection[]>;
  ps1: Map<string, Ps1Neighbour>;
  references: Map<string, Pick<Reference, "mjdendref">[]>;
}

async function readObjectRows(client: PoolClient, oids: readonly string[]): Promise<ObjectRows> {
  if (oids.length === 0) return { detections: new Map(), nonDetections: new Map(), ps1: new Map(), references: new Map() };
  // One client runs one query at a time: these go one after the other (pg queues them anyway).
  const detectionRows = await client.query("SELECT * FROM detection WHERE oid = ANY($1::text[])", [oids]);
  const nonDetectionRows = await client.query<NonDetection>(
    "SELECT oid, fid, mjd, diffmaglim FROM non_detection WHERE oid = ANY($1::text[])",
    [oids],
  );
  const ps1Rows = await client.query<Ps1Neighbour & { oid: string }>(
    "SELECT DISTINCT ON (oid) oid, distpsnr1, sgscore1 FROM ps1_ztf WHERE oid = ANY($1::text[]) ORDER BY oid, candid",
    [oids],
  );
  const referenceRows = await client.query<{ oid: string; mjdendref: number | null }>(
    "SELECT oid, mjdendref FROM reference WHERE oid = ANY($1::text[])",
    [oids],
  );
  return {
    detections: groupByOid(detectionRows.rows.map(detectionFromRow)),
    nonDetections: groupByOid(nonDetectionRows.rows),
    ps1: new Map(ps1Rows.rows.map((r) => [r.oid, r])),
    references: groupByOid(referenceRows.rows),
  };
}

/**
 * The same rows for objects the batch created, from what the batch wrote (nothing else of theirs is
 * stored), less the detections the detection-quarantine step has just moved out of the light curve.
 */
async function createdObjectRows(client: PoolClient, created: CreatedObjects, into: ObjectRows): Promise<void> {
  if (created.oids.size === 0) return;
  const only = <T extends { oid: string }>(rows: readonly T[]) => rows.filter((r) => created.oids.has(r.oid));
  const { rows: quarantinedRows } = await client.query<{ candid: string }>(
    "SELECT candid::text FROM detection_quarantine WHERE oid = ANY($1::text[])",
    [[...created.oids]],
  );
  const quarantined = new Set(quarantinedRows.map((r) => BigInt(r.candid)));
  const kept = only(created.detections).filter((d) => !quarantined.has(d.candid));
  for (const [oid, rows] of groupByOid(kept)) into.detections.set(oid, rows);
  for (const [oid, rows] of groupByOid(only(created.nonDetections))) into.nonDetections.set(oid, rows);
  for (const [oid, rows] of groupByOid(only(created.references))) into.references.set(oid, rows);
  // As the query's DISTINCT ON (oid) … ORDER BY oid, candid: the row of the object's smallest candid.
  for (const row of only(created.ps1)) {
    const current = into.ps1.get(row.oid) as (Ps1Neighbour & { candid: bigint }) | undefined;
    if (!current || row.candid < current.candid) into.ps1.set(row.oid, row);
  }
}

/**
 * The correction → magstats → object-aggregates steps for the objects of a batch, run inside its
 * transaction after the new rows are written: everything is recomputed from all of each object's
 * stored detections, so the result does not depend on arrival order or replays. The rows of objects
 * the batch created are taken from the batch (`created`) rather than read back: they are the same rows.
 * Corrected magnitudes are set per detection when rows are built; only `dubious` depends on the
 * object's other detections (the first detection of the band), so only changed flags are written.
 */
export async function updateObjectStatistics(
  client: PoolClient,
  oids: readonly string[],
  created: CreatedObjects = NO_CREATED_OBJECTS,
): Promise<void> {
  if (oids.length === 0) return;
  const rows = await readObjectRows(
    client,
    oids.filter((oid) => !created.oids.has(oid)),
  );
  await createdObjectRows(client, created, rows);
  const { detections, nonDetections, ps1, references } = rows;

  const magstats: MagStat[] = [];
  const objects: ObjectUpdate[] = [];
  const dubiousChanges: DubiousChange[] = [];
  for (const oid of oids) {
    const stored = detections.get(oid);
    if (!stored || stored.length === 0) continue;
    const corrected = correctDetections(stored);
    corrected.forEach((d, i) => {
      if (d.dubious !== stored[i]!.dubious) dubiousChanges.push({ candid: d.candid, dubious: d.dubious });
    });
    const objectMagstats = computeMagstats(oid, corrected, nonDetections.get(oid) ?? [], { ps1: ps1.get(oid) ?? null });
    magstats.push(...objectMagstats);
    objects.push({ oid, ...computeObjectAggregates(corrected, objectMagstats, { references: references.get(oid) ?? [] }) });
  }

  if (dubiousChanges.length > 0) {
    await client.query(
      `UPDATE detection d SET dubious = u.dubious FROM unnest($1::bigint[], $2::boolean[]) AS u(candid, dubious) WHERE d.candid = u.candid`,
      [dubiousChanges.map((c) => c.candid.toString()), dubiousChanges.map((c) => c.dubious)],
    );
  }
  await bulkInsert(
    client,
    "magstat",
    magstatColumns,
    magstats,
    `ON CONFLICT (oid, fid) DO UPDATE SET ${updateFromExcluded(magstatColumns, ["oid", "fid"])}`,
  );
  const set = (Object.keys(objectUpdateColumns) as (keyof ObjectUpdate)[])
    .filter((c) => c !== "oid")
    .map((c) => `"${c}" = u."${c}"`)
    .join(", ");
  const columns = Object.keys(objectUpdateColumns) as (keyof ObjectUpdate)[];
  await client.query(
    `UPDATE object o SET ${set}, updated_at = now()
     FROM unnest(${columns.map((c, i) => `$${i + 1}::${objectUpdateColumns[c]}[]`).join(", ")}) AS u(${columns.map((c) => `"${c}"`).join(", ")})
     WHERE o.oid = u.oid`,
    columns.map((c) => objects.map((o) => o[c])),
  );
}

export const objectStatisticsStep: BatchStep = {
  name: "object-statistics",
  version: INGEST_STEP_ID,
  stage: "batch",
  reads: ["detection", "non_detection", "ps1_ztf", "reference"],
  writes: ["detection.dubious", "magstat", "object"],
  offReason: () => null,
  run: async ({ tx, oids, created }) => {
    await updateObjectStatistics(tx, oids, created);
    return { objects: oids.length };
  },
};
