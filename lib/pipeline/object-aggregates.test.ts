import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Detection } from "../generated/prisma/client";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "../alerts/read-alert-file";
import { alertRows, type AlertRows } from "../ingest/alert-rows";
import { correctDetections } from "./correction";
import { computeMagstats } from "./magstats";
import { ZTF_POSITION_ERROR_ARCSEC, computeObjectAggregates } from "./object-aggregates";

function loadAlert(fixturePath: string): AlertRows {
  const { alerts } = readAlertFile(fs.readFileSync(path.join(ALERT_FIXTURES_DIR, fixturePath)), fixturePath);
  expect(alerts).toHaveLength(1);
  return alertRows(alerts[0]!, fixturePath);
}

function pipeline(rows: AlertRows) {
  const detections = correctDetections(rows.detections);
  const magstats = computeMagstats(rows.oid, detections, rows.nonDetections, { ps1: rows.ps1 });
  return { detections, magstats };
}

/** Weighted mean and its error, written out separately from the module (weights 1 / e^2). */
function refWeighted(values: number[], errors: number[]) {
  const w = errors.map((e) => 1 / (e * e));
  const sw = w.reduce((a, b) => a + b, 0);
  return { mean: values.reduce((a, v, i) => a + w[i]! * v, 0) / sw, error: Math.sqrt(1 / sw) };
}

describe("computeObjectAggregates on a real object (ZTF18abotdop, 18 detections in g and r)", () => {
  const rows = loadAlert("night-2018-11-29/697252843215015017.avro");
  const { detections, magstats } = pipeline(rows);
  const agg = computeObjectAggregates(detections, magstats, { references: rows.reference ? [rows.reference] : [] });

  it("counts and times", () => {
    expect(agg.ndet).toBe(18);
    expect(agg.firstmjd).toBe(58422.265775499865);
    expect(agg.lastmjd).toBe(58451.252847199794);
    expect(agg.deltajd).toBeCloseTo(58451.252847199794 - 58422.265775499865, 12);
  });

  it('positions: ALeRCE\'s per-band error weights (g 0.065", r 0.085", RA errors / |cos dec|), errors in degrees', () => {
    expect(ZTF_POSITION_ERROR_ARCSEC).toEqual({ 1: 0.065, 2: 0.085, 3: 0.01 });
    const eDecDeg = (d: Detection) => (d.fid === 1 ? 0.065 : 0.085) / 3600;
    const dec = refWeighted(
      detections.map((d) => d.dec),
      detections.map(eDecDeg),
    );
    const ra = refWeighted(
      detections.map((d) => d.ra),
      detections.map((d) => eDecDeg(d) / Math.abs(Math.cos((d.dec * Math.PI) / 180))),
    );
    expect(agg.meandec).toBeCloseTo(dec.mean, 10);
    expect(agg.meanra).toBeCloseTo(ra.mean, 10);
    expect(agg.sigmadec).toBeCloseTo(dec.error, 15);
    expect(agg.sigmara).toBeCloseTo(ra.error, 15);
    // 11 g + 7 r: sigmadec = 1 / sqrt(11 / 0.065^2 + 7 / 0.085^2) arcsec = 0.0163" = 4.5e-6 deg.
    expect(agg.sigmadec! * 3600).toBeCloseTo(1 / Math.sqrt(11 / 0.065 ** 2 + 7 / 0.085 ** 2), 12);
    // The mean lies among the detections (within 1").
    for (const d of detections) expect(Math.abs(d.dec - agg.meandec) * 3600).toBeLessThan(1);
  });

  it("flags from the first detection (g, positive, corrected; PS1 star) and the references", () => {
    expect([agg.corrected, agg.stellar, agg.diffpos]).toEqual([true, true, true]);
    // The reference ends at mjd 58351.42, before the first detection.
    expect(rows.reference?.mjdendref).toBeCloseTo(58351.42111099977, 9);
    expect(agg.reference_change).toBe(false);
    expect(
      computeObjectAggregates(detections, magstats, { references: [{ mjdendref: 58351.4 }, { mjdendref: 58430 }] }).reference_change,
    ).toBe(true);
    expect(computeObjectAggregates(detections, magstats).reference_change).toBeNull();
  });

  it("colours from the g and r magstats: brightest (min) and mean magnitudes", () => {
    const band = (fid: number) => detections.filter((d) => d.fid === fid);
    const minOf = (xs: number[]) => xs.reduce((a, b) => Math.min(a, b));
    const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const corr = (fid: number) =>
      band(fid)
        .filter((d) => d.corrected)
        .map((d) => d.magpsf_corr!);
    expect(agg.g_r_max).toBeCloseTo(minOf(band(1).map((d) => d.magpsf)) - minOf(band(2).map((d) => d.magpsf)), 12);
    expect(agg.g_r_mean).toBeCloseTo(meanOf(band(1).map((d) => d.magpsf)) - meanOf(band(2).map((d) => d.magpsf)), 12);
    expect(agg.g_r_max_corr).toBeCloseTo(minOf(corr(1)) - minOf(corr(2)), 12);
    expect(agg.g_r_mean_corr).toBeCloseTo(meanOf(corr(1)) - meanOf(corr(2)), 12);
  });

  it("does not depend on input order", () => {
    const shuffled = [...detections].reverse();
    expect(computeObjectAggregates(shuffled, [...magstats].reverse(), { references: rows.reference ? [rows.reference] : [] })).toEqual(agg);
  });
});

