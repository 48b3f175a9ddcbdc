import type { PrismaClient } from "../generated/prisma/client";

/** JSON-safe light curve (candid as a string: it exceeds 2^53). */
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

export interface Lightcurve {
  detections: LightcurveDetection[];
  nonDetections: LightcurveNonDetection[];
}

export async function getObjectLightcurve(prisma: PrismaClient, oid: string): Promise<Lightcurve> {
  const [detections, nonDetections] = await Promise.all([
    prisma.detection.findMany({
      where: { oid },
      select: {
        candid: true,
        mjd: true,
        fid: true,
        magpsf: true,
        sigmapsf: true,
        isdiffpos: true,
        has_stamp: true,
        magpsf_corr: true,
        sigmapsf_corr: true,
        dubious: true,
      },
      orderBy: { mjd: "asc" },
    }),
    prisma.nonDetection.findMany({ where: { oid }, select: { mjd: true, fid: true, diffmaglim: true }, orderBy: { mjd: "asc" } }),
  ]);
  return {
    detections: detections.map((d) => ({
      candid: d.candid.toString(),
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
    nonDetections,
  };
}
