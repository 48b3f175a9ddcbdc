// The rows one alert contributes to the database: what lib/ingest/alert-rows.ts builds from a
// decoded alert and what the pipeline's batch steps read. Defined here, beside the steps, so the
// pipeline depends on no ingest module (lib/ingest -> lib/pipeline, never back).
import type {
  AlertPacket,
  AstroObject,
  Cutout,
  Dataquality,
  Detection,
  ForcedPhotometry,
  GaiaZtf,
  NonDetection,
  Ps1Ztf,
  Reference,
  SsZtf,
} from "../generated/prisma/client";

export type ObjectSeedRow = Omit<AstroObject, "created_at" | "updated_at">;
export type PacketRow = Omit<AlertPacket, "ingested_at" | "avro"> & { avro: Buffer };
export type CutoutRow = Omit<Cutout, "stamp_data"> & { stamp_data: Buffer };

/** Everything one alert contributes to the database, before correction and aggregation. */
export interface AlertRows {
  oid: string;
  candid: bigint;
  object: ObjectSeedRow;
  detections: Detection[];
  nonDetections: NonDetection[];
  forcedPhotometry: ForcedPhotometry[];
  dataquality: Dataquality;
  reference: Reference | null;
  ps1: Ps1Ztf;
  ss: SsZtf;
  gaia: GaiaZtf;
  packet: PacketRow;
  cutouts: CutoutRow[];
  schema: { fingerprint: string; schemaJson: string };
  /** prv_candidates that are neither a usable detection nor an upper limit (kept in the raw packet). */
  prvUnusable: number;
  /**
   * The stamp classifier's input tensor [21,21,3], made ahead on the decode thread when the ingest
   * classifies (null: no three decodable FITS cutouts; undefined: not made).
   */
  stampTensor?: Float32Array | null;
}
