import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Detection, MagStat, NonDetection } from "../generated/prisma/client";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "../alerts/read-alert-file";
import { alertRows, type AlertRows } from "../ingest/alert-rows";
import { correctDetections } from "./correction";
import { DMDT_MIN_GAP_DAYS, SATURATION_THRESHOLD_MAG, computeMagstats, dmdtFirst } from "./magstats";
import { INGEST_STEP_ID } from "./version";

function loadAlert(fixturePath: string): AlertRows {
  const { alerts } = readAlertFile(fs.readFileSync(path.join(ALERT_FIXTURES_DIR, fixturePath)), fixturePath);
  expect(alerts).toHaveLength(1);
  return alertRows(alerts[0]!, fixturePath);
}

// Independent reference implementations (different algorithms from the module's).
const refMean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function refMedian(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
}
/** Population std from E[x^2] - E[x]^2. */
const refStd = (xs: number[]) => Math.sqrt(Math.max(0, refMean(xs.map((x) => x * x)) - refMean(xs) ** 2));
const byMjd = (band: Detection[]) => [...band].sort((a, b) => a.mjd - b.mjd);

function expectStatsOf(row: MagStat, suffix: "" | "_corr", mags: number[], inTime: number[]) {
  const get = (name: string) => row[`mag${name}${suffix}` as keyof MagStat] as number | null;
  expect(get("mean")).toBeCloseTo(refMean(mags), 10);
  expect(get("median")).toBeCloseTo(refMedian(mags), 12);
  expect(get("max")).toBe(mags.reduce((a, b) => Math.max(a, b)));
  expect(get("min")).toBe(mags.reduce((a, b) => Math.min(a, b)));
  expect(get("sigma")).toBeCloseTo(refStd(mags), 6);
  expect(get("first")).toBe(inTime[0]);
  expect(get("last")).toBe(inTime[inTime.length - 1]);
}

