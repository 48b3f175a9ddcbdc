import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Detection } from "../generated/prisma/client";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "../alerts/read-alert-file";
import { alertRows, type AlertRows } from "../ingest/alert-rows";
import {
  CHINR_THRESHOLD,
  DISTANCE_THRESHOLD_ARCSEC,
  SGSCORE_THRESHOLD,
  SHARPNR_MAX,
  SHARPNR_MIN,
  correctDetections,
  correctMagnitude,
  isCorrected,
  isStellar,
} from "./correction";

function loadAlert(fixturePath: string): AlertRows {
  const { alerts } = readAlertFile(fs.readFileSync(path.join(ALERT_FIXTURES_DIR, fixturePath)), fixturePath);
  expect(alerts).toHaveLength(1);
  return alertRows(alerts[0]!, fixturePath);
}

function detection(rows: AlertRows, candid: string): Detection {
  const d = rows.detections.find((x) => x.candid === BigInt(candid));
  if (!d) throw new Error(`no detection ${candid} in ${rows.oid}`);
  return d;
}

/** Independent of the module: the textbook flux sum, written out with the numbers of the alert. */
function handCorrection(magpsf: number, sigmapsf: number, magnr: number, sigmagnr: number, sign: 1 | -1) {
  const fluxRef = Math.pow(10, magnr / -2.5);
  const fluxDiff = Math.pow(10, magpsf / -2.5);
  const total = fluxRef + sign * fluxDiff;
  return {
    total,
    mag: -2.5 * Math.log10(total),
    variance: fluxDiff * fluxDiff * sigmapsf * sigmapsf - fluxRef * fluxRef * sigmagnr * sigmagnr,
    errExt: (fluxDiff * sigmapsf) / total,
  };
}

describe("ALeRCE's thresholds", () => {
  it("are the values of correction_step/.../strategy/ztf.py and lc_correction", () => {
    expect(DISTANCE_THRESHOLD_ARCSEC).toBe(1.4);
    expect(SGSCORE_THRESHOLD).toBe(0.4);
    expect(CHINR_THRESHOLD).toBe(2);
    expect(SHARPNR_MIN).toBe(-0.13);
    expect(SHARPNR_MAX).toBe(0.1);
  });

  it("isCorrected: strictly below 1.4, null and negative sentinels are not corrected", () => {
    expect(isCorrected(0)).toBe(true);
    expect(isCorrected(1.3999)).toBe(true);
    expect(isCorrected(1.4)).toBe(false);
    expect(isCorrected(null)).toBe(false);
    expect(isCorrected(undefined)).toBe(false);
    expect(isCorrected(-999)).toBe(false);
    expect(isCorrected(Number.NaN)).toBe(false);
  });
});

