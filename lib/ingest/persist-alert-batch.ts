import type { PoolClient } from "pg";
import type {
  Dataquality,
  Detection,
  ForcedPhotometry,
  GaiaZtf,
  IngestedFile,
  NonDetection,
  Ps1Ztf,
  Reference,
  SsZtf,
} from "../generated/prisma/client";
import { type CopyColumnTypes, copyRowsBinary, insertReturningStoredKinds } from "../db/bulk-copy";
import {
  bulkInsert,
  bulkInsertReturning,
  type ColumnTypes,
  preparedQuery,
  uniqueBy,
  unnestInsert,
  updateFromExcluded,
} from "../db/bulk-insert";
import type { AlertRows, CutoutRow, ObjectSeedRow, PacketRow } from "./alert-rows";
import { withTransaction } from "../db/sql";
import { getDefaultPipeline, type Pipeline, runBatchSteps, type StepOutcomes } from "../pipeline/pipeline";
import type { CreatedObjects } from "../pipeline/step";

const F = "double precision" as const;

const objectColumns: ColumnTypes<ObjectSeedRow> = {
  oid: "text",
  ndethist: "int",
  ncovhist: "int",
  mjdstarthist: F,
  mjdendhist: F,
  corrected: "boolean",
  stellar: "boolean",
  ndet: "int",
  g_r_max: F,
  g_r_max_corr: F,
  g_r_mean: F,
  g_r_mean_corr: F,
  meanra: F,
  meandec: F,
  sigmara: F,
  sigmadec: F,
  deltajd: F,
  firstmjd: F,
  lastmjd: F,
  step_id_corr: "text",
  diffpos: "boolean",
  reference_change: "boolean",
  last_alert_mjd: F,
  last_ingested_at: "timestamptz",
};

const detectionColumns: ColumnTypes<Detection> = {
  candid: "bigint",
  oid: "text",
  mjd: F,
  fid: "int",
  pid: "bigint",
  diffmaglim: F,
  isdiffpos: "int",
  nid: "int",
  ra: F,
  dec: F,
  magpsf: F,
  sigmapsf: F,
  magap: F,
  sigmagap: F,
  distnr: F,
  magnr: F,
  sigmagnr: F,
  chinr: F,
  sharpnr: F,
  rb: F,
  rbversion: "text",
  drb: F,
  drbversion: "text",
  magapbig: F,
  sigmagapbig: F,
  rfid: "bigint",
  magpsf_corr: F,
  sigmapsf_corr: F,
  sigmapsf_corr_ext: F,
  corrected: "boolean",
  dubious: "boolean",
  parent_candid: "bigint",
  has_stamp: "boolean",
  step_id_corr: "text",
};

const nonDetectionColumns: ColumnTypes<NonDetection> = { oid: "text", fid: "int", mjd: F, diffmaglim: F };

const forcedPhotometryColumns: ColumnTypes<ForcedPhotometry> = {
  oid: "text",
  pid: "bigint",
  mjd: F,
  fid: "int",
  field: "int",
  rcid: "int",
  rfid: "bigint",
  sciinpseeing: F,
  scibckgnd: F,
  scisigpix: F,
  magzpsci: F,
  magzpsciunc: F,
  magzpscirms: F,
  clrcoeff: F,
  clrcounc: F,
  exptime: F,
  adpctdif1: F,
  adpctdif2: F,
  diffmaglim: F,
  programid: "int",
  procstatus: "text",
  forcediffimflux: F,
  forcediffimfluxunc: F,
  distnr: F,
  ranr: F,
  decnr: F,
  magnr: F,
  sigmagnr: F,
  chinr: F,
  sharpnr: F,
  mag: F,
  e_mag: F,
  isdiffpos: "int",
  mag_corr: F,
  e_mag_corr: F,
  e_mag_corr_ext: F,
  corrected: "boolean",
  dubious: "boolean",
  parent_candid: "bigint",
};

const dataqualityColumns: ColumnTypes<Dataquality> = {
  candid: "bigint",
  oid: "text",
  fid: "int",
  xpos: F,
  ypos: F,
  chipsf: F,
  sky: F,
  fwhm: F,
  classtar: F,
  mindtoedge: F,
  seeratio: F,
  aimage: F,
  bimage: F,
  aimagerat: F,
  bimagerat: F,
  nneg: "int",
  nbad: "int",
  sumrat: F,
  scorr: F,
  dsnrms: F,
  ssnrms: F,
  magzpsci: F,
  magzpsciunc: F,
  magzpscirms: F,
  nmatches: "int",
  clrcoeff: F,
  clrcounc: F,
  zpclrcov: F,
  zpmed: F,
  clrmed: F,
  clrrms: F,
  exptime: F,
};