describe("computeMagstats on a real light curve (ZTF18abotdop: 11 g + 7 r detections, 11 limits)", () => {
  const rows = loadAlert("night-2018-11-29/697252843215015017.avro");
  const corrected = correctDetections(rows.detections);
  const stats = computeMagstats(rows.oid, corrected, rows.nonDetections, { ps1: rows.ps1, stepIdCorr: "test-step" });

  it("has one row per band with counts, times and flags of the band's first detection", () => {
    expect(stats.map((s) => [s.oid, s.fid, s.ndet, s.ndubious, s.step_id_corr])).toEqual([
      ["ZTF18abotdop", 1, 11, 0, "test-step"],
      ["ZTF18abotdop", 2, 7, 1, "test-step"], // the r detection at distnr 1.4788 is not corrected
    ]);
    for (const s of stats) {
      const band = byMjd(corrected.filter((d) => d.fid === s.fid));
      expect(s.firstmjd).toBe(band[0]!.mjd);
      expect(s.lastmjd).toBe(band[band.length - 1]!.mjd);
      expect(s.corrected).toBe(true);
      expect(s.stellar).toBe(true); // PS1 neighbour at 0.30" with sgscore1 = 1
    }
    expect([stats[0]!.firstmjd, stats[1]!.firstmjd]).toEqual([58422.265775499865, 58428.25148149999]);
  });

  it("magnitude statistics match independent computations (population std)", () => {
    for (const s of stats) {
      const band = byMjd(corrected.filter((d) => d.fid === s.fid));
      expectStatsOf(
        s,
        "",
        band.map((d) => d.magpsf),
        band.map((d) => d.magpsf),
      );
      const corr = band.filter((d) => d.corrected).map((d) => d.magpsf_corr!);
      expect(corr.length).toBe(s.fid === 1 ? 11 : 6);
      expectStatsOf(s, "_corr", corr, corr);
      const n = band.length;
      // ddof = 0, as ALeRCE's magstats_step: sample std would be larger by sqrt(n / (n - 1)).
      const sample = Math.sqrt(band.reduce((a, d) => a + (d.magpsf - refMean(band.map((x) => x.magpsf))) ** 2, 0) / (n - 1));
      expect(s.magsigma! * Math.sqrt(n / (n - 1))).toBeCloseTo(sample, 10);
    }
    // The r band's first detection is a negative difference: magfirst is its magpsf as given.
    expect(stats[1]!.magfirst).toBe(16.553499221801758);
  });

  it("dmdt_first: the steepest limit more than 0.5 day before the first detection, hand computed", () => {
    // r band: first detection mjd 58428.25148149999, magpsf 16.553499221801758, sigmapsf 0.07806800305843353.
    // r limits before it: 58422.31565969996 (19.546899795532227), 58425.23055560002 (17.672300338745117),
    // 58425.24333330011 (17.87310028076172) and 58428.23269680003 (20.05470085144043, only 0.019 d before: ignored).
    const m = 16.553499221801758;
    const s = 0.07806800305843353;
    const t = 58428.25148149999;
    const candidates = [
      [58422.31565969996, 19.546899795532227],
      [58425.23055560002, 17.672300338745117],
      [58425.24333330011, 17.87310028076172],
    ].map(([mjd, lim]) => ({ dt: t - mjd!, lim: lim!, dmdt: (m + s - lim!) / (t - mjd!) }));
    expect(candidates.map((c) => c.dmdt)).toEqual([
      expect.closeTo(-0.4911421988205161, 12),
      expect.closeTo(-0.34450799137314314, 12),
      expect.closeTo(-0.4127233678020313, 12),
    ]);
    // The earliest limit wins here, not the latest one.
    const r = stats[1]!;
    expect(r.dmdt_first).toBeCloseTo(-0.4911421988205161, 12);
    expect(r.dt_first).toBeCloseTo(5.935821800027043, 9);
    expect(r.dm_first).toBeCloseTo(16.553499221801758 - 19.546899795532227, 12);
    expect(r.sigmadm_first).toBeCloseTo(0.07806800305843353 - 19.546899795532227, 12);
    // g band: all three g limits come after the first g detection.
    const g = stats[0]!;
    expect([g.dmdt_first, g.dm_first, g.sigmadm_first, g.dt_first]).toEqual([null, null, null, null]);
  });

  it("ignores limits after the first detection or within 0.5 day before it, and limits of other bands", () => {
    const r = stats[1]!;
    const extra: NonDetection[] = [
      { oid: rows.oid, fid: 2, mjd: 58428.3, diffmaglim: 25 }, // after the first r detection
      { oid: rows.oid, fid: 2, mjd: 58428.25148149999 - 0.8 * DMDT_MIN_GAP_DAYS, diffmaglim: 25 }, // 0.4 d before
      { oid: rows.oid, fid: 1, mjd: 58420, diffmaglim: 25 }, // g limit, before the first r detection
    ];
    const again = computeMagstats(rows.oid, corrected, [...rows.nonDetections, ...extra], { ps1: rows.ps1, stepIdCorr: "test-step" });
    expect(again[1]).toEqual(r);
    // The g limit is before the first g detection (58422.27) by 2.27 d: it now sets g's dmdt.
    expect(again[0]!.dt_first).toBeCloseTo(58422.265775499865 - 58420, 9);
    // A deeper r limit 0.6 d before is taken.
    const deeper = computeMagstats(rows.oid, corrected, [
      ...rows.nonDetections,
      { oid: rows.oid, fid: 2, mjd: 58427.65148149999, diffmaglim: 20 },
    ]);
    expect(deeper[1]!.dt_first).toBeCloseTo(0.6, 9);
    expect(deeper[1]!.dmdt_first).toBeCloseTo((16.553499221801758 + 0.07806800305843353 - 20) / 0.6, 9);
  });

  it("does not depend on input order; duplicates count once", () => {
    const shuffled = [...corrected].reverse();
    const nds = [...rows.nonDetections].reverse();
    expect(computeMagstats(rows.oid, shuffled, nds, { ps1: rows.ps1, stepIdCorr: "test-step" })).toEqual(stats);
    expect(computeMagstats(rows.oid, [...corrected, ...corrected], [...nds, ...nds], { ps1: rows.ps1, stepIdCorr: "test-step" })).toEqual(
      stats,
    );
  });

  it("stellar uses the PS1 neighbour passed in", () => {
    const galaxy = computeMagstats(rows.oid, corrected, rows.nonDetections, { ps1: { distpsnr1: 0.3, sgscore1: 0.05 } });
    expect(galaxy.map((s) => s.stellar)).toEqual([false, false]);
    expect(galaxy[0]!.step_id_corr).toBe(INGEST_STEP_ID);
  });
});

