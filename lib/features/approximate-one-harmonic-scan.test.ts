import { describe, expect, it } from "vitest";
import { approximateOneHarmonicScan } from "./approximate-one-harmonic-scan";
import { coarseOneHarmonicPeriodogram, largestValues, largestValuesAt, topLocalMaxima, topLocalMaximaAt } from "./coarse-periodogram";
import { compileOneHarmonicScanWat } from "./compile-one-harmonic-scan-wat";
import { loadGoldenLightcurves } from "./golden-feature-set";
import { ONE_HARMONIC_SCAN_WASM_BASE64 } from "./one-harmonic-scan-wasm";
import { packPeriodogramData, scanOneHarmonic, type PeriodogramData } from "./periodogram-core";
import { prepareLightcurve } from "./prepare-lightcurve";

/** Period-search input of each golden light curve that has one (bands of ≥ 8 points). */
function goldenPeriodogramData(): PeriodogramData[] {
  return loadGoldenLightcurves()
    .map(({ input }) =>
      [...prepareLightcurve(input.detections).values()]
        .filter((b) => b.tsMag.length >= 8)
        .map((b) => ({ mjd: b.tsMjd, mag: b.tsMag, err: b.tsErr })),
    )
    .filter((bands) => bands.length > 0)
    .map(packPeriodogramData)
    .filter((d) => d.spanDays > 0);
}

const gridOf = (d: PeriodogramData) => {
  const df = 1 / (2 * d.spanDays);
  return { f0: 1 / 500, df, nf: Math.floor((20 - 1 / 500) / df) + 1 };
};

describe("one-harmonic-scan.wasm", () => {
  it("is the compile of one-harmonic-scan.wat (run `npm run build:wasm` after editing the .wat)", async () => {
    expect(Buffer.from(await compileOneHarmonicScanWat()).toString("base64")).toBe(ONE_HARMONIC_SCAN_WASM_BASE64);
  });
});

describe("approximateOneHarmonicScan and coarseOneHarmonicPeriodogram on the golden light curves", () => {
  const datas = goldenPeriodogramData();

  it("the float32 scan is within 1e-4 of the exact power wherever it is trusted (the fix-up margin is 1e-3 + 2 %)", () => {
    expect(datas.length).toBeGreaterThan(40);
    for (const d of datas) {
      const { f0, df, nf } = gridOf(d);
      const exactBands = Array.from({ length: d.nBands }, () => new Float64Array(nf));
      const exact = scanOneHarmonic(d, f0, df, nf, exactBands);
      const approx = approximateOneHarmonicScan(d, f0, df, nf);
      let worst = 0;
      for (let j = 0; j < nf; j++) {
        if (approx.untrusted[j]) continue;
        worst = Math.max(worst, Math.abs(approx.power[j]! - exact[j]!));
        for (let b = 0; b < d.nBands; b++) worst = Math.max(worst, Math.abs(approx.bandPower[b]![j]! - exactBands[b]![j]!));
      }
      expect(worst).toBeLessThan(1e-4);
    }
  });

  it("reads the same candidates and PPE values as the exact scan of the whole grid", () => {
    for (const d of datas) {
      const { f0, df, nf } = gridOf(d);
      const exactBands = Array.from({ length: d.nBands }, () => new Float64Array(nf));
      const exact = scanOneHarmonic(d, f0, df, nf, exactBands);
      const coarse = coarseOneHarmonicPeriodogram(d, f0, df, nf, { topPeaks: 10, topValues: 100 });
      expect(topLocalMaxima(coarse.power, 10)).toEqual(topLocalMaxima(exact, 10));
      const top = largestValues(coarse.power, 100).sort();
      largestValues(exact, 100)
        .sort()
        .forEach((v, i) => expect(Math.abs(top[i]! - v)).toBeLessThan(1e-10)); // runs re-anchor cos/sin elsewhere than a whole-grid scan
      if (d.nBands > 1) exactBands.forEach((bp, b) => expect(topLocalMaxima(coarse.bandPower[b]!, 10)).toEqual(topLocalMaxima(bp, 10)));
    }
  });

  it("reads the same from its exact indices alone as from the whole arrays (ADR 0046)", () => {
    for (const d of datas) {
      const { f0, df, nf } = gridOf(d);
      const coarse = coarseOneHarmonicPeriodogram(d, f0, df, nf, { topPeaks: 10, topValues: 100 });
      expect(coarse.exact.length).toBeGreaterThan(0);
      for (let a = 1; a < coarse.exact.length; a++) expect(coarse.exact[a]!).toBeGreaterThan(coarse.exact[a - 1]!);
      expect(topLocalMaximaAt(coarse.power, coarse.exact, 10)).toEqual(topLocalMaxima(coarse.power, 10));
      expect(largestValuesAt(coarse.power, coarse.exact, 100).sort()).toEqual(largestValues(coarse.power, 100).sort());
      coarse.bandPower.forEach((bp) => expect(topLocalMaximaAt(bp, coarse.exact, 10)).toEqual(topLocalMaxima(bp, 10)));
    }
  });
});
