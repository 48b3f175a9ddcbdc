import { z } from "zod";
import type { Sql } from "../db/sql";
import { type Detection, detectionSchema, getObjectDetections } from "./get-object-detections";
import { getObjectNonDetections, type NonDetection, nonDetectionSchema } from "./get-object-non-detections";

/** Detections and upper limits of an object (ALeRCE's /objects/{oid}/lightcurve). */
export const lightcurveSchema = z.object({ detections: z.array(detectionSchema), non_detections: z.array(nonDetectionSchema) }).strict();

export type ObjectLightcurve = z.infer<typeof lightcurveSchema>;

/** Both readers at once; null when the object is unknown. */
export async function getObjectLightcurve(sql: Sql, oid: string): Promise<ObjectLightcurve | null> {
  const [detections, nonDetections] = await Promise.all([getObjectDetections(sql, oid), getObjectNonDetections(sql, oid)]);
  if (!detections || !nonDetections) return null;
  return { detections, non_detections: nonDetections };
}

/**
 * A detection as the Explorer uses it: light-curve plot, fold, periodogram, stamps picker, SN Hunter
 * card (JSON-safe: candid is a string, it exceeds 2^53). Beyond the plotted values it carries what
 * the period search needs to prepare the light curve exactly as the stored features were
 * (corrected, dubious, rb).
 */
export interface LightcurveDetection {
  candid: string;
  mjd: number;
  fid: number;
  magpsf: number;
  sigmapsf: number;
  /** +1 when the difference is positive (brighter than the reference), −1 when negative. */
  isdiffpos: number;
  hasStamp: boolean;
  /** Apparent (corrected) magnitude; null when the detection could not be corrected. */
  magpsfCorr: number | null;
  sigmapsfCorr: number | null;
  /** Error of magpsfCorr including the reference's extended-source error: ALeRCE's error for stellar objects, set when sigmapsfCorr is not. */
  sigmapsfCorrExt: number | null;
  corrected: boolean;
  dubious: boolean;
  rb: number | null;
}

export interface LightcurveNonDetection {
  mjd: number;
  fid: number;
  diffmaglim: number;
}

/** The Explorer's light curve, time-ordered. */
export interface Lightcurve {
  detections: LightcurveDetection[];
  nonDetections: LightcurveNonDetection[];
}

/** The Explorer's view of the same rows the API serves (one reader for both, ADR 0015). */
export function toExplorerLightcurve(lightcurve: ObjectLightcurve): Lightcurve {
  return {
    detections: lightcurve.detections.map((d: Detection) => ({
      candid: d.candid,
      mjd: d.mjd,
      fid: d.fid,
      magpsf: d.magpsf,
      sigmapsf: d.sigmapsf,
      isdiffpos: d.isdiffpos,
      hasStamp: d.has_stamp,
      magpsfCorr: d.magpsf_corr,
      sigmapsfCorr: d.sigmapsf_corr,
      sigmapsfCorrExt: d.sigmapsf_corr_ext,
      corrected: d.corrected,
      dubious: d.dubious,
      rb: d.rb,
    })),
    nonDetections: lightcurve.non_detections.map((n: NonDetection) => ({ mjd: n.mjd, fid: n.fid, diffmaglim: n.diffmaglim })),
  };
}