describe("correctMagnitude on real detections, against a hand computation", () => {
  it("positive difference (ZTF18abvdmcb, candid 697251920415015001)", () => {
    const d = detection(loadAlert("night-2018-11-29/697251920415015001.avro"), "697251920415015001");
    // The alert's own values, so that the hand computation below uses what ingestion produced.
    expect([d.isdiffpos, d.magpsf, d.sigmapsf, d.magnr, d.sigmagnr]).toEqual([
      1, 18.259479522705078, 0.09624913334846497, 17.177000045776367, 0.010999999940395355,
    ]);
    expect(d.distnr).toBeCloseTo(0.40896445512771606, 12);
    const hand = handCorrection(18.259479522705078, 0.09624913334846497, 17.177000045776367, 0.010999999940395355, 1);
    const c = correctMagnitude(d);
    expect(c.magpsf_corr).toBeCloseTo(hand.mag, 12);
    expect(c.sigmapsf_corr).toBeCloseTo(Math.sqrt(hand.variance) / hand.total, 12);
    expect(c.sigmapsf_corr_ext).toBeCloseTo(hand.errExt, 12);
    // Same numbers computed separately in Python (double precision).
    expect(c.magpsf_corr).toBeCloseTo(16.836003660293596, 10);
    expect(c.sigmapsf_corr).toBeCloseTo(0.024666436113466562, 10);
    expect(c.sigmapsf_corr_ext).toBeCloseTo(0.02594218085857478, 10);
  });

  it("negative difference on a brighter reference source (ZTF18acsbjqi, candid 697251920215010010)", () => {
    const d = detection(loadAlert("night-2018-11-29/697251920215010010.avro"), "697251920215010010");
    expect([d.isdiffpos, d.magpsf, d.sigmapsf, d.magnr, d.sigmagnr]).toEqual([
      -1, 18.88495445251465, 0.1683504581451416, 16.18400001525879, 0.010999999940395355,
    ]);
    const hand = handCorrection(18.88495445251465, 0.1683504581451416, 16.18400001525879, 0.010999999940395355, -1);
    const c = correctMagnitude(d);
    expect(c.magpsf_corr).toBeCloseTo(hand.mag, 12);
    // Fainter than the reference source alone (16.184): flux was subtracted.
    expect(c.magpsf_corr!).toBeGreaterThan(16.18400001525879);
    expect(c.magpsf_corr).toBeCloseTo(16.278198980970085, 10);
    expect(c.sigmapsf_corr).toBeCloseTo(0.009428380729755747, 10);
    expect(c.sigmapsf_corr_ext).toBeCloseTo(0.015258509555163495, 10);
  });

  it("negative variance (bright reference star, ZTF18abvethj candid 671335131415010001): sigmapsf_corr null, ext kept", () => {
    const d = detection(loadAlert("night-2018-11-29/697251921415015003.avro"), "671335131415010001");
    expect([d.isdiffpos, d.magpsf, d.sigmapsf, d.magnr, d.sigmagnr]).toEqual([
      -1, 15.307100296020508, 0.054962001740932465, 12.593000411987305, 0.008999999612569809,
    ]);
    const hand = handCorrection(15.307100296020508, 0.054962001740932465, 12.593000411987305, 0.008999999612569809, -1);
    expect(hand.variance).toBeLessThan(0); // ALeRCE stores sigmapsf_corr = 100 here
    const c = correctMagnitude(d);
    expect(c.sigmapsf_corr).toBeNull();
    expect(c.magpsf_corr).toBeCloseTo(12.686015764003491, 10);
    expect(c.sigmapsf_corr_ext).toBeCloseTo(hand.errExt, 12);
  });

  it("total flux <= 0 (ZTF18abodpro candid 672251861815010004, a negative difference brighter than its reference): all null", () => {
    const d = detection(loadAlert("night-2018-11-29/697252381815010001.avro"), "672251861815010004");
    expect([d.isdiffpos, d.magpsf, d.magnr]).toEqual([-1, 19.12660026550293, 19.135000228881836]);
    expect(d.distnr!).toBeLessThan(1.4);
    expect(handCorrection(19.12660026550293, 0.13577599823474884, 19.135000228881836, 0.03099999949336052, -1).total).toBeLessThan(0);
    expect(correctMagnitude(d)).toEqual({ magpsf_corr: null, sigmapsf_corr: null, sigmapsf_corr_ext: null });
  });

  it("exactly zero total flux and missing inputs give nulls, never Infinity or NaN", () => {
    expect(correctMagnitude({ magnr: 18, sigmagnr: 0.02, magpsf: 18, sigmapsf: 0.1, isdiffpos: -1 })).toEqual({
      magpsf_corr: null,
      sigmapsf_corr: null,
      sigmapsf_corr_ext: null,
    });
    expect(correctMagnitude({ magnr: null, sigmagnr: null, magpsf: 18, sigmapsf: 0.1, isdiffpos: 1 }).magpsf_corr).toBeNull();
    const noSigmagnr = correctMagnitude({ magnr: 17, sigmagnr: null, magpsf: 18, sigmapsf: 0.1, isdiffpos: 1 });
    expect(noSigmagnr.sigmapsf_corr).toBeNull();
    expect(noSigmagnr.magpsf_corr).toBeCloseTo(-2.5 * Math.log10(10 ** -6.8 + 10 ** -7.2), 12);
    for (const value of Object.values(noSigmagnr)) if (value !== null) expect(Number.isFinite(value)).toBe(true);
  });
});