describe("computeMagstats: saturation and non-physical corrections", () => {
  it("uses ALeRCE's constants (magstats.py _THRESHOLD['ZTF'], calculate_dmdt dt_min)", () => {
    expect(SATURATION_THRESHOLD_MAG).toBe(13.2);
    expect(DMDT_MIN_GAP_DAYS).toBe(0.5);
  });

  it("ZTF18abvethj sits on a 12.3-12.6 mag star: every corrected magnitude is below 13.2", () => {
    const rows = loadAlert("night-2018-11-29/697251921415015003.avro");
    const corrected = correctDetections(rows.detections);
    const stats = computeMagstats(rows.oid, corrected, rows.nonDetections, { ps1: rows.ps1 });
    for (const s of stats) {
      const band = corrected.filter((d) => d.fid === s.fid && d.corrected);
      const saturated = band.filter((d) => d.magpsf_corr! < SATURATION_THRESHOLD_MAG).length;
      expect(s.saturation_rate).toBe(saturated / band.length);
      expect(s.saturation_rate).toBe(1);
    }
    expect(stats.map((s) => [s.fid, s.ndet, s.ndubious])).toEqual([
      [1, 5, 0],
      [2, 8, 1],
    ]);
  });

  it("a mixed band: fraction of corrected detections brighter than 13.2", () => {
    const rows = loadAlert("night-2018-11-29/697252843215015017.avro");
    // Make two g detections sit on a 12-mag reference source: corrected magnitudes < 13.2.
    const bright = new Set([668265773215015013n, 671192594515015001n]);
    const corrected = correctDetections(rows.detections.map((d) => (bright.has(d.candid) ? { ...d, magnr: 12 } : d)));
    const g = computeMagstats(rows.oid, corrected, [])[0]!;
    expect(g.fid).toBe(1);
    expect(g.saturation_rate).toBeCloseTo(2 / 11, 15);
  });

  it("ZTF18abodpro r band: a detection with total flux <= 0 is left out of the *_corr stats but counts for saturation", () => {
    const rows = loadAlert("night-2018-11-29/697252381815010001.avro");
    const corrected = correctDetections(rows.detections);
    const r = corrected.filter((d) => d.fid === 2).sort((a, b) => a.mjd - b.mjd);
    expect(r.map((d) => d.corrected)).toEqual([true, true, true, true]);
    expect(r.map((d) => d.magpsf_corr === null)).toEqual([false, true, false, false]);
    const stats = computeMagstats(rows.oid, corrected, rows.nonDetections, { ps1: rows.ps1 });
    const row = stats.find((s) => s.fid === 2)!;
    const usable = r.filter((d) => d.magpsf_corr !== null).map((d) => d.magpsf_corr!);
    expectStatsOf(row, "_corr", usable, usable);
    expect(row.saturation_rate).toBe(0);
    expect(row.ndubious).toBe(0); // negative but corrected
    // No PS1 source, point-like ZTF reference source (chinr 1.548, sharpnr -0.063).
    expect(row.stellar).toBe(true);
    for (const value of Object.values(row)) if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
  });
});

describe("computeMagstats edge cases", () => {
  const rows = loadAlert("night-2018-11-29/697252843215015017.avro");

  it("no detections: no rows", () => {
    expect(computeMagstats(rows.oid, [], rows.nonDetections)).toEqual([]);
  });

  it("a band without corrected detections: *_corr and saturation_rate null, not corrected, not stellar", () => {
    const uncorrected = correctDetections(rows.detections.map((d) => ({ ...d, distnr: 2.5 })));
    const stats = computeMagstats(rows.oid, uncorrected, rows.nonDetections, { ps1: rows.ps1 });
    for (const s of stats) {
      expect([s.magmean_corr, s.magmedian_corr, s.magmax_corr, s.magmin_corr, s.magsigma_corr, s.magfirst_corr, s.maglast_corr]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(s.saturation_rate).toBeNull();
      expect([s.corrected, s.stellar]).toEqual([false, false]);
      expect(s.magmean).not.toBeNull();
    }
    // Negative uncorrected differences are dubious: the three r detections with isdiffpos -1.
    expect(stats[1]!.ndubious).toBe(3);
  });

  it("a single detection: sigma 0, first = last", () => {
    const one = correctDetections([rows.detections[0]!]);
    const [s] = computeMagstats(rows.oid, one, []);
    expect(s!.magsigma).toBe(0);
    expect(s!.magfirst).toBe(s!.maglast);
    expect(s!.magmedian).toBe(rows.detections[0]!.magpsf);
  });

  it("rejects rows of another object", () => {
    expect(() => computeMagstats("ZTF00other", correctDetections(rows.detections), [])).toThrow(/ZTF18abotdop/);
  });

  it("dmdtFirst without limits before the first detection", () => {
    expect(dmdtFirst({ mjd: 100, magpsf: 18, sigmapsf: 0.1 }, [{ mjd: 100.2, diffmaglim: 20 }])).toEqual({
      dmdt_first: null,
      dm_first: null,
      sigmadm_first: null,
      dt_first: null,
    });
  });
});
