import type { PoolClient } from "pg";
import { type CopyColumnTypes, copyRowsBinary, insertReturningStoredKinds } from "../db/bulk-copy";
import { bulkInsert, type ColumnTypes, uniqueBy, unnestInsert } from "../db/bulk-insert";
import { withTransaction } from "../db/sql";
import type { LsstDiaSource, LsstForcedSource, LsstSsSource } from "../generated/prisma/client";
import type { LsstAlertRow, LsstAlertRows, LsstCutoutRow } from "../pipeline/lsst-alert-rows-type";
import { getDefaultPipeline, type Pipeline, runLsstBatchSteps, type StepOutcomes } from "../pipeline/pipeline";

export const LSST_SURVEY = "lsst";

const F = "double precision" as const;

const alertColumns: ColumnTypes<LsstAlertRow> = {
  dia_source_id: "bigint",
  oid: "text",
  mjd: F,
  schema_version: "text",
  framing: "text",
  schema_fingerprint: "text",
  avro: "bytea",
  source: "text",
  received_at: "timestamptz",
};

const diaSourceColumns: ColumnTypes<LsstDiaSource> = {
  dia_source_id: "bigint",
  oid: "text",
  mjd: F,
  band: "text",
  ra: F,
  dec: F,
  ra_err_deg: F,
  dec_err_deg: F,
  psf_flux_njy: F,
  psf_flux_err_njy: F,
  science_flux_njy: F,
  science_flux_err_njy: F,
  ap_flux_njy: F,
  ap_flux_err_njy: F,
  snr: F,
  is_negative: "boolean",
  reliability: F,
  extendedness: F,
  visit: "bigint",
  detector: "int",
  ss_object_id: "bigint",
  parent_alert_id: "bigint",
};

const forcedSourceColumns: ColumnTypes<LsstForcedSource> = {
  dia_forced_source_id: "bigint",
  oid: "text",
  mjd: F,
  band: "text",
  ra: F,
  dec: F,
  psf_flux_njy: F,
  psf_flux_err_njy: F,
  science_flux_njy: F,
  science_flux_err_njy: F,
  visit: "bigint",
  detector: "int",
};

const ssSourceColumns: ColumnTypes<LsstSsSource> = {
  dia_source_id: "bigint",
  oid: "text",
  ss_object_id: "bigint",
  designation: "text",
  phase_angle_deg: F,
  helio_range_au: F,
  topo_range_au: F,
  eph_v_mag: F,
};

const cutoutColumns: CopyColumnTypes<LsstCutoutRow> = { dia_source_id: "bigint", kind: "text", fits: "bytea" };

interface ObjectSeedRow {
  survey: string;
  oid: string;
  meanra: number;
  meandec: number;
  firstmjd: number;
  lastmjd: number;
  ndet: number;
  nforced: number;
  last_ingested_at: Date;
}
const objectColumns: ColumnTypes<ObjectSeedRow> = {
  survey: "text",
  oid: "text",
  meanra: F,
  meandec: F,
  firstmjd: F,
  lastmjd: F,
  ndet: "int",
  nforced: "int",
  last_ingested_at: "timestamptz",
};

const idKey = (id: bigint) => id.toString().padStart(20, "0");

export interface LsstBatchOutcome {
  /** diaSourceIds of the alerts written now. */
  ingested: Set<bigint>;
  /** Alerts skipped because they were stored already or came twice in the batch. */
  duplicates: number;
  objects: string[];
  steps: StepOutcomes;
}

/**
 * Writes a batch of LSST alerts in one transaction (ADR 0032): the alert, its diaSources (the
 * trigger and prvDiaSources), forced photometry, ssSource and cutouts, keyed by Rubin's 64-bit ids
 * with ON CONFLICT DO NOTHING; survey_object aggregates are recomputed from the stored sources, so
 * replaying a batch changes nothing. Then the pipeline's "lsst-batch" steps run in the same transaction.
 */
