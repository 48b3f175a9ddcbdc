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

/** A detection as the Explorer's light-curve plot takes it (candid as a string: it exceeds 2^53). */
export interface LightcurveDetection {
  candid: string;
  mjd: number;
  fid: number;
  magpsf: number;
  sigmapsf: number;
  isdiffpos: number;
  hasStamp: boolean;
  /** Apparent (corrected) magnitude and its error; null when the detection is not corrected. */
  magpsfCorr: number | null;
  sigmapsfCorr: number | null;
  dubious: boolean;
}

export interface LightcurveNonDetection {
  mjd: number;
  fid: number;
  diffmaglim: number;
}

/** The Explorer's light curve (plot, stamps picker, SN Hunter card). */
export interface Lightcurve {
  detections: LightcurveDetection[];
  nonDetections: LightcurveNonDetection[];
}

/** The Explorer's view of the same rows the API serves. */
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
      dubious: d.dubious,
    })),
    nonDetections: lightcurve.non_detections.map((n: NonDetection) => ({ mjd: n.mjd, fid: n.fid, diffmaglim: n.diffmaglim })),
  };
}
