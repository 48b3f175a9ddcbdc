import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { getObject } from "../objects/get-object";
import type { Detection } from "../objects/get-object-detections";
import { getObjectLightcurve, type Lightcurve, toExplorerLightcurve } from "../objects/get-object-lightcurve";
import { getObjectProbabilities } from "../objects/get-object-probabilities";
import { getHostContext, type HostContext } from "./get-host-context";
import { getTriageFlags } from "./get-triage-facts";
import type { TriageFlag } from "./triage-flags";
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
  /** Every detection with stamps (the object's alerts), oldest first: the card offers them all. */
  stampedDetections: CandidateDetection[];
  /** Warnings before voting (PS1 star, bright star, known variable/AGN, asteroid, negative/dipole, low real/bogus). */
  flags: TriageFlag[];
  /** Nearest galaxy and TNS name from the loaded catalogs. */
  host: HostContext;
  ps1: { sgscore1: number | null; distpsnr1Arcsec: number | null; srmag1: number | null } | null;
  gaia: { neargaiaArcsec: number | null; maggaia: number | null } | null;
  solarSystem: { ssnamenr: string | null; ssdistnrArcsec: number | null; ssmagnr: number | null } | null;
  stampProbabilities: { className: string; probability: number; ranking: number }[];
  lightcurve: Lightcurve;
  votes: VoteSummary;
  /** AT reports TNS accepted for this object. */
  tnsSubmissions: { endpoint: string; submittedAt: Date; by: string }[];
}

function toDetection(d: Detection): CandidateDetection {
  return {
    candid: d.candid,
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

const STAMP_CLASSIFIER = "stamp_classifier";

/** Everything the review card shows for one object, or null when the object is unknown. */
export async function getCandidateCard(sql: Sql, oid: string, userId?: string): Promise<CandidateCard | null> {
  const [object, lightcurve, gaia, ss, ps1, probabilities, submissions, votes, flags] = await Promise.all([
    getObject(sql, oid),
    getObjectLightcurve(sql, oid),
    queryRows<{ neargaia: number | null; maggaia: number | null }>(sql, "select neargaia, maggaia from gaia_ztf where oid = $1", [oid]),
    queryRows<{ ssnamenr: string | null; ssdistnr: number | null; ssmagnr: number | null }>(
      sql,
      "select ssnamenr, ssdistnr, ssmagnr from ss_ztf where oid = $1",
      [oid],
    ),
    queryRows<{ sgscore1: number | null; distpsnr1: number | null; srmag1: number | null }>(
      sql,
      "select sgscore1, distpsnr1, srmag1 from ps1_ztf where oid = $1 order by candid limit 1",
      [oid],
    ),
    getObjectProbabilities(sql, oid, { classifier: STAMP_CLASSIFIER }),
    queryRows<{ endpoint: string; submitted_at: Date; display_name: string }>(
      sql,
      `select t.endpoint, t.submitted_at, u.display_name from tns_submission t join app_user u on u.id = t.user_id
        where t.oid = $1 order by t.submitted_at`,
      [oid],
    ),
    getVoteSummary(sql, oid, userId),
    getTriageFlags(sql, [oid]),
  ]);
  if (!object || !lightcurve) return null;
  // Detections come oldest first (mjd, candid).
  const first = lightcurve.detections[0];
  if (!first) return null;
  const stampedDetections = lightcurve.detections.filter((d) => d.has_stamp);
  const stamped = stampedDetections[0];
  const [quality, host] = await Promise.all([
    queryRows<{ fwhm: number | null }>(sql, "select fwhm from dataquality where candid = $1", [(stamped ?? first).candid]),
    getHostContext(sql, object.meanra, object.meandec),
  ]);
  const newestVersion = (probabilities ?? []).reduce<string | undefined>(
    (newest, p) => (newest === undefined || p.classifier_version > newest ? p.classifier_version : newest),
    undefined,
  );
  const ps1Row = ps1[0];
  const gaiaRow = gaia[0];
  const ssRow = ss[0];
  return {
    oid,
    raDeg: object.meanra,
    decDeg: object.meandec,
    ndet: object.ndet,
    firstDetection: toDetection(first),
    stampAlert: stamped ? { ...toDetection(stamped), fwhmPix: quality[0]?.fwhm ?? null } : null,
    stampedDetections: stampedDetections.map(toDetection),
    flags: flags.get(oid) ?? [],
    host,
    ps1: ps1Row ? { sgscore1: ps1Row.sgscore1, distpsnr1Arcsec: ps1Row.distpsnr1, srmag1: ps1Row.srmag1 } : null,
    gaia: gaiaRow ? { neargaiaArcsec: gaiaRow.neargaia, maggaia: gaiaRow.maggaia } : null,
    solarSystem: ssRow ? { ssnamenr: ssRow.ssnamenr, ssdistnrArcsec: ssRow.ssdistnr, ssmagnr: ssRow.ssmagnr } : null,
    stampProbabilities: (probabilities ?? [])
      .filter((p) => p.classifier_version === newestVersion)
      .sort((a, b) => a.ranking - b.ranking)
      .map((p) => ({ className: p.class_name, probability: p.probability, ranking: p.ranking })),
    lightcurve: toExplorerLightcurve(lightcurve),
    votes,
    tnsSubmissions: submissions.map((t) => ({ endpoint: t.endpoint, submittedAt: t.submitted_at, by: t.display_name })),
  };
}
