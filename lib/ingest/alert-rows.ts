import type { Detection, ForcedPhotometry, NonDetection } from "../generated/prisma/client";
import type { DecodedAlert } from "../alerts/read-alert-file";
import { isPrvDetection } from "../alerts/prv-candidates";
import type { ZtfAlert, ZtfFpHist, ZtfPrvCandidate } from "../alerts/ztf-alert";
import { jdToMjd } from "../time/mjd";
import { correctionOf } from "../pipeline/correction";
import { INGEST_STEP_ID } from "../pipeline/version";

import type { AlertRows, CutoutRow } from "../pipeline/alert-rows-type";

export type { AlertRows, CutoutRow, ObjectSeedRow, PacketRow } from "../pipeline/alert-rows-type";

/** ZTF's forced-photometry marker for "no measurement". */
const FP_NO_FLUX = -99999;

const num = (value: number | null | undefined): number | null =>
  value === undefined || value === null || Number.isNaN(value) ? null : value;
const int = (value: number | bigint | null | undefined): number | null => (value === undefined || value === null ? null : Number(value));
const big = (value: bigint | number | null | undefined): bigint | null => (value === undefined || value === null ? null : BigInt(value));
const str = (value: string | null | undefined): string | null => (value === undefined || value === null ? null : value);
const sign = (isdiffpos: string | null | undefined): number => (isdiffpos === "t" || isdiffpos === "1" ? 1 : -1);

/** Fields only the alert's own candidate carries (prv_candidates lack them). */
interface CandidateOnly {
  drb: number | null;
  drbversion: string | null;
  rfid: bigint | null;
}
const PRV_LACKS: CandidateOnly = { drb: null, drbversion: null, rfid: null };

/** Detection row with its corrected (apparent) magnitude: depends only on the detection itself. */
function detectionFrom(
  oid: string,
  source: ZtfAlert["candidate"] | ZtfPrvCandidate,
  candid: bigint,
  parentCandid: bigint | null,
  hasStamp: boolean,
  candidateOnly: CandidateOnly,
): Detection {
  const detection: Detection = {
    candid,
    oid,
    mjd: jdToMjd(source.jd),
    fid: Number(source.fid),
    pid: BigInt(source.pid ?? 0),
    diffmaglim: num(source.diffmaglim),
    isdiffpos: sign(source.isdiffpos),
    nid: int(source.nid),
    ra: Number(source.ra),
    dec: Number(source.dec),
    magpsf: Number(source.magpsf),
    sigmapsf: Number(source.sigmapsf),
    magap: num(source.magap),
    sigmagap: num(source.sigmagap),
    distnr: num(source.distnr),
    magnr: num(source.magnr),
    sigmagnr: num(source.sigmagnr),
    chinr: num(source.chinr),
    sharpnr: num(source.sharpnr),
    rb: num(source.rb),
    rbversion: str(source.rbversion),
    drb: candidateOnly.drb,
    drbversion: candidateOnly.drbversion,
    magapbig: num(source.magapbig),
    sigmagapbig: num(source.sigmagapbig),
    rfid: candidateOnly.rfid,
    magpsf_corr: null,
    sigmapsf_corr: null,
    sigmapsf_corr_ext: null,
    corrected: false,
    // Whether it is dubious depends on the first detection of its band: set when the object is aggregated.
    dubious: false,
    parent_candid: parentCandid,
    has_stamp: hasStamp,
    step_id_corr: INGEST_STEP_ID,
  };
  return { ...detection, ...correctionOf(detection) };
}