const referenceColumns: ColumnTypes<Reference> = {
  oid: "text",
  rfid: "bigint",
  candid: "bigint",
  fid: "int",
  rcid: "int",
  field: "int",
  magnr: F,
  sigmagnr: F,
  chinr: F,
  sharpnr: F,
  ra: F,
  dec: F,
  mjdstartref: F,
  mjdendref: F,
  nframesref: "int",
};

const ps1Columns: ColumnTypes<Ps1Ztf> = {
  oid: "text",
  candid: "bigint",
  objectidps1: "bigint",
  sgmag1: F,
  srmag1: F,
  simag1: F,
  szmag1: F,
  sgscore1: F,
  distpsnr1: F,
  objectidps2: "bigint",
  sgmag2: F,
  srmag2: F,
  simag2: F,
  szmag2: F,
  sgscore2: F,
  distpsnr2: F,
  objectidps3: "bigint",
  sgmag3: F,
  srmag3: F,
  simag3: F,
  szmag3: F,
  sgscore3: F,
  distpsnr3: F,
  nmtchps: "int",
  unique1: "boolean",
  unique2: "boolean",
  unique3: "boolean",
};

const ssColumns: ColumnTypes<SsZtf> = { oid: "text", candid: "bigint", ssdistnr: F, ssmagnr: F, ssnamenr: "text" };

const gaiaColumns: ColumnTypes<GaiaZtf> = {
  oid: "text",
  candid: "bigint",
  neargaia: F,
  neargaiabright: F,
  maggaia: F,
  maggaiabright: F,
  unique1: "boolean",
};

const packetColumns: ColumnTypes<PacketRow> = {
  candid: "bigint",
  oid: "text",
  mjd: F,
  schemavsn: "text",
  schema_fingerprint: "text",
  avro: "bytea",
  cutouts_stripped: "boolean",
  source: "text",
  received_at: "timestamptz",
};

// Binary COPY sends an enum as its label, like text.
const cutoutColumns: CopyColumnTypes<CutoutRow> = { candid: "bigint", kind: "text", file_name: "text", stamp_data: "bytea" };

export type IngestedFileRow = Omit<IngestedFile, "ingested_at">;
const ingestedFileColumns: ColumnTypes<IngestedFileRow> = {
  sha256: "text",
  source: "text",
  bytes: "int",
  alerts_read: "int",
  alerts_ingested: "int",
  alerts_duplicate: "int",
  alerts_rejected: "int",
};

const candidKey = (row: { candid: bigint }) => row.candid.toString().padStart(20, "0");
/** Lower is preferred: the alert's own candidate, then the copy from the earliest alert. */
const detectionRank = (d: { parent_candid: bigint | null }) => d.parent_candid ?? -1n;

export interface BatchOutcome {
  /** candids written now. */
  ingested: Set<bigint>;
  /** Alerts of the batch skipped because their candid was stored already or came twice in the batch. */
  duplicates: number;
  objects: string[];
  /** Counters of the pipeline's batch steps that ran (by step name). */
  steps: StepOutcomes;
}

/**
 * Writes a batch of alerts in one transaction: either every row of the batch lands or none does,
 * so a crash mid-batch is repaired by replaying it. Keys are candid / (oid, ...) with ON CONFLICT,
 * object aggregates are recomputed from the rows, so replaying a batch changes nothing.
 * After the rows, the pipeline's batch steps (PIPELINE_STEPS, lib/pipeline/steps.ts) run in the same
 * transaction over the batch's objects.
 */