export async function persistLsstBatch(
  client: PoolClient,
  batch: readonly LsstAlertRows[],
  pipeline: Pipeline = getDefaultPipeline(),
): Promise<LsstBatchOutcome> {
  const unique = uniqueBy(batch, (r) => idKey(r.alertId));
  if (unique.length === 0) return { ingested: new Set(), duplicates: 0, objects: [], steps: {} };
  return withTransaction(client, async () => {
    const known = await client.query<{ id: string }>(
      "SELECT dia_source_id::text AS id FROM lsst_alert WHERE dia_source_id = ANY($1::bigint[])",
      [unique.map((r) => r.alertId.toString())],
    );
    const stored = new Set(known.rows.map((r) => r.id));
    const fresh = unique.filter((r) => !stored.has(r.alertId.toString()));
    if (fresh.length === 0) return { ingested: new Set(), duplicates: batch.length, objects: [], steps: {} };

    // Seeds: the newest alert's position; counts and times are recomputed below from the stored rows.
    const now = new Date();
    const seeds = uniqueBy(
      fresh.map((r) => r.object),
      (o) => o.oid,
      (a, b) => a.mjd > b.mjd,
    ).map((o): ObjectSeedRow => ({
      survey: LSST_SURVEY,
      oid: o.oid,
      meanra: o.ra,
      meandec: o.dec,
      firstmjd: o.mjd,
      lastmjd: o.mjd,
      ndet: 0,
      nforced: 0,
      last_ingested_at: now,
    }));
    // Locks the batch's objects in oid order (concurrent batches serialise per object, no deadlock).
    await bulkInsert(
      client,
      "survey_object",
      objectColumns,
      seeds,
      `ON CONFLICT (survey, oid) DO UPDATE SET
        meanra = CASE WHEN excluded.lastmjd >= survey_object.lastmjd THEN excluded.meanra ELSE survey_object.meanra END,
        meandec = CASE WHEN excluded.lastmjd >= survey_object.lastmjd THEN excluded.meandec ELSE survey_object.meandec END,
        last_ingested_at = excluded.last_ingested_at`,
    );

    for (const schema of uniqueBy(
      fresh.map((r) => r.schema),
      (s) => s.fingerprint,
    )) {
      await client.query(
        "INSERT INTO alert_schema (fingerprint, record_name, schema_json) VALUES ($1, $2, $3) ON CONFLICT (fingerprint) DO NOTHING",
        [schema.fingerprint, schema.recordName, schema.schemaJson],
      );
    }
    // Only cutouts missing for the alerts inserted now are copied (insertReturningStoredKinds); COPY
    // sends each cutout's bytes as they are (ADR 0051).
    const insertAlerts = unnestInsert(
      "lsst_alert",
      alertColumns,
      fresh.map((r) => r.alert),
      "ON CONFLICT (dia_source_id) DO NOTHING RETURNING dia_source_id",
    );
    const storedKinds = await insertReturningStoredKinds(client, insertAlerts, "dia_source_id", "lsst_cutout");
    await copyRowsBinary(
      client,
      "lsst_cutout",
      cutoutColumns,
      fresh.flatMap((r) => r.cutouts).filter((c) => storedKinds.get(c.dia_source_id.toString())?.has(c.kind) === false),
    );
    // A source's own alert (parent_alert_id null) wins over a copy seen in a later alert's history;
    // among copies the earliest alert's wins, whatever the arrival order.
    const rank = (s: LsstDiaSource) => s.parent_alert_id ?? -1n;
    const diaSources = uniqueBy(
      fresh.flatMap((r) => r.diaSources),
      (s) => idKey(s.dia_source_id),
      (a, b) => rank(a) < rank(b),
    );
    await bulkInsert(
      client,
      "lsst_dia_source",
      diaSourceColumns,
      diaSources,
      `ON CONFLICT (dia_source_id) DO UPDATE SET parent_alert_id = excluded.parent_alert_id
       WHERE lsst_dia_source.parent_alert_id IS NOT NULL
         AND (excluded.parent_alert_id IS NULL OR excluded.parent_alert_id < lsst_dia_source.parent_alert_id)`,
    );
    await bulkInsert(
      client,
      "lsst_forced_source",
      forcedSourceColumns,
      uniqueBy(
        fresh.flatMap((r) => r.forcedSources),
        (s) => idKey(s.dia_forced_source_id),
      ),
      "ON CONFLICT (dia_forced_source_id) DO NOTHING",
    );
    await bulkInsert(
      client,
      "lsst_ss_source",
      ssSourceColumns,
      fresh.flatMap((r) => (r.ssSource ? [r.ssSource] : [])),
      "ON CONFLICT (dia_source_id) DO NOTHING",
    );

    const oids = seeds.map((s) => s.oid);
    await client.query(
      `UPDATE survey_object o SET firstmjd = s.firstmjd, lastmjd = s.lastmjd, ndet = s.ndet,
         nforced = (SELECT count(*) FROM lsst_forced_source f WHERE f.oid = o.oid)
       FROM (SELECT oid, min(mjd) AS firstmjd, max(mjd) AS lastmjd, count(*)::int AS ndet
             FROM lsst_dia_source WHERE oid = ANY($1::text[]) GROUP BY oid) s
       WHERE o.survey = $2 AND o.oid = s.oid`,
      [oids, LSST_SURVEY],
    );
    const steps = await runLsstBatchSteps(pipeline, { tx: client, alerts: fresh, oids });
    return { ingested: new Set(fresh.map((r) => r.alertId)), duplicates: batch.length - fresh.length, objects: oids, steps };
  });
}
