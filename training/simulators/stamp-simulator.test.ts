import { beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../lib/math/random";
import {
  CENTRE,
  MISSING,
  STAMP_CLASSES,
  STAMP_SIZE,
  simulateStampDataset,
  simulateStampExample,
  type SimulatedStampExample,
  type StampClass,
  type StampSimulatorOptions,
} from "./stamp-simulator";
import { apertureSum, moffat, psfFitFlux } from "./stamp-simulator/render";

const N = 200;
const CLEAN: StampSimulatorOptions = { fieldSources: false, nanProbability: 0 };

function batch(seed: number, cls: StampClass, n: number, options: StampSimulatorOptions = {}): SimulatedStampExample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => simulateStampExample(rng, cls, options));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
const px = (img: Float32Array, x: number, y: number) => img[y * STAMP_SIZE + x]!;
const sameBits = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
const sdOf = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};
/** Pixels of the four 14×14 corners (≥ 17 px from the centre). */
function cornerPixels(img: Float32Array): number[] {
  const out: number[] = [];
  for (const [x0, y0] of [
    [0, 0],
    [49, 0],
    [0, 49],
    [49, 49],
  ] as const)
    for (let y = y0; y < y0 + 14; y++) for (let x = x0; x < x0 + 14; x++) out.push(px(img, x, y));
  return out;
}
const fluxFromMag = (mag: number, zp: number) => 10 ** (-0.4 * (mag - zp));

describe("simulateStampDataset", () => {
  it("is deterministic by seed and differs between seeds", () => {
    const a = simulateStampDataset(5, 3);
    const b = simulateStampDataset(5, 3);
    const c = simulateStampDataset(6, 3);
    expect(a).toHaveLength(15);
    for (let i = 0; i < a.length; i++) {
      const [x, y] = [a[i]!, b[i]!];
      expect(x.label).toBe(y.label);
      expect(sameBits(x.science, y.science) && sameBits(x.reference, y.reference) && sameBits(x.difference, y.difference)).toBe(true);
      expect(x.metadata).toEqual(y.metadata);
    }
    expect(a.map((e) => e.metadata.magpsf)).not.toEqual(c.map((e) => e.metadata.magpsf));
    expect(sameBits(a[0]!.science, c[0]!.science)).toBe(false);
  });

  it("returns the requested number of each class, 63×63 images and the label", () => {
    const ds = simulateStampDataset(1, { SN: 2, bogus: 3 });
    expect(ds.filter((e) => e.label === "SN")).toHaveLength(2);
    expect(ds.filter((e) => e.label === "bogus")).toHaveLength(3);
    for (const e of ds) for (const img of [e.science, e.reference, e.difference]) expect(img).toHaveLength(STAMP_SIZE * STAMP_SIZE);
  });
});