export async function persistAlertBatch(
  client: PoolClient,
  batch: readonly AlertRows[],
  files: readonly IngestedFileRow[] = [],
  pipeline: Pipeline = getDefaultPipeline(),
): Promise<BatchOutcome> {
  const unique = uniqueBy(batch, candidKey);
  return withTransaction(client, async () => {
    const known = await client.query<{ candid: string }>("SELECT candid::text FROM alert_packet WHERE candid = ANY($1::bigint[])", [
      unique.map((r) => r.candid.toString()),
    ]);
    const stored = new Set(known.rows.map((r) => r.candid));
    const fresh = unique.filter((r) => !stored.has(r.candid.toString()));

    // Newest alert first; alerts of one epoch (a re-serialised copy re-sent later) by their history,
    // which only grows: the order of arrival must not decide which "hist" values stay.
    type HistOrder = { lastmjd: number; last_alert_mjd: number | null; ndethist: number | null; ncovhist: number | null };
    const histKey = (o: HistOrder) => [o.last_alert_mjd ?? o.lastmjd, o.ndethist ?? -1, o.ncovhist ?? -1];
    const newestFirst = (a: HistOrder, b: HistOrder) => {
      const [x, y] = [histKey(a), histKey(b)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! > y[i]!;
      return false;
    };
    const now = new Date();
    const objects = uniqueBy(
      fresh.map((r) => r.object),
      (o) => o.oid,
      newestFirst,
    ).map((o) => ({ ...o, last_ingested_at: now }));
    // Locks the batch's objects in oid order (concurrent workers serialise per object, no deadlock);
    // the "hist" fields come from the newest alert whatever the arrival order.
    const newer = `(excluded.last_alert_mjd, coalesce(excluded.ndethist, -1), coalesce(excluded.ncovhist, -1))
      >= (coalesce(object.last_alert_mjd, '-infinity'), coalesce(object.ndethist, -1), coalesce(object.ncovhist, -1))`;
    // RETURNING tells which objects this batch created: xmax = 0 on a row the upsert inserted (an
    // updated row carries this transaction's id). Those objects have no rows but the batch's, so the
    // pipeline's steps compute them from the batch instead of reading them back (CreatedObjects).
    const upserted = await bulkInsertReturning<ObjectSeedRow, { oid: string; created: boolean }>(
      client,
      "object",
      objectColumns,
      objects,
      `ON CONFLICT (oid) DO UPDATE SET
      ndethist = CASE WHEN ${newer} THEN excluded.ndethist ELSE object.ndethist END,
      ncovhist = CASE WHEN ${newer} THEN excluded.ncovhist ELSE object.ncovhist END,
      mjdstarthist = CASE WHEN ${newer} THEN excluded.mjdstarthist ELSE object.mjdstarthist END,
      mjdendhist = CASE WHEN ${newer} THEN excluded.mjdendhist ELSE object.mjdendhist END,
      last_alert_mjd = greatest(object.last_alert_mjd, excluded.last_alert_mjd),
      last_ingested_at = excluded.last_ingested_at
    RETURNING oid, (xmax = 0) AS created`,
    );
    const createdOids = new Set(upserted.filter((o) => o.created).map((o) => o.oid));

    const schemas = uniqueBy(
      fresh.map((r) => r.schema),
      (s) => s.fingerprint,
    );
    for (const schema of schemas) {
      const recordName = (JSON.parse(schema.schemaJson) as { name?: string }).name ?? "unknown";
      await client.query(
        "INSERT INTO alert_schema (fingerprint, record_name, schema_json) VALUES ($1, $2, $3) ON CONFLICT (fingerprint) DO NOTHING",
        [schema.fingerprint, recordName, schema.schemaJson],
      );
    }
    // What this batch inserted, not what it read as new: a concurrent batch holding the same candid
    // (the same alert in two files) waits here for the other's commit, then inserts nothing. Only
    // cutouts missing for the packets inserted now are copied (insertReturningStoredKinds: cutouts can
    // outlive their packet, as after TRUNCATE alert_packet; ADR 0052).
    const insertPackets = unnestInsert(
      "alert_packet",
      packetColumns,
      fresh.map((r) => r.packet),
      "ON CONFLICT (candid) DO NOTHING RETURNING candid",
    );
    const storedKinds =
      fresh.length === 0 ? new Map<string, Set<string>>() : await insertReturningStoredKinds(client, insertPackets, "candid", "cutout");
    await copyRowsBinary(
      client,
      "cutout",
      cutoutColumns,
      fresh.flatMap((r) => r.cutouts).filter((c) => storedKinds.get(c.candid.toString())?.has(c.kind) === false),
    );

    // An alert's own candidate (parent_candid null) replaces the same detection seen as a prv_candidate;
    // among prv copies the one from the earliest alert (smallest candid) wins: arrival order does not matter.
    const detections = uniqueBy(
      fresh.flatMap((r) => r.detections),
      candidKey,
      (a, b) => detectionRank(a) < detectionRank(b),
    );
    // Also counts the rows written per object (inserted, or updated by the WHERE below), so that a
    // created object whose detections all landed as built can be computed from the batch (CreatedObjects).
    const detectionUpsert = unnestInsert(
      "detection",
      detectionColumns,
      detections,
      `ON CONFLICT (candid) DO UPDATE SET
      ${updateFromExcluded(detectionColumns, ["candid"])}
      WHERE detection.parent_candid IS NOT NULL
        AND (excluded.parent_candid IS NULL OR excluded.parent_candid < detection.parent_candid)
      RETURNING oid`,
    );
    const writtenPerObject =
      detections.length === 0
        ? []
        : (
            await preparedQuery<{ oid: string; n: number }>(
              client,
              `WITH written AS (${detectionUpsert.sql}) SELECT oid, count(*)::int AS n FROM written GROUP BY oid`,
              detectionUpsert.params,
            )
          ).rows;
    const nonDetections = uniqueBy(
      fresh.flatMap((r) => r.nonDetections),
      (n) => `${n.oid}|${n.fid}|${n.mjd}`,
    );
    await bulkInsert(client, "non_detection", nonDetectionColumns, nonDetections, "ON CONFLICT (oid, fid, mjd) DO NOTHING");
    const forced = uniqueBy(
      fresh.flatMap((r) => r.forcedPhotometry),
      (f) => `${f.oid}|${f.pid}`,
    );
    await bulkInsert(client, "forced_photometry", forcedPhotometryColumns, forced, "ON CONFLICT (oid, pid) DO NOTHING");

    await bulkInsert(
      client,
      "dataquality",
      dataqualityColumns,
      fresh.map((r) => r.dataquality),
      "ON CONFLICT (candid) DO NOTHING",
    );
    const references = uniqueBy(
      fresh.flatMap((r) => (r.reference ? [r.reference] : [])),
      (x) => `${x.oid}|${x.rfid}`,
    );
    await bulkInsert(client, "reference", referenceColumns, references, "ON CONFLICT (oid, rfid) DO NOTHING");
    const ps1 = fresh.map((r) => r.ps1);
    await bulkInsert(client, "ps1_ztf", ps1Columns, ps1, "ON CONFLICT (oid, candid) DO NOTHING");
    const newestCandid = (a: { candid: bigint }, b: { candid: bigint }) => a.candid > b.candid;
    const ss = uniqueBy(
      fresh.map((r) => r.ss),
      (s) => s.oid,
      newestCandid,
    );
    await bulkInsert(
      client,
      "ss_ztf",
      ssColumns,
      ss,
      `ON CONFLICT (oid) DO UPDATE SET ${updateFromExcluded(ssColumns, ["oid"])}
      WHERE excluded.candid > ss_ztf.candid`,
    );
    const gaia = uniqueBy(
      fresh.map((r) => r.gaia),
      (g) => g.oid,
      newestCandid,
    );
    await bulkInsert(
      client,
      "gaia_ztf",
      gaiaColumns,
      gaia,
      `ON CONFLICT (oid) DO UPDATE SET ${updateFromExcluded(gaiaColumns, ["oid"])}
      WHERE excluded.candid > gaia_ztf.candid`,
    );

    const oids = objects.map((o) => o.oid);
    // The rows as written, for the objects created now. A created object whose detections did not all
    // land as built (a candid stored before under another object and kept there by the WHERE above)
    // is left out: the steps read it from the database.
    const builtPerObject = new Map<string, number>();
    for (const d of detections) builtPerObject.set(d.oid, (builtPerObject.get(d.oid) ?? 0) + 1);
    const landedWhole = new Set(writtenPerObject.filter((w) => w.n === builtPerObject.get(w.oid)).map((w) => w.oid));
    const created: CreatedObjects = {
      oids: new Set([...createdOids].filter((oid) => landedWhole.has(oid))),
      detections,
      nonDetections,
      ps1,
      references,
    };
    const steps = await runBatchSteps(pipeline, { tx: client, alerts: fresh, oids, created });
    await bulkInsert(
      client,
      "ingested_file",
      ingestedFileColumns,
      uniqueBy(files, (f) => f.sha256),
      "ON CONFLICT (sha256) DO NOTHING",
    );
    return {
      ingested: new Set([...storedKinds.keys()].map((candid) => BigInt(candid))),
      duplicates: batch.length - storedKinds.size,
      objects: oids,
      steps,
    };
  });
}