describe("isStellar", () => {
  const base = { distnr: 0.3, distpsnr1: 0.2, sgscore1: 0.99, chinr: 1, sharpnr: 0 };
  it("near ZTF and near a star-like PS1 source", () => {
    expect(isStellar(base)).toBe(true);
    expect(isStellar({ ...base, sgscore1: 0.4 })).toBe(false);
    expect(isStellar({ ...base, distnr: 1.5 })).toBe(false);
  });
  it("no PS1 source within 1.4\": the ZTF reference source's chinr and sharpnr decide", () => {
    const noPs1 = { ...base, distpsnr1: null, sgscore1: null };
    expect(isStellar(noPs1)).toBe(true);
    expect(isStellar({ ...noPs1, chinr: 2 })).toBe(false);
    expect(isStellar({ ...noPs1, sharpnr: 0.1 })).toBe(false);
    expect(isStellar({ ...noPs1, sharpnr: -0.13 })).toBe(false);
    // ALeRCE's current code reads this as stellar (chained comparison evaluates to sharpnr <= -0.13).
    expect(isStellar({ ...noPs1, sharpnr: -0.2 })).toBe(false);
    // A far PS1 source: the ZTF criterion applies, its galaxy-like score does not matter.
    expect(isStellar({ ...base, distpsnr1: 3, sgscore1: 0.01 })).toBe(true);
  });
  it("real objects: ZTF18abodpro (no PS1 neighbour, point-like reference source) and ZTF18abvethj (PS1 star)", () => {
    const abodpro = loadAlert("night-2018-11-29/697252381815010001.avro");
    const c = abodpro.detections[0]!;
    expect(abodpro.ps1.distpsnr1).toBeNull();
    expect([c.chinr, c.sharpnr]).toEqual([1.152999997138977, -0.007000000216066837]);
    expect(isStellar({ ...c, distpsnr1: abodpro.ps1.distpsnr1, sgscore1: abodpro.ps1.sgscore1 })).toBe(true);
    const abvethj = loadAlert("night-2018-11-29/697251921415015003.avro");
    expect(abvethj.ps1.sgscore1).toBe(1);
    expect(isStellar({ ...abvethj.detections[0]!, distpsnr1: abvethj.ps1.distpsnr1, sgscore1: abvethj.ps1.sgscore1 })).toBe(true);
  });
});

