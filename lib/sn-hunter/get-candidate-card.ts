import { getObjectLightcurve, type Lightcurve } from "../objects/get-object-lightcurve";
import type { Db } from "../server/db";
import { getVoteSummary, type VoteSummary } from "./get-vote-summary";

export interface CandidateDetection {
  candid: string;
  mjd: number;
  fid: number;
  magpsf: number;
  sigmapsf: number;
  raDeg: number;
  decDeg: number;
  isdiffpos: number;
  rb: number | null;
  drb: number | null;
  hasStamp: boolean;
}

export interface CandidateCard {
  oid: string;
  raDeg: number;
  decDeg: number;
  ndet: number;
  firstDetection: CandidateDetection;
  /** The first alert carrying stamps (what the stamp classifier saw); often the first detection. */
  stampAlert: (CandidateDetection & { fwhmPix: number | null }) | null;
  ps1: { sgscore1: number | null; distpsnr1Arcsec: number | null; srmag1: number | null } | null;
  gaia: { neargaiaArcsec: number | null; maggaia: number | null } | null;
  solarSystem: { ssnamenr: string | null; ssdistnrArcsec: number | null; ssmagnr: number | null } | null;
  stampProbabilities: { className: string; probability: number; ranking: number }[];
  lightcurve: Lightcurve;
  votes: VoteSummary;
  /** AT reports TNS accepted for this object. */
  tnsSubmissions: { endpoint: string; submittedAt: Date; by: string }[];
}

function toDetection(d: {
  candid: bigint;
  mjd: number;
  fid: number;
  magpsf: number;
  sigmapsf: number;
  ra: number;
  dec: number;
  isdiffpos: number;
  rb: number | null;
  drb: number | null;
  has_stamp: boolean;
}): CandidateDetection {
  return {
    candid: d.candid.toString(),
    mjd: d.mjd,
    fid: d.fid,
    magpsf: d.magpsf,
    sigmapsf: d.sigmapsf,
    raDeg: d.ra,
    decDeg: d.dec,
    isdiffpos: d.isdiffpos,
    rb: d.rb,
    drb: d.drb,
    hasStamp: d.has_stamp,
  };
}

const DETECTION_FIELDS = {
  candid: true,
  mjd: true,
  fid: true,
  magpsf: true,
  sigmapsf: true,
  ra: true,
  dec: true,
  isdiffpos: true,
  rb: true,
  drb: true,
  has_stamp: true,
} as const;

/** Everything the review card shows for one object, or null when the object is unknown. */
export async function getCandidateCard(db: Db, oid: string, userId?: string): Promise<CandidateCard | null> {
  const { prisma } = db;
  const object = await prisma.astroObject.findUnique({ where: { oid }, select: { oid: true, meanra: true, meandec: true, ndet: true } });
  if (!object) return null;
  const [first, stamped, gaia, ss, probabilities, lightcurve, votes] = await Promise.all([
    prisma.detection.findFirst({ where: { oid }, orderBy: [{ mjd: "asc" }, { candid: "asc" }], select: DETECTION_FIELDS }),
    prisma.detection.findFirst({ where: { oid, has_stamp: true }, orderBy: [{ mjd: "asc" }, { candid: "asc" }], select: DETECTION_FIELDS }),
    prisma.gaiaZtf.findUnique({ where: { oid }, select: { neargaia: true, maggaia: true } }),
    prisma.ssZtf.findUnique({ where: { oid }, select: { ssnamenr: true, ssdistnr: true, ssmagnr: true } }),
    prisma.probability.findMany({
      where: { oid, classifier_name: "stamp_classifier" },
      orderBy: [{ classifier_version: "desc" }, { ranking: "asc" }],
      select: { class_name: true, probability: true, ranking: true, classifier_version: true },
    }),
    getObjectLightcurve(prisma, oid),
    getVoteSummary(db.pool, oid, userId),
  ]);
  if (!first) return null;
  const alertCandid = stamped?.candid ?? first.candid;
  const [ps1, quality, submissions] = await Promise.all([
    prisma.ps1Ztf.findFirst({
      where: { oid },
      orderBy: { candid: "asc" },
      select: { sgscore1: true, distpsnr1: true, srmag1: true, candid: true },
    }),
    prisma.dataquality.findUnique({ where: { candid: alertCandid }, select: { fwhm: true } }),
    prisma.tnsSubmission.findMany({
      where: { oid },
      orderBy: { submitted_at: "asc" },
      select: { endpoint: true, submitted_at: true, user: { select: { display_name: true } } },
    }),
  ]);
  const newestVersion = probabilities[0]?.classifier_version;
  return {
    oid,
    raDeg: object.meanra,
    decDeg: object.meandec,
    ndet: object.ndet,
    firstDetection: toDetection(first),
    stampAlert: stamped ? { ...toDetection(stamped), fwhmPix: quality?.fwhm ?? null } : null,
    ps1: ps1 ? { sgscore1: ps1.sgscore1, distpsnr1Arcsec: ps1.distpsnr1, srmag1: ps1.srmag1 } : null,
    gaia: gaia ? { neargaiaArcsec: gaia.neargaia, maggaia: gaia.maggaia } : null,
    solarSystem: ss ? { ssnamenr: ss.ssnamenr, ssdistnrArcsec: ss.ssdistnr, ssmagnr: ss.ssmagnr } : null,
    stampProbabilities: probabilities
      .filter((p) => p.classifier_version === newestVersion)
      .map((p) => ({ className: p.class_name, probability: p.probability, ranking: p.ranking })),
    lightcurve,
    votes,
    tnsSubmissions: submissions.map((t) => ({ endpoint: t.endpoint, submittedAt: t.submitted_at, by: t.user.display_name })),
  };
}