function forcedPhotometryFrom(oid: string, fp: ZtfFpHist, parentCandid: bigint): ForcedPhotometry {
  const flux = num(fp.forcediffimflux);
  const fluxErr = num(fp.forcediffimfluxunc);
  const zp = num(fp.magzpsci);
  const measured = flux !== null && flux !== FP_NO_FLUX && flux !== 0 && zp !== null;
  return {
    oid,
    pid: BigInt(fp.pid),
    mjd: jdToMjd(fp.jd),
    fid: Number(fp.fid),
    field: int(fp.field),
    rcid: int(fp.rcid),
    rfid: big(fp.rfid),
    sciinpseeing: num(fp.sciinpseeing),
    scibckgnd: num(fp.scibckgnd),
    scisigpix: num(fp.scisigpix),
    magzpsci: zp,
    magzpsciunc: num(fp.magzpsciunc),
    magzpscirms: num(fp.magzpscirms),
    clrcoeff: num(fp.clrcoeff),
    clrcounc: num(fp.clrcounc),
    exptime: num(fp.exptime),
    adpctdif1: num(fp.adpctdif1),
    adpctdif2: num(fp.adpctdif2),
    diffmaglim: num(fp.diffmaglim),
    programid: int(fp.programid),
    procstatus: str(fp.procstatus),
    forcediffimflux: flux,
    forcediffimfluxunc: fluxErr,
    distnr: num(fp.distnr),
    ranr: num(fp.ranr),
    decnr: num(fp.decnr),
    magnr: num(fp.magnr),
    sigmagnr: num(fp.sigmagnr),
    chinr: num(fp.chinr),
    sharpnr: num(fp.sharpnr),
    // Difference magnitude of |flux| (its sign goes to isdiffpos), as ALeRCE does for forced photometry.
    mag: measured ? zp - 2.5 * Math.log10(Math.abs(flux)) : null,
    e_mag: measured && fluxErr !== null && fluxErr !== FP_NO_FLUX ? (2.5 / Math.LN10) * (fluxErr / Math.abs(flux)) : null,
    isdiffpos: measured ? (flux > 0 ? 1 : -1) : null,
    mag_corr: null,
    e_mag_corr: null,
    e_mag_corr_ext: null,
    corrected: false,
    dubious: false,
    parent_candid: parentCandid,
  };
}