describe("stamp physics (averages over 200 examples)", () => {
  it("asteroid: no excess flux at the centre of the reference, a source in the science", () => {
    const ex = batch(11, "asteroid", N, CLEAN);
    const refExcess = ex.map((e) => apertureSum(e.reference, e.truth.x, e.truth.y, 3, e.truth.skyReference));
    const sciExcess = ex.map((e) => apertureSum(e.science, e.truth.x, e.truth.y, 3, e.metadata.sky));
    // Reference: mean consistent with 0 (within 4 standard errors) and tiny next to the science.
    expect(Math.abs(mean(refExcess))).toBeLessThan((4 * sdOf(refExcess)) / Math.sqrt(N));
    expect(Math.abs(mean(refExcess))).toBeLessThan(0.02 * mean(sciExcess));
    expect(mean(sciExcess) / (sdOf(sciExcess) / Math.sqrt(N))).toBeGreaterThan(5);
    // Per example: ≥ 3σ in the science aperture for nearly all, |excess| < 3σ in the reference for nearly all.
    const apertureSd = (e: SimulatedStampExample, sd: number) => sd * Math.sqrt(Math.PI * 9);
    expect(ex.filter((e, i) => sciExcess[i]! > 3 * apertureSd(e, e.truth.noiseScience)).length).toBeGreaterThan(0.9 * N);
    expect(ex.filter((e, i) => Math.abs(refExcess[i]!) < 3 * apertureSd(e, e.truth.noiseReference)).length).toBeGreaterThan(0.95 * N);
    expect(ex.every((e) => e.metadata.isdiffpos === "t" && e.metadata.ndethist <= 2 && e.truth.referenceFlux === 0)).toBe(true);
  });

  it("VS: the reference has a point source at the centre whose aperture flux matches magnr via the zero point", () => {
    const ex = batch(12, "VS", N, CLEAN).filter((e) => e.metadata.fwhm < 4);
    let measured = 0;
    let expected = 0;
    for (const e of ex) {
      measured += apertureSum(e.reference, e.truth.x, e.truth.y, 25, e.truth.skyReference);
      expected += fluxFromMag(e.metadata.magnr, e.metadata.magzpsci);
      // Brightest reference pixel within 1 px of the centre.
      let best = 0;
      for (let i = 1; i < e.reference.length; i++) if (e.reference[i]! > e.reference[best]!) best = i;
      expect(Math.hypot((best % STAMP_SIZE) - CENTRE, Math.floor(best / STAMP_SIZE) - CENTRE)).toBeLessThanOrEqual(1.5);
    }
    expect(measured / expected).toBeGreaterThan(0.97);
    expect(measured / expected).toBeLessThan(1.03);
    const signs = new Set(ex.map((e) => e.metadata.isdiffpos));
    expect(signs).toEqual(new Set(["t", "f"]));
  });

  it("SN: the difference aperture flux matches magpsf via the zero point", () => {
    const ex = batch(13, "SN", N, CLEAN).filter((e) => e.metadata.fwhm < 4);
    let measured = 0;
    let expected = 0;
    for (const e of ex) {
      measured += apertureSum(e.difference, e.truth.x, e.truth.y, 15);
      expected += fluxFromMag(e.metadata.magpsf, e.metadata.magzpsci);
    }
    expect(measured / expected).toBeGreaterThan(0.96);
    expect(measured / expected).toBeLessThan(1.04);
  });

  it("SN: host galaxy in both images, cancelled in the difference; the SN is offset 0.5–5″ from the host", () => {
    const ex = batch(14, "SN", N, CLEAN);
    const hosted = ex.filter((e) => e.truth.host);
    expect(hosted.length).toBeGreaterThan(0.8 * N);
    expect(hosted.length).toBeLessThan(0.97 * N);
    for (const e of hosted) {
      const h = e.truth.host!;
      const offset = Math.hypot(h.x - e.truth.x, h.y - e.truth.y) * 1.01;
      expect(offset).toBeGreaterThanOrEqual(0.5);
      expect(offset).toBeLessThanOrEqual(5.1);
      expect(Math.abs(e.metadata.distnr - offset)).toBeLessThan(0.6);
      expect(e.truth.referenceFlux).toBe(0);
    }
    const far = hosted.filter((e) => Math.hypot(e.truth.host!.x - e.truth.x, e.truth.host!.y - e.truth.y) > 4);
    const hostRef = far.map((e) => apertureSum(e.reference, e.truth.host!.x, e.truth.host!.y, 2, e.truth.skyReference));
    const hostSci = far.map((e) => apertureSum(e.science, e.truth.host!.x, e.truth.host!.y, 2, e.metadata.sky));
    const hostDiff = far.map((e) => apertureSum(e.difference, e.truth.host!.x, e.truth.host!.y, 2));
    const snDiff = far.map((e) => apertureSum(e.difference, e.truth.x, e.truth.y, 2));
    expect(far.length).toBeGreaterThan(20);
    expect(mean(hostRef)).toBeGreaterThan(0);
    expect(median(hostRef.map((r, i) => r / hostSci[i]!))).toBeGreaterThan(0.8); // same host in both
    // In the difference the host nucleus is gone; only the SN's PSF wing remains there.
    expect(mean(hostDiff)).toBeLessThan(0.25 * mean(hostRef));
    expect(mean(hostDiff)).toBeLessThan(0.5 * mean(snDiff));
    expect(median(ex.map((e) => e.metadata.sgscore1))).toBeLessThan(0.3);
    expect(ex.every((e) => e.metadata.isdiffpos === "t")).toBe(true);
  });

  it("AGN: a nucleus in the reference at the host centre, the difference positive or negative", () => {
    const ex = batch(15, "AGN", N, CLEAN);
    for (const e of ex) {
      expect(e.truth.referenceFlux).toBeGreaterThan(0);
      expect(Math.hypot(e.truth.host!.x - e.truth.x, e.truth.host!.y - e.truth.y)).toBeLessThan(0.6);
      expect(e.metadata.distnr).toBeLessThan(0.6);
    }
    const t = ex.filter((e) => e.metadata.isdiffpos === "t").length / ex.length;
    expect(t).toBeGreaterThan(0.45);
    expect(t).toBeLessThan(0.75);
    // isdiffpos agrees with the sign of the PSF fit on the noisy difference.
    const agree = ex.filter(
      (e) =>
        psfFitFlux(e.difference, e.truth.x, e.truth.y, moffat(e.metadata.fwhm, e.truth.psfBeta)) > 0 === (e.metadata.isdiffpos === "t"),
    );
    expect(agree.length).toBeGreaterThan(0.95 * ex.length);
  });

  it("bogus dipoles: positive and negative lobes that sum to ≈ 0", () => {
    const ex = batch(16, "bogus", N, { ...CLEAN, bogusKind: "dipole" });
    const ratios: number[] = [];
    let bothLobes = 0;
    for (const e of ex) {
      let sum = 0;
      let abs = 0;
      let lo = 0;
      let hi = 0;
      for (let y = CENTRE - 12; y <= CENTRE + 12; y++)
        for (let x = CENTRE - 12; x <= CENTRE + 12; x++) {
          const v = px(e.difference, x, y);
          sum += v;
          abs += Math.abs(v);
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      if (lo < -5 * e.truth.noiseDifference && hi > 5 * e.truth.noiseDifference) bothLobes++;
      ratios.push(sum / abs);
    }
    expect(bothLobes).toBeGreaterThan(0.9 * N);
    expect(Math.abs(mean(ratios))).toBeLessThan(0.05);
  });

  it("cosmic rays: the science centre pixel is much sharper than any PSF", () => {
    const sharpness = (e: SimulatedStampExample, x: number, y: number) => {
      const sky = e.metadata.sky;
      const neighbours = (px(e.science, x - 1, y) + px(e.science, x + 1, y) + px(e.science, x, y - 1) + px(e.science, x, y + 1)) / 4 - sky;
      return (px(e.science, x, y) - sky) / Math.max(neighbours, 1e-3);
    };
    const rays = batch(17, "bogus", N, { ...CLEAN, bogusKind: "cosmic_ray" }).map((e) => sharpness(e, CENTRE, CENTRE));
    const stars = batch(18, "asteroid", N, CLEAN)
      .filter((e) => e.truth.trailLength < 1 && e.metadata.magpsf < 19)
      .map((e) => sharpness(e, Math.round(e.truth.x), Math.round(e.truth.y)));
    expect(median(rays)).toBeGreaterThan(4);
    expect(median(stars)).toBeLessThan(2.5);
    expect(median(stars)).toBeGreaterThan(1);
  });

  it("bad columns, saturated stars and edges give strong non-PSF residuals", () => {
    const col = batch(19, "bogus", 20, { ...CLEAN, bogusKind: "bad_column" });
    for (const e of col) {
      // A column or row through the centre is elevated along most of its length.
      const colMean = mean(Array.from({ length: 20 }, (_, i) => px(e.difference, CENTRE, i + 40)));
      const rowMean = mean(Array.from({ length: 20 }, (_, i) => px(e.difference, i + 40, CENTRE)));
      const partial = mean(
        Array.from({ length: 5 }, (_, i) => Math.max(px(e.difference, CENTRE, CENTRE + 1 + i), px(e.difference, CENTRE + 1 + i, CENTRE))),
      );
      expect(Math.max(colMean, rowMean, partial)).toBeGreaterThan(e.truth.noiseDifference);
    }
    const sat = batch(20, "bogus", 20, { ...CLEAN, bogusKind: "saturated_star" });
    for (const e of sat) {
      let maxSci = 0;
      for (const v of e.science) maxSci = Math.max(maxSci, v);
      const flat = e.science.filter((v) => v === maxSci).length;
      expect(flat).toBeGreaterThan(1); // a clipped, flat-topped core
    }
    const edge = batch(21, "bogus", 20, { ...CLEAN, bogusKind: "edge" });
    for (const e of edge) {
      expect(e.truth.nanFraction).toBeGreaterThan(0.3);
      expect(Number.isNaN(px(e.science, CENTRE, CENTRE))).toBe(false);
    }
  });

  it("noise: the blank-sky sd is √(sky counts) within 10 % (in electrons), and the reference is a deeper coadd", () => {
    const unitGain = batch(22, "asteroid", N, { ...CLEAN, gain: 1 });
    const ratio = unitGain.map((e) => sdOf(cornerPixels(e.science)) / Math.sqrt(e.metadata.sky));
    expect(mean(ratio)).toBeGreaterThan(0.9);
    expect(mean(ratio)).toBeLessThan(1.1);
    const ex = batch(23, "VS", N, CLEAN);
    const sciRatio = ex.map((e) => (sdOf(cornerPixels(e.science)) * e.truth.gain) / Math.sqrt(e.metadata.sky * e.truth.gain));
    const refRatio = ex.map((e) => sdOf(cornerPixels(e.reference)) / e.truth.noiseReference);
    const diffRatio = ex.map((e) => sdOf(cornerPixels(e.difference)) / e.truth.noiseDifference);
    for (const r of [sciRatio, refRatio]) {
      expect(mean(r)).toBeGreaterThan(0.9);
      expect(mean(r)).toBeLessThan(1.1);
    }
    expect(mean(diffRatio)).toBeGreaterThan(0.9);
    expect(mean(diffRatio)).toBeLessThan(1.1);
    expect(ex.every((e) => e.truth.noiseReference < e.truth.noiseScience / 3)).toBe(true);
    expect(ex.every((e) => e.truth.fwhmReference <= e.metadata.fwhm * 1.1)).toBe(true);
  });

  it("NaN edge bands: same pixels in all three images, never the centre", () => {
    const ex = batch(24, "SN", 30, { nanProbability: 1 });
    for (const e of ex) {
      expect(e.truth.nanFraction).toBeGreaterThan(0);
      let mismatched = 0;
      for (let i = 0; i < e.science.length; i++) {
        const n = Number.isNaN(e.science[i]!);
        if (Number.isNaN(e.reference[i]!) !== n || Number.isNaN(e.difference[i]!) !== n) mismatched++;
      }
      expect(mismatched).toBe(0);
      expect(Number.isNaN(px(e.difference, CENTRE, CENTRE))).toBe(false);
    }
    expect(batch(25, "VS", 50, { nanProbability: 0 }).every((e) => e.truth.nanFraction === 0)).toBe(true);
  });
});

describe("metadata", () => {
  let ds: SimulatedStampExample[];
  beforeAll(() => {
    ds = simulateStampDataset(99, N);
  });
  const byClass = (cls: StampClass) => ds.filter((e) => e.label === cls);

  it("stays within the documented ranges", () => {
    for (const { metadata: m } of ds) {
      for (const s of [m.sgscore1, m.sgscore2, m.sgscore3]) expect(s === MISSING || (s >= 0 && s <= 1)).toBe(true);
      for (const d of [m.distpsnr1, m.distpsnr2, m.distpsnr3]) expect(d === MISSING || (d >= 0 && d <= 30.5)).toBe(true);
      const present = [m.distpsnr1, m.distpsnr2, m.distpsnr3].filter((d) => d !== MISSING);
      expect(present).toEqual([...present].sort((a, b) => a - b));
      expect(["t", "f"]).toContain(m.isdiffpos);
      expect(m.fwhm).toBeGreaterThan(1.2);
      expect(m.fwhm).toBeLessThan(6.5);
      expect(m.magpsf).toBeLessThanOrEqual(m.diffmaglim);
      expect(m.magpsf).toBeGreaterThan(8);
      expect(m.sigmapsf).toBeGreaterThan(0);
      expect(m.sigmapsf).toBeLessThanOrEqual(1.0857 / 5 + 1e-9);
      expect(m.diffmaglim).toBeGreaterThan(18);
      expect(m.diffmaglim).toBeLessThan(22.5);
      expect(m.magzpsci).toBeGreaterThanOrEqual(25.3);
      expect(m.magzpsci).toBeLessThanOrEqual(26.45);
      expect(m.classtar).toBeGreaterThanOrEqual(0);
      expect(m.classtar).toBeLessThanOrEqual(1);
      expect(m.rb).toBeGreaterThanOrEqual(0);
      expect(m.rb).toBeLessThanOrEqual(1);
      expect(m.ndethist).toBeGreaterThanOrEqual(1);
      expect(m.ndethist).toBeLessThanOrEqual(m.ncovhist);
      expect(m.non_detections).toBe(m.ncovhist - m.ndethist);
      expect(m.ra).toBeGreaterThanOrEqual(0);
      expect(m.ra).toBeLessThan(360);
      expect(m.dec).toBeGreaterThanOrEqual(-30);
      expect(Math.abs(m.ecl_lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(m.gal_lat)).toBeLessThanOrEqual(90);
      expect(m.distnr === MISSING || (m.distnr >= 0 && m.distnr <= 30.5)).toBe(true);
      expect(m.elong).toBeGreaterThanOrEqual(1);
      expect([1, 2]).toContain(m.fid);
    }
  });

  it("puts asteroids near the ecliptic, variable stars near the galactic plane, AGN/SN at high latitude", () => {
    const medAbs = (cls: StampClass, key: "ecl_lat" | "gal_lat") => median(byClass(cls).map((e) => Math.abs(e.metadata[key])));
    expect(medAbs("asteroid", "ecl_lat")).toBeLessThan(8);
    for (const cls of STAMP_CLASSES.filter((c) => c !== "asteroid")) expect(medAbs(cls, "ecl_lat")).toBeGreaterThan(15);
    expect(medAbs("VS", "gal_lat")).toBeLessThan(12);
    expect(medAbs("AGN", "gal_lat")).toBeGreaterThan(25);
    expect(medAbs("SN", "gal_lat")).toBeGreaterThan(25);
    expect(Math.min(...byClass("AGN").map((e) => Math.abs(e.metadata.gal_lat)))).toBeGreaterThanOrEqual(15);
  });

  it("gives star-like PS1 counterparts to variable stars and galaxies to SNe, none at the asteroid position", () => {
    expect(median(byClass("VS").map((e) => e.metadata.sgscore1))).toBeGreaterThan(0.8);
    expect(median(byClass("VS").map((e) => e.metadata.distpsnr1))).toBeLessThan(0.5);
    expect(median(byClass("SN").map((e) => e.metadata.sgscore1))).toBeLessThan(0.3);
    expect(median(byClass("asteroid").map((e) => (e.metadata.distpsnr1 === MISSING ? 99 : e.metadata.distpsnr1)))).toBeGreaterThan(5);
    expect(median(byClass("asteroid").map((e) => e.metadata.ndethist))).toBe(1);
    expect(median(byClass("VS").map((e) => e.metadata.ndethist))).toBeGreaterThan(10);
  });
});
