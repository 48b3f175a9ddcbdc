import type { LsstDiaSource as DiaSourceRow, LsstForcedSource as ForcedSourceRow } from "../generated/prisma/client";
import type { LsstAlertRows, LsstCutoutRow } from "../pipeline/lsst-alert-rows-type";
import type { LsstDiaSource, LsstForcedSource } from "./lsst-alert";
import { packLsstCutout } from "./lsst-cutout-storage";
import type { DecodedLsstAlert } from "./read-lsst-alerts";

export type { LsstAlertRows } from "../pipeline/lsst-alert-rows-type";

/** An alert whose rows cannot be built (no object id, no band): rejected with this reason. */
export class LsstRowsError extends Error {
  override readonly name = "LsstRowsError";
}

/**
 * The object an alert belongs to: its diaObjectId (on the diaSource from schema 7, on the diaObject
 * record in older samples); a solar-system source without a diaObject is keyed by its ssObjectId.
 */
function objectIdOf(decoded: DecodedLsstAlert): string {
  const { diaSource, diaObject } = decoded.alert;
  const id = diaSource.diaObjectId ?? diaObject?.diaObjectId ?? null;
  if (id !== null) return id.toString();
  if (diaSource.ssObjectId !== null) return `ss${diaSource.ssObjectId.toString()}`;
  throw new LsstRowsError(`LSST alert ${diaSource.diaSourceId}: no diaObjectId and no ssObjectId, so no object to attach it to`);
}

function diaSourceRow(source: LsstDiaSource, oid: string, parentAlertId: bigint | null): DiaSourceRow | null {
  if (source.band === null) return null;
  return {
    dia_source_id: source.diaSourceId,
    oid,
    mjd: source.midpointMjdTai,
    band: source.band,
    ra: source.ra,
    dec: source.dec,
    ra_err_deg: source.raErr,
    dec_err_deg: source.decErr,
    psf_flux_njy: source.psfFlux,
    psf_flux_err_njy: source.psfFluxErr,
    science_flux_njy: source.scienceFlux,
    science_flux_err_njy: source.scienceFluxErr,
    ap_flux_njy: source.apFlux,
    ap_flux_err_njy: source.apFluxErr,
    snr: source.snr,
    is_negative: source.isNegative,
    reliability: source.reliability,
    extendedness: source.extendedness,
    visit: source.visit,
    detector: source.detector,
    ss_object_id: source.ssObjectId,
    parent_alert_id: parentAlertId,
  };
}

function forcedSourceRow(source: LsstForcedSource, oid: string): ForcedSourceRow | null {
  if (source.band === null) return null;
  return {
    dia_forced_source_id: source.diaForcedSourceId,
    oid,
    mjd: source.midpointMjdTai,
    band: source.band,
    ra: source.ra,
    dec: source.dec,
    psf_flux_njy: source.psfFlux,
    psf_flux_err_njy: source.psfFluxErr,
    science_flux_njy: source.scienceFlux,
    science_flux_err_njy: source.scienceFluxErr,
    visit: source.visit,
    detector: source.detector,
  };
}

/** Everything one decoded LSST alert contributes to the database. */
export function lsstAlertRows(decoded: DecodedLsstAlert, source: string, receivedAt: Date): LsstAlertRows {
  const { alert } = decoded;
  const trigger = alert.diaSource;
  if (trigger.band === null) throw new LsstRowsError(`LSST alert ${trigger.diaSourceId}: the triggering diaSource has no band`);
  const oid = objectIdOf(decoded);
  const alertId = trigger.diaSourceId;
  const diaSources = [diaSourceRow(trigger, oid, null), ...alert.prvDiaSources.map((s) => diaSourceRow(s, oid, alertId))].filter(
    (row): row is DiaSourceRow => row !== null,
  );
  const cutouts: LsstCutoutRow[] = [];
  for (const kind of ["science", "template", "difference"] as const) {
    const fits = alert.cutouts[kind];
    // Stored gzipped (lsst-cutout-storage.ts); built here, in the decode thread.
    if (fits) cutouts.push({ dia_source_id: alertId, kind, fits: packLsstCutout(fits) });
  }
  const ss = alert.ssSource;
  return {
    alertId,
    oid,
    object: {
      oid,
      ra: alert.diaObject?.ra ?? trigger.ra,
      dec: alert.diaObject?.dec ?? trigger.dec,
      mjd: trigger.midpointMjdTai,
    },
    alert: {
      dia_source_id: alertId,
      oid,
      mjd: trigger.midpointMjdTai,
      schema_version: alert.schemaVersion,
      framing: decoded.framing,
      schema_fingerprint: decoded.schemaFingerprint,
      avro: decoded.recordWithoutCutouts,
      source,
      received_at: receivedAt,
    },
    diaSources,
    forcedSources: alert.prvDiaForcedSources.map((s) => forcedSourceRow(s, oid)).filter((row): row is ForcedSourceRow => row !== null),
    ssSource: ss
      ? {
          dia_source_id: alertId,
          oid,
          ss_object_id: ss.ssObjectId ?? trigger.ssObjectId,
          designation: ss.designation,
          phase_angle_deg: ss.phaseAngle,
          helio_range_au: ss.helioRange,
          topo_range_au: ss.topoRange,
          eph_v_mag: ss.ephVmag,
        }
      : null,
    cutouts,
    schema: {
      fingerprint: decoded.schemaFingerprint,
      schemaJson: decoded.schemaJson,
      recordName: `lsst.v${alert.schemaVersion.replace(".", "_")}.alert`,
    },
  };
}