/** Turns one decoded alert into the rows of every table it feeds. Pure: no database access. */
export function alertRows(decoded: DecodedAlert, source: string, receivedAt: Date = new Date()): AlertRows {
  const { alert } = decoded;
  const c = alert.candidate;
  const oid = alert.objectId;
  const candid = alert.candid;
  const mjd = jdToMjd(c.jd);
  const { science, template, difference } = alert.cutouts;
  const hasStamp = science !== null || template !== null || difference !== null;

  const detections: Detection[] = [
    detectionFrom(oid, c, candid, null, hasStamp, { drb: num(c.drb), drbversion: str(c.drbversion), rfid: big(c.rfid) }),
  ];
  const nonDetections: NonDetection[] = [];
  let prvUnusable = 0;
  for (const prv of alert.prvCandidates) {
    if (isPrvDetection(prv) && prv.candid != null && prv.ra != null && prv.dec != null && prv.sigmapsf != null) {
      detections.push(detectionFrom(oid, prv, prv.candid, candid, false, PRV_LACKS));
    } else if ((prv.candid === null || prv.candid === undefined) && prv.diffmaglim != null) {
      nonDetections.push({ oid, fid: Number(prv.fid), mjd: jdToMjd(prv.jd), diffmaglim: prv.diffmaglim });
    } else {
      prvUnusable += 1;
    }
  }

  const cutouts: CutoutRow[] = [];
  for (const [kind, cutout] of [
    ["science", science],
    ["template", template],
    ["difference", difference],
  ] as const) {
    if (cutout) cutouts.push({ candid, kind, file_name: cutout.fileName, stamp_data: cutout.stampData });
  }

  const jdToMjdOrNull = (jd: number | null | undefined) => (jd === null || jd === undefined ? null : jdToMjd(jd));
  const rfid = big(c.rfid);

  return {
    oid,
    candid,
    object: {
      oid,
      ndethist: int(c.ndethist),
      ncovhist: int(c.ncovhist),
      mjdstarthist: jdToMjdOrNull(c.jdstarthist),
      mjdendhist: jdToMjdOrNull(c.jdendhist),
      corrected: false,
      stellar: false,
      ndet: 1,
      g_r_max: null,
      g_r_max_corr: null,
      g_r_mean: null,
      g_r_mean_corr: null,
      meanra: c.ra,
      meandec: c.dec,
      sigmara: null,
      sigmadec: null,
      deltajd: 0,
      firstmjd: mjd,
      lastmjd: mjd,
      step_id_corr: INGEST_STEP_ID,
      diffpos: null,
      reference_change: null,
      last_alert_mjd: mjd,
      last_ingested_at: null,
    },
    detections,
    nonDetections,
    forcedPhotometry: alert.fpHists.filter((fp) => fp.pid != null && fp.jd != null).map((fp) => forcedPhotometryFrom(oid, fp, candid)),
    dataquality: {
      candid,
      oid,
      fid: c.fid,
      xpos: num(c.xpos),
      ypos: num(c.ypos),
      chipsf: num(c.chipsf),
      sky: num(c.sky),
      fwhm: num(c.fwhm),
      classtar: num(c.classtar),
      mindtoedge: num(c.mindtoedge),
      seeratio: num(c.seeratio),
      aimage: num(c.aimage),
      bimage: num(c.bimage),
      aimagerat: num(c.aimagerat),
      bimagerat: num(c.bimagerat),
      nneg: int(c.nneg),
      nbad: int(c.nbad),
      sumrat: num(c.sumrat),
      scorr: num(c.scorr),
      dsnrms: num(c.dsnrms),
      ssnrms: num(c.ssnrms),
      magzpsci: num(c.magzpsci),
      magzpsciunc: num(c.magzpsciunc),
      magzpscirms: num(c.magzpscirms),
      nmatches: int(c.nmatches),
      clrcoeff: num(c.clrcoeff),
      clrcounc: num(c.clrcounc),
      zpclrcov: num(c.zpclrcov),
      zpmed: num(c.zpmed),
      clrmed: num(c.clrmed),
      clrrms: num(c.clrrms),
      exptime: num(c.exptime),
    },
    reference:
      rfid === null
        ? null
        : {
            oid,
            rfid,
            candid,
            fid: c.fid,
            rcid: int(c.rcid),
            field: int(c.field),
            magnr: num(c.magnr),
            sigmagnr: num(c.sigmagnr),
            chinr: num(c.chinr),
            sharpnr: num(c.sharpnr),
            ra: c.ra,
            dec: c.dec,
            mjdstartref: jdToMjdOrNull(c.jdstartref),
            mjdendref: jdToMjdOrNull(c.jdendref),
            nframesref: int(c.nframesref),
          },
    ps1: {
      oid,
      candid,
      objectidps1: big(c.objectidps1),
      sgmag1: num(c.sgmag1),
      srmag1: num(c.srmag1),
      simag1: num(c.simag1),
      szmag1: num(c.szmag1),
      sgscore1: num(c.sgscore1),
      distpsnr1: num(c.distpsnr1),
      objectidps2: big(c.objectidps2),
      sgmag2: num(c.sgmag2),
      srmag2: num(c.srmag2),
      simag2: num(c.simag2),
      szmag2: num(c.szmag2),
      sgscore2: num(c.sgscore2),
      distpsnr2: num(c.distpsnr2),
      objectidps3: big(c.objectidps3),
      sgmag3: num(c.sgmag3),
      srmag3: num(c.srmag3),
      simag3: num(c.simag3),
      szmag3: num(c.szmag3),
      sgscore3: num(c.sgscore3),
      distpsnr3: num(c.distpsnr3),
      nmtchps: int(c.nmtchps) ?? 0,
      // Whether the nearest PS1 ids stayed the same across the object's alerts: set when aggregating.
      unique1: true,
      unique2: true,
      unique3: true,
    },
    ss: { oid, candid, ssdistnr: num(c.ssdistnr), ssmagnr: num(c.ssmagnr), ssnamenr: str(c.ssnamenr) },
    gaia: {
      oid,
      candid,
      neargaia: num(c.neargaia),
      neargaiabright: num(c.neargaiabright),
      maggaia: num(c.maggaia),
      maggaiabright: num(c.maggaiabright),
      unique1: true,
    },
    packet: {
      candid,
      oid,
      mjd,
      schemavsn: alert.schemavsn,
      schema_fingerprint: decoded.schemaFingerprint,
      avro: decoded.recordWithoutCutouts,
      cutouts_stripped: decoded.cutoutsStripped,
      source,
      received_at: receivedAt,
    },
    cutouts,
    schema: { fingerprint: decoded.schemaFingerprint, schemaJson: decoded.schemaJson },
    prvUnusable,
  };
}
