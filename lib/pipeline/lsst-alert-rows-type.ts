// The rows one LSST alert contributes (lib/lsst/lsst-alert-rows.ts builds them; the LSST batch steps
// read them). Defined beside the steps, like alert-rows-type.ts for ZTF, so the pipeline imports no
// survey module (lib/lsst -> lib/pipeline, never back).
import type { LsstAlert, LsstCutout, LsstDiaSource, LsstForcedSource, LsstSsSource } from "../generated/prisma/client";

export type LsstAlertRow = Omit<LsstAlert, "ingested_at" | "avro"> & { avro: Buffer };
export type LsstCutoutRow = Omit<LsstCutout, "fits"> & { fits: Buffer };

/** The object as this alert sees it; aggregates (first/last mjd, counts) are recomputed from the stored sources. */
export interface LsstObjectSeed {
  oid: string;
  /** Rubin's diaObject position when the alert carries one, else the triggering diaSource's. */
  ra: number;
  dec: number;
  mjd: number;
}

export interface LsstAlertRows {
  /** diaSourceId of the triggering diaSource: the alert's key. */
  alertId: bigint;
  oid: string;
  object: LsstObjectSeed;
  alert: LsstAlertRow;
  diaSources: LsstDiaSource[];
  forcedSources: LsstForcedSource[];
  ssSource: LsstSsSource | null;
  cutouts: LsstCutoutRow[];
  schema: { fingerprint: string; schemaJson: string; recordName: string };
}