describe("computeObjectAggregates: other cases", () => {
  it("first detection negative (ZTF18abodpro): diffpos false; stellar from the ZTF criterion (no PS1 source)", () => {
    const rows = loadAlert("night-2018-11-29/697252381815010001.avro");
    const { detections, magstats } = pipeline(rows);
    const agg = computeObjectAggregates(detections, magstats);
    expect([agg.diffpos, agg.corrected, agg.stellar]).toEqual([false, true, true]);
  });

  it("first detection uncorrected (ZTF18abyoyqq's r band is not first): object corrected from the g detection", () => {
    const rows = loadAlert("night-2018-11-29/697251922915010001.avro");
    const { detections, magstats } = pipeline(rows);
    const agg = computeObjectAggregates(detections, magstats);
    expect(magstats.map((m) => [m.fid, m.corrected])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(agg.corrected).toBe(true);
    // Colours exist for both raw and corrected magnitudes (r has one corrected detection).
    expect(agg.g_r_max_corr).not.toBeNull();
  });

  it("one band only: colours null", () => {
    const rows = loadAlert("night-2018-11-29/697251920015010010.avro"); // ZTF18abyouwp, g only
    const { detections, magstats } = pipeline(rows);
    expect(new Set(detections.map((d) => d.fid))).toEqual(new Set([1]));
    const agg = computeObjectAggregates(detections, magstats);
    expect([agg.g_r_max, agg.g_r_max_corr, agg.g_r_mean, agg.g_r_mean_corr]).toEqual([null, null, null, null]);
  });

  it("r without corrected magnitudes: only the _corr colours are null", () => {
    const rows = loadAlert("night-2018-11-29/697252843215015017.avro");
    const detections = correctDetections(rows.detections.map((d) => (d.fid === 2 ? { ...d, distnr: 3 } : d)));
    const magstats = computeMagstats(rows.oid, detections, rows.nonDetections);
    const agg = computeObjectAggregates(detections, magstats);
    expect(agg.g_r_max).not.toBeNull();
    expect(agg.g_r_mean).not.toBeNull();
    expect([agg.g_r_max_corr, agg.g_r_mean_corr]).toEqual([null, null]);
  });

  it("RA across 0/360 averages near 0, not 180; weights pull towards the better band", () => {
    const rows = loadAlert("night-2018-11-29/697252843215015017.avro");
    const [g, r] = [rows.detections.find((d) => d.fid === 1)!, rows.detections.find((d) => d.fid === 2)!];
    const atDec0 = (d: Detection, ra: number, candid: bigint): Detection => ({ ...d, ra, dec: 0, candid });
    const wrapped = correctDetections([atDec0(g, 359.9999, 1n), atDec0(g, 0.0001, 2n)]);
    const agg = computeObjectAggregates(wrapped, computeMagstats(g.oid, wrapped, []));
    expect(Math.min(agg.meanra, 360 - agg.meanra)).toBeLessThan(1e-9);
    // g (0.065") and r (0.085") 1" apart in dec: the mean is at 0.085^2 / (0.065^2 + 0.085^2) of the way to g.
    const pair = correctDetections([
      { ...atDec0(g, 10, 3n), dec: 0 },
      { ...atDec0(r, 10, 4n), dec: 1 / 3600 },
    ]);
    const weighted = computeObjectAggregates(pair, computeMagstats(g.oid, pair, []));
    expect(weighted.meandec * 3600).toBeCloseTo(0.065 ** 2 / (0.065 ** 2 + 0.085 ** 2), 9);
    expect(weighted.meanra).toBeCloseTo(10, 12);
  });

  it("rejects an object without detections", () => {
    expect(() => computeObjectAggregates([], [])).toThrow(RangeError);
  });
});