describe("correctDetections on a real light curve (ZTF18abvethj: 13 detections in g and r, 6 negative)", () => {
  const rows = loadAlert("night-2018-11-29/697251921415015003.avro");

  it("corrects exactly the detections with distnr < 1.4 and flags the one uncorrected as dubious", () => {
    const out = correctDetections(rows.detections);
    expect(out).toHaveLength(13);
    expect(out.map((d) => d.candid)).toEqual(rows.detections.map((d) => d.candid));
    const uncorrected = out.filter((d) => !d.corrected).map((d) => d.candid.toString());
    // r band, mjd 58434.2939, distnr 1.4171, isdiffpos -1: the band's first detection was corrected.
    expect(uncorrected).toEqual(["680293881415010003"]);
    expect(out.filter((d) => d.dubious).map((d) => d.candid.toString())).toEqual(["680293881415010003"]);
    const u = out.find((d) => d.candid === 680293881415010003n)!;
    expect([u.magpsf_corr, u.sigmapsf_corr, u.sigmapsf_corr_ext]).toEqual([null, null, null]);
    // Corrected negative differences are not dubious.
    expect(out.filter((d) => d.corrected && d.isdiffpos === -1)).toHaveLength(5);
    // On a 12.3-12.6 mag star the reference error dominates: 10 of 12 have a negative variance.
    expect(out.filter((d) => d.corrected && d.sigmapsf_corr === null)).toHaveLength(10);
    for (const d of out.filter((x) => x.corrected)) {
      const hand = handCorrection(d.magpsf, d.sigmapsf, d.magnr!, d.sigmagnr!, d.isdiffpos as 1 | -1);
      expect(d.magpsf_corr).toBeCloseTo(hand.mag, 12);
      expect(d.sigmapsf_corr_ext).toBeCloseTo(hand.errExt, 12);
      if (hand.variance < 0) expect(d.sigmapsf_corr).toBeNull();
      else expect(d.sigmapsf_corr).toBeCloseTo(Math.sqrt(hand.variance) / hand.total, 12);
    }
  });

  it("does not depend on input order and does not modify its input", () => {
    const before = JSON.stringify(rows.detections, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    const sorted = correctDetections(rows.detections);
    const shuffled = [...rows.detections].reverse();
    shuffled.push(shuffled.shift()!);
    const out = correctDetections(shuffled);
    expect(out.map((d) => d.candid)).toEqual(shuffled.map((d) => d.candid));
    for (const d of out) expect(d).toEqual(sorted.find((s) => s.candid === d.candid));
    expect(JSON.stringify(rows.detections, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).toBe(before);
    // Rows are built with the per-detection correction already applied; only `dubious` needs the object.
    for (const d of rows.detections) {
      const again = out.find((o) => o.candid === d.candid)!;
      expect({ magpsf_corr: d.magpsf_corr, sigmapsf_corr: d.sigmapsf_corr, corrected: d.corrected }).toEqual({
        magpsf_corr: again.magpsf_corr,
        sigmapsf_corr: again.sigmapsf_corr,
        corrected: again.corrected,
      });
    }
  });

  it("rejects detections of two objects", () => {
    const other = { ...rows.detections[0]!, oid: "ZTF00other" };
    expect(() => correctDetections([...rows.detections, other])).toThrow(/more than one object/);
  });
});

describe("correctDetections: a band whose first detection is not corrected (ZTF18abyoyqq)", () => {
  it("makes the later corrected detections of that band dubious, not those of the other band", () => {
    const rows = loadAlert("night-2018-11-29/697251922915010001.avro");
    const out = correctDetections(rows.detections);
    const r = out.filter((d) => d.fid === 2).sort((a, b) => a.mjd - b.mjd);
    expect(r.map((d) => [d.distnr! < 1.4, d.corrected, d.dubious])).toEqual([
      [false, false, false], // first r detection: distnr 1.4586, positive
      [true, true, true],
    ]);
    const g = out.filter((d) => d.fid === 1);
    expect(g.every((d) => d.corrected && !d.dubious)).toBe(true);
    expect(g.some((d) => d.isdiffpos === -1)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Cross-check with ALeRCE's own corrected detections (see __fixtures__/README.md).

interface AlerceRow {
  objectId: string;
  detection: Detection;
  corrected: boolean;
  magpsf_corr: number | null;
  sigmapsf_corr: number | null;
  sigmapsf_corr_ext: number | null;
  dubious: boolean;
}

function loadAlerceRows(): AlerceRow[] {
  const text = fs.readFileSync(path.join(import.meta.dirname, "__fixtures__/alerce-corrected-detections.csv"), "utf8");
  const [header, ...lines] = text.trim().split("\n");
  const columns = header!.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    const get = (name: string): string => {
      const i = columns.indexOf(name);
      if (i < 0) throw new Error(`no column ${name}`);
      return cells[i]!;
    };
    const num = (name: string): number | null => (get(name) === "" ? null : Number(get(name)));
    const oid = get("objectId");
    return {
      objectId: oid,
      detection: fakeDetection({
        oid,
        candid: BigInt(get("candid")),
        fid: Number(get("fid")),
        mjd: Number(get("mjd")),
        isdiffpos: Number(get("isdiffpos")) > 0 ? 1 : -1,
        magpsf: Number(get("magpsf")),
        sigmapsf: Number(get("sigmapsf")),
        magnr: num("magnr"),
        sigmagnr: num("sigmagnr"),
        distnr: num("distnr"),
        ra: Number(get("ra")),
        dec: Number(get("dec")),
      }),
      corrected: get("corrected") === "True",
      magpsf_corr: num("magpsf_corr"),
      sigmapsf_corr: num("sigmapsf_corr"),
      sigmapsf_corr_ext: num("sigmapsf_corr_ext"),
      dubious: get("dubious") === "True",
    };
  });
}

function fakeDetection(
  fields: Partial<Detection> & Pick<Detection, "oid" | "candid" | "fid" | "mjd" | "isdiffpos" | "magpsf" | "sigmapsf">,
): Detection {
  return {
    pid: 0n,
    diffmaglim: null,
    nid: null,
    ra: 0,
    dec: 0,
    magap: null,
    sigmagap: null,
    distnr: null,
    magnr: null,
    sigmagnr: null,
    chinr: null,
    sharpnr: null,
    rb: null,
    rbversion: null,
    drb: null,
    drbversion: null,
    magapbig: null,
    sigmagapbig: null,
    rfid: null,
    magpsf_corr: null,
    sigmapsf_corr: null,
    sigmapsf_corr_ext: null,
    corrected: false,
    dubious: false,
    parent_candid: null,
    has_stamp: false,
    step_id_corr: "test",
    ...fields,
  };
}

describe("cross-check with ALeRCE's corrected detections (lc_classifier 30_sne_detections_corr.csv)", () => {
  const rows = loadAlerceRows();

  it("the fixture has what the checks need", () => {
    expect(rows).toHaveLength(81);
    expect(rows.filter((r) => r.corrected)).toHaveLength(60);
    expect(rows.filter((r) => r.dubious)).toHaveLength(27);
    expect(rows.filter((r) => r.sigmapsf_corr === 100)).toHaveLength(10);
    expect(rows.some((r) => r.corrected && r.detection.isdiffpos === -1)).toBe(true);
  });

  it("recomputes corrected, magpsf_corr, sigmapsf_corr and sigmapsf_corr_ext from the raw columns", () => {
    for (const row of rows) {
      const d = row.detection;
      expect(isCorrected(d.distnr), `${d.candid}`).toBe(row.corrected);
      if (!row.corrected) {
        expect(row.magpsf_corr).toBeNull();
        continue;
      }
      const c = correctMagnitude(d);
      // ALeRCE computed from float32 alert values; the CSV's inputs are their decimal renderings.
      expect(Math.abs(c.magpsf_corr! - row.magpsf_corr!), `${d.candid}`).toBeLessThan(1e-5);
      expect(Math.abs(c.sigmapsf_corr_ext! - row.sigmapsf_corr_ext!), `${d.candid}`).toBeLessThan(1e-5);
      if (row.sigmapsf_corr === 100) expect(c.sigmapsf_corr, `${d.candid}: ALeRCE's 100 is Cielo's null`).toBeNull();
      else expect(Math.abs(c.sigmapsf_corr! - row.sigmapsf_corr!), `${d.candid}`).toBeLessThan(1e-5);
    }
  });

  it("reproduces ALeRCE's dubious flags object by object, from unsorted input", () => {
    const byObject = new Map<string, AlerceRow[]>();
    for (const row of rows) byObject.set(row.objectId, [...(byObject.get(row.objectId) ?? []), row]);
    expect(byObject.size).toBe(4);
    for (const [oid, objectRows] of byObject) {
      const out = correctDetections(objectRows.map((r) => r.detection));
      out.forEach((d, i) => {
        const expected = objectRows[i]!;
        expect(d.candid).toBe(expected.detection.candid);
        expect(d.corrected, `${oid} ${d.candid}`).toBe(expected.corrected);
        expect(d.dubious, `${oid} ${d.candid}`).toBe(expected.dubious);
      });
    }
  });
});
