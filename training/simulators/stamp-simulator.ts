/**
 * A documented simulator of ZTF alert stamps (science / reference / difference cutouts, 63×63 pixels
 * of 1.01″) and alert metadata, for training a stamp classifier like ALeRCE's (Carrasco-Davis et al.
 * 2021) when no labelled real stamps are available. Classes: AGN, SN, VS, asteroid, bogus.
 *
 * Units: images are in DN (data numbers) with the zero point `magzpsci` (m = zp − 2.5 log10 DN), as in
 * ZTF cutouts. Photon noise is computed in electrons with an effective gain (e⁻/DN), so in electrons
 * the sky noise is √(sky counts). See training/simulators/README.md for the model, every parameter and its source,
 * the ranges measured on the real alerts in fixtures/alerts/, and the known limitations.
 */
import { equatorialToEcliptic, equatorialToGalactic, eclipticToEquatorial, galacticToEquatorial } from "../../lib/coords/sky-coordinates";
import { Rng } from "../../lib/math/random";
import {
  CENTRE,
  PIXEL_SCALE_ARCSEC,
  STAMP_SIZE,
  addMoffat,
  addTrailedMoffat,
  blurVarianceFactor,
  fwhmToSigma,
  gaussianBlur,
  moffat,
  moffatSumSquares,
  newImage,
  psfFitFlux,
  renderSersic,
  type Image,
  type Psf,
  type Sersic,
} from "./stamp-simulator/render";

export { CENTRE, PIXEL_SCALE_ARCSEC, STAMP_SIZE } from "./stamp-simulator/render";

export const STAMP_CLASSES = ["AGN", "SN", "VS", "asteroid", "bogus"] as const;
export type StampClass = (typeof STAMP_CLASSES)[number];
export const BOGUS_KINDS = ["dipole", "cosmic_ray", "bad_column", "saturated_star", "edge"] as const;
export type BogusKind = (typeof BOGUS_KINDS)[number];

/** Missing-value sentinel, as in ZTF alerts (sgscore/distpsnr with no PS1 source) and ALeRCE's fill. */
export const MISSING = -999;

/**
 * Alert metadata, named and scaled as in the ZTF alert schema (candidate.avsc) and ALeRCE's stamp
 * classifier feature list. Angles in degrees, distances in arcsec, fwhm in pixels, magnitudes AB.
 */
export type SimulatedMetadata = {
  /** PS1-PSC star/galaxy score of the 1st/2nd/3rd closest PS1 source within 30″: 1 = star; −999 = none. */
  sgscore1: number;
  sgscore2: number;
  sgscore3: number;
  /** Distance (arcsec) to those PS1 sources; −999 = none. */
  distpsnr1: number;
  distpsnr2: number;
  distpsnr3: number;
  /** ZTF convention: "t" = science brighter than reference (positive difference), "f" = negative. */
  isdiffpos: "t" | "f";
  /** Science-image FWHM in pixels (ZTF's `fwhm`). */
  fwhm: number;
  /** PSF-fit magnitude of the difference-image flux at the candidate (|flux|). */
  magpsf: number;
  sigmapsf: number;
  ra: number;
  dec: number;
  ecl_lat: number;
  ecl_long: number;
  gal_lat: number;
  gal_long: number;
  /** 5σ PSF limiting magnitude of the difference image. */
  diffmaglim: number;
  /** SExtractor star/galaxy score of the difference-image detection. */
  classtar: number;
  ndethist: number;
  ncovhist: number;
  /** ncovhist − ndethist (ALeRCE's `non_detections` proxy). */
  non_detections: number;
  /** Nearest source in the reference-image catalogue: distance (″), mag, DAOPHOT χ and sharp; −999 = none. */
  distnr: number;
  magnr: number;
  chinr: number;
  sharpnr: number;
  /** Real/bogus score proxy (simulated, class-dependent; see README before using it as a feature). */
  rb: number;
  /** Elongation (a/b) of the difference detection. */
  elong: number;
  magzpsci: number;
  /** Science sky background, DN per pixel. */
  sky: number;
  /** Filter id: 1 = g, 2 = r. */
  fid: 1 | 2;
};

/** Ground truth for tests and diagnostics (NOT features). Positions in pixels. */
export type StampTruth = {
  /** Position of the central (triggering) source in the science image. */
  x: number;
  y: number;
  /** Central point source flux (DN) in science and reference (0 when absent). */
  scienceFlux: number;
  referenceFlux: number;
  host: Sersic | null;
  bogusKind: BogusKind | null;
  trailLength: number;
  fwhmReference: number;
  psfBeta: number;
  skyReference: number;
  gain: number;
  referenceFrames: number;
  /** Per-pixel noise sd (DN) of the blank sky in science, reference and difference. */
  noiseScience: number;
  noiseReference: number;
  noiseDifference: number;
  /** Field sources (both images, constant flux). */
  fieldSources: { x: number; y: number; mag: number; star: boolean }[];
  /** Whether a NaN edge band was applied (and the NaN pixel fraction). */
  nanFraction: number;
};

export type SimulatedStampExample = {
  science: Float32Array;
  reference: Float32Array;
  difference: Float32Array;
  metadata: SimulatedMetadata;
  label: StampClass;
  truth: StampTruth;
};

export type StampSimulatorOptions = {
  /** Fixed effective gain (e⁻/DN); default U(2.5, 3.7) as measured on the fixtures' science stamps. */
  gain?: number;
  /** Probability of a NaN edge band in non-"edge" examples (default 0.03). */
  nanProbability?: number;
  /** Force a bogus sub-kind (only used when cls = "bogus"). */
  bogusKind?: BogusKind;
  /** Draw unrelated PS1/field sources in the stamp (default true). */
  fieldSources?: boolean;
  /** PSF-matching errors and misregistration of the reference (default true). */
  psfMismatch?: boolean;
};

const NPIX = STAMP_SIZE * STAMP_SIZE;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const magToFlux = (mag: number, zp: number) => 10 ** (-0.4 * (mag - zp));
const fluxToMag = (flux: number, zp: number) => zp - 2.5 * Math.log10(flux);
const round3 = (v: number) => Math.round(v * 1000) / 1000;

type Conditions = {
  zp: number;
  sky: number;
  skyRef: number;
  gain: number;
  nRef: number;
  psfSci: Psf;
  psfRef: Psf;
  /** Gaussian σ of the kernel that degrades the reference PSF to the science PSF. */
  sigmaKernel: number;
  /** Relative FWHM error of the PSF matching and misregistration (px) of the matched reference. */
  matchEps: number;
  shiftX: number;
  shiftY: number;
  noiseSci: number;
  noiseRef: number;
  noiseDiff: number;
  /** Effective PSF-fit noise relative to the white-noise ideal (calibrated on the fixtures). */
  noiseInflation: number;
  /** 1σ PSF-fit flux error in the difference (DN). */
  sigmaFlux: number;
  diffmaglim: number;
  /** Science saturation level (DN), above the sky. */
  saturation: number;
  fid: 1 | 2;
};

function drawConditions(rng: Rng, options: StampSimulatorOptions): Conditions {
  const fid: 1 | 2 = rng.bernoulli(0.45) ? 1 : 2;
  const zp = clamp(rng.normal(fid === 1 ? 26.1 : 25.95, 0.17), 25.3, 26.45);
  const sky = clamp(80 * Math.exp(rng.normal(0, 0.3)), 35, 400);
  const skyRef = sky * rng.uniform(0.97, 1.03);
  const gain = options.gain ?? rng.uniform(2.5, 3.7);
  const nRef = rng.int(15, 40);
  const beta = rng.uniform(2.5, 4.5);
  const fwhmSci = clamp(2.3 * Math.exp(rng.normal(0, 0.28)), 1.4, 6);
  const fwhmRef = Math.max(1.3, Math.min(fwhmSci, fwhmSci * rng.uniform(0.6, 1.02)));
  const psfSci = moffat(fwhmSci, beta);
  const psfRef = moffat(fwhmRef, beta);
  const sigmaKernel = Math.sqrt(Math.max(0, fwhmToSigma(fwhmSci) ** 2 - fwhmToSigma(fwhmRef) ** 2));
  const mismatch = options.psfMismatch ?? true;
  const noiseSci = Math.sqrt(sky / gain);
  const noiseRef = Math.sqrt(skyRef / (gain * nRef));
  const noiseDiff = Math.sqrt(noiseSci ** 2 + noiseRef ** 2 * blurVarianceFactor(sigmaKernel));
  // The real alerts imply a PSF-fit flux error 1.0–3.0× (median 1.9) the white-noise ideal
  // σ_pix·√NEA (correlated noise from resampling and PSF matching, ZOGY's Scorr terms); see README.
  const noiseInflation = rng.uniform(1.2, 2.8);
  const sigmaFlux = (noiseInflation * noiseDiff) / Math.sqrt(moffatSumSquares(psfSci));
  return {
    zp,
    sky,
    skyRef,
    gain,
    nRef,
    psfSci,
    psfRef,
    sigmaKernel,
    matchEps: mismatch ? rng.normal(0, 0.02) : 0,
    shiftX: mismatch ? rng.normal(0, 0.03) : 0,
    shiftY: mismatch ? rng.normal(0, 0.03) : 0,
    noiseSci,
    noiseRef,
    noiseDiff,
    noiseInflation,
    sigmaFlux,
    diffmaglim: fluxToMag(5 * sigmaFlux, zp),
    saturation: rng.uniform(20000, 35000),
    fid,
  };
}

// ---------------------------------------------------------------------------------------------
// Sky positions
// ---------------------------------------------------------------------------------------------

type SkyPosition = { ra: number; dec: number };
const ZTF_MIN_DEC = -30;

function uniformSky(rng: Rng): SkyPosition {
  return { ra: rng.uniform(0, 360), dec: (Math.asin(rng.uniform(-1, 1)) * 180) / Math.PI };
}

function drawPosition(rng: Rng, cls: StampClass): SkyPosition {
  for (let attempt = 0; attempt < 1000; attempt++) {
    let p: SkyPosition;
    if (cls === "asteroid") {
      // Near the ecliptic: β ~ N(0, 8°) (main belt inclinations; NEOs wider), λ uniform.
      p = eclipticToEquatorial(rng.uniform(0, 360), clamp(rng.normal(0, 8), -60, 60));
    } else if (cls === "VS" || (cls === "bogus" && rng.bernoulli(0.5))) {
      // Galactic disc: |b| exponential with a 8° scale (85 %), else anywhere.
      if (rng.bernoulli(0.85)) {
        const b = Math.min(89, rng.exponential(8)) * (rng.bernoulli(0.5) ? 1 : -1);
        // Longitudes concentrated toward the inner Galaxy (|l| < 90° twice as likely).
        const l = rng.bernoulli(0.67) ? (rng.uniform(-90, 90) + 360) % 360 : rng.uniform(90, 270);
        p = galacticToEquatorial(l, b);
      } else p = uniformSky(rng);
    } else {
      p = uniformSky(rng);
      // Extragalactic: avoid the dust-obscured, crowded plane (|b| > 15° for AGN, > 10° for SN).
      const minB = cls === "AGN" ? 15 : cls === "SN" ? 10 : 0;
      if (Math.abs(equatorialToGalactic(p.ra, p.dec).b) < minB) continue;
    }
    if (p.dec >= ZTF_MIN_DEC) return p;
  }
  return { ra: 180, dec: 30 };
}

// ---------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------

type PointSource = {
  xs: number;
  ys: number;
  xr: number;
  yr: number;
  fluxSci: number;
  fluxRef: number;
  /** Intrinsic size (px, Gaussian-FWHM-like) added in quadrature to the PSF FWHM (compact galaxies). */
  extent: number;
  trail: { length: number; angle: number } | null;
};

type CatalogSource = { dist: number; mag: number; sgscore: number; extended: boolean };

const PS1_LIMIT = 22.5;
const ZTF_REF_LIMIT = 23;

function drawSgscore(rng: Rng, star: boolean, mag: number): number {
  if (mag > 21.5) return clamp(rng.normal(0.5, 0.08), 0, 1); // PS1-PSC is uninformative when faint
  return star ? clamp(1 - 0.2 * rng.next() ** 2, 0, 1) : clamp(0.3 * rng.next() ** 2, 0, 1);
}

function drawField(rng: Rng, galB: number): { x: number; y: number; mag: number; star: boolean; extent: number }[] {
  const lambda = 3 + 35 * Math.exp(-Math.abs(galB) / 8);
  const n = rng.poisson(lambda);
  const out = [];
  const starFraction = 0.35 + 0.6 * Math.exp(-Math.abs(galB) / 15);
  for (let i = 0; i < n; i++) {
    // Radius up to 30″ (PS1 match radius), uniform in area, not blended with the centre (> 1.5″).
    const r = Math.max(1.5, 30 * Math.sqrt(rng.next())) / PIXEL_SCALE_ARCSEC;
    const phi = rng.uniform(0, 2 * Math.PI);
    // Number counts dN/dm ∝ 10^{0.25 m} on [13, 23].
    const k = 0.25 * Math.LN10;
    const u = rng.next();
    const mag = Math.log(Math.exp(k * 13) + u * (Math.exp(k * 23) - Math.exp(k * 13))) / k;
    const star = rng.bernoulli(starFraction);
    out.push({ x: CENTRE + r * Math.cos(phi), y: CENTRE + r * Math.sin(phi), mag, star, extent: star ? 0 : rng.uniform(0.8, 2.5) });
  }
  return out;
}

type Scene = {
  points: PointSource[];
  hosts: Sersic[];
  /** Catalogue counterparts of the central object (PS1 and the ZTF reference catalogue). */
  central: CatalogSource | null;
  centralRef: { dist: number; mag: number; chi: number; sharp: number } | null;
  truth: { x: number; y: number; scienceFlux: number; referenceFlux: number; host: Sersic | null; trailLength: number };
};

function drawHost(rng: Rng, x: number, y: number, mag: number, zp: number, reRange: [number, number]): Sersic {
  return {
    x,
    y,
    flux: magToFlux(mag, zp),
    re: rng.logUniform(reRange[0], reRange[1]),
    n: rng.weightedChoice([1, 2.5, 4], [0.6, 0.25, 0.15]),
    q: rng.uniform(0.3, 1),
    theta: rng.uniform(0, Math.PI),
  };
}

const starChi = (rng: Rng) => clamp(0.6 * Math.exp(rng.normal(0, 0.35)), 0.1, 5);
const starSharp = (rng: Rng) => rng.normal(0, 0.03);
const galaxyChi = (rng: Rng) => clamp(1.5 * Math.exp(rng.normal(0, 0.5)), 0.3, 10);
const galaxySharp = (rng: Rng) => rng.uniform(0.05, 0.6);

/** The flux of the change that triggered the alert: magpsf = diffmaglim − Δ, Δ = 0.1 + 4.5 u². */
function drawChangeFlux(rng: Rng, c: Conditions): number {
  return magToFlux(Math.max(13.5, c.diffmaglim - (0.1 + 4.5 * rng.next() ** 2)), c.zp);
}

function buildRealScene(rng: Rng, cls: Exclude<StampClass, "bogus">, c: Conditions): Scene {
  const x = CENTRE + rng.uniform(-0.5, 0.5);
  const y = CENTRE + rng.uniform(-0.5, 0.5);
  const change = drawChangeFlux(rng, c);
  const point = (fluxSci: number, fluxRef: number, trail: PointSource["trail"] = null): PointSource => ({
    xs: x,
    ys: y,
    xr: x,
    yr: y,
    fluxSci,
    fluxRef,
    extent: 0,
    trail,
  });
  switch (cls) {
    case "SN": {
      const hostless = rng.bernoulli(0.1);
      const offset = (0.5 + 4.5 * rng.next() ** 1.3) / PIXEL_SCALE_ARCSEC; // 0.5–5″
      const phi = rng.uniform(0, 2 * Math.PI);
      const hostMag = rng.uniform(15.5, 20.5);
      const host = hostless ? null : drawHost(rng, x + offset * Math.cos(phi), y + offset * Math.sin(phi), hostMag, c.zp, [1, 6]);
      const distArcsec = offset * PIXEL_SCALE_ARCSEC;
      return {
        points: [point(change, 0)],
        hosts: host ? [host] : [],
        central:
          host && hostMag < PS1_LIMIT
            ? { dist: distArcsec + Math.abs(rng.normal(0, 0.1)), mag: hostMag, sgscore: drawSgscore(rng, false, hostMag), extended: true }
            : null,
        centralRef: host
          ? {
              dist: distArcsec + Math.abs(rng.normal(0, 0.1)),
              mag: hostMag + rng.uniform(0.3, 1.5),
              chi: galaxyChi(rng),
              sharp: galaxySharp(rng),
            }
          : null,
        truth: { x, y, scienceFlux: change, referenceFlux: 0, host, trailLength: 0 },
      };
    }
    case "AGN": {
      const sign = rng.bernoulli(0.6) ? 1 : -1;
      const nucleusRef = change / rng.uniform(0.08, 0.6);
      const hostMag = rng.uniform(15.5, 19.5);
      const host = drawHost(rng, x + rng.normal(0, 0.1), y + rng.normal(0, 0.1), hostMag, c.zp, [1, 4]);
      const nucleusDominates = nucleusRef > host.flux;
      const centralMag = fluxToMag(nucleusRef + host.flux, c.zp);
      return {
        points: [point(nucleusRef + sign * change, nucleusRef)],
        hosts: [host],
        central: {
          dist: Math.abs(rng.normal(0, 0.15)),
          mag: centralMag,
          sgscore: nucleusDominates ? rng.uniform(0.5, 1) : rng.uniform(0.02, 0.5),
          extended: !nucleusDominates,
        },
        centralRef: {
          dist: Math.abs(rng.normal(0, 0.12)),
          mag: fluxToMag(nucleusRef + 0.5 * host.flux, c.zp),
          chi: nucleusDominates ? starChi(rng) : galaxyChi(rng),
          sharp: nucleusDominates ? rng.uniform(-0.02, 0.1) : galaxySharp(rng),
        },
        truth: { x, y, scienceFlux: nucleusRef + sign * change, referenceFlux: nucleusRef, host, trailLength: 0 },
      };
    }
    case "VS": {
      let sign = rng.bernoulli(0.5) ? 1 : -1;
      let ref = change / (sign > 0 ? rng.logUniform(0.03, 3) : rng.logUniform(0.03, 0.9));
      ref = Math.min(ref, magToFlux(13, c.zp)); // brighter stars saturate (see bogus)
      if (sign < 0 && ref < change / 0.9) sign = 1;
      const mag = fluxToMag(ref, c.zp);
      return {
        points: [point(ref + sign * change, ref)],
        hosts: [],
        central:
          mag < PS1_LIMIT ? { dist: Math.abs(rng.normal(0, 0.1)), mag, sgscore: drawSgscore(rng, true, mag), extended: false } : null,
        centralRef: { dist: Math.abs(rng.normal(0, 0.1)), mag, chi: starChi(rng), sharp: starSharp(rng) },
        truth: { x, y, scienceFlux: ref + sign * change, referenceFlux: ref, host: null, trailLength: 0 },
      };
    }
    case "asteroid": {
      // Trail in a 30 s exposure: main-belt ≈ 0.1″, fast NEOs a few ″.
      const length = rng.logUniform(0.1, 4);
      return {
        points: [point(change, 0, { length, angle: rng.uniform(0, Math.PI) })],
        hosts: [],
        central: null,
        centralRef: null,
        truth: { x, y, scienceFlux: change, referenceFlux: 0, host: null, trailLength: length },
      };
    }
  }
}

/** Bogus artefact contributions beyond point sources: science-only pixel additions and NaN bands. */
type Artefact = {
  scene: Scene;
  /** Added to the science image (and therefore the difference); scaled to the target flux when `scalable`. */
  scienceOnly: Image | null;
  scalable: boolean;
  saturate: boolean;
  nanBand: { side: 0 | 1 | 2 | 3; distance: number } | null;
};

function buildBogus(rng: Rng, kind: BogusKind, c: Conditions): Artefact {
  const x = CENTRE;
  const y = CENTRE;
  const empty = (scene?: Partial<Scene>): Scene => ({
    points: [],
    hosts: [],
    central: null,
    centralRef: null,
    truth: { x, y, scienceFlux: 0, referenceFlux: 0, host: null, trailLength: 0 },
    ...scene,
  });
  const target = drawChangeFlux(rng, c);
  switch (kind) {
    case "dipole": {
      // A constant star whose science position is misregistered by δ = 0.3–1.2 px: +/− lobes.
      const d = rng.uniform(0.3, 1.2);
      const phi = rng.uniform(0, 2 * Math.PI);
      const dx = d * Math.cos(phi);
      const dy = d * Math.sin(phi);
      // Positive-lobe PSF-fit response per unit star flux.
      const unit = newImage();
      addMoffat(unit, x, y, 1, c.psfSci, 1e-6);
      addMoffat(unit, x - dx, y - dy, -1, c.psfSci, 1e-6);
      const response = Math.max(0.05, psfFitFlux(unit, x, y, c.psfSci));
      const flux = Math.min(magToFlux(12.5, c.zp), target / response);
      const mag = fluxToMag(flux, c.zp);
      return {
        scene: empty({
          points: [{ xs: x, ys: y, xr: x - dx, yr: y - dy, fluxSci: flux, fluxRef: flux, extent: 0, trail: null }],
          central: { dist: Math.abs(rng.normal(0.3, 0.2)), mag, sgscore: drawSgscore(rng, true, mag), extended: false },
          centralRef: { dist: (d / 2) * PIXEL_SCALE_ARCSEC, mag, chi: starChi(rng), sharp: starSharp(rng) },
          truth: { x, y, scienceFlux: flux, referenceFlux: flux, host: null, trailLength: 0 },
        }),
        scienceOnly: null,
        scalable: false,
        saturate: false,
        nanBand: null,
      };
    }
    case "cosmic_ray": {
      // 1–4 adjacent hit pixels (or a 3–8 px track, 30 %), not convolved with the PSF.
      const img = newImage();
      const track = rng.bernoulli(0.3);
      const n = track ? rng.int(3, 8) : rng.int(1, 4);
      const angle = rng.uniform(0, Math.PI);
      let px = x;
      let py = y;
      img[py * STAMP_SIZE + px] = 1;
      for (let i = 1; i < n; i++) {
        if (track) {
          px = Math.round(x + i * Math.cos(angle));
          py = Math.round(y + i * Math.sin(angle));
        } else {
          const step = rng.choice([
            [1, 0],
            [-1, 0],
            [0, 1],
            [0, -1],
          ] as const);
          px = clamp(px + step[0], 0, STAMP_SIZE - 1);
          py = clamp(py + step[1], 0, STAMP_SIZE - 1);
        }
        const k = py * STAMP_SIZE + px;
        img[k] = Math.max(img[k]!, rng.uniform(0.15, 0.8));
      }
      return { scene: empty(), scienceOnly: img, scalable: true, saturate: false, nanBand: null };
    }
    case "bad_column": {
      // A hot/bad column or row through the candidate, full or partial length, in the science image.
      const img = newImage();
      const vertical = rng.bernoulli(0.7);
      const full = rng.bernoulli(0.6);
      const from = full ? 0 : rng.int(0, CENTRE - 3);
      const to = full ? STAMP_SIZE - 1 : rng.int(CENTRE + 3, STAMP_SIZE - 1);
      const width = rng.bernoulli(0.8) ? 1 : 2;
      for (let i = from; i <= to; i++) {
        for (let w = 0; w < width; w++) {
          const k = vertical ? i * STAMP_SIZE + CENTRE + w : (CENTRE + w) * STAMP_SIZE + i;
          img[k] = 1 + 0.1 * rng.normal();
        }
      }
      return { scene: empty(), scienceOnly: img, scalable: true, saturate: false, nanBand: null };
    }
    case "saturated_star": {
      // A star whose PSF peak is 1.5–8× the saturation level (≈ 10–13 mag): flat-topped (clipped)
      // core in the science image, leaving a hole plus PSF-mismatch residuals in the difference.
      const peakFraction = (c.psfSci.beta - 1) / (Math.PI * c.psfSci.alpha ** 2);
      const flux = (c.saturation * rng.logUniform(1.5, 8)) / peakFraction;
      const mag = fluxToMag(flux, c.zp);
      const ox = rng.normal(0, 1);
      const oy = rng.normal(0, 1);
      return {
        scene: empty({
          points: [{ xs: x + ox, ys: y + oy, xr: x + ox, yr: y + oy, fluxSci: flux, fluxRef: flux, extent: 0, trail: null }],
          central: { dist: Math.hypot(ox, oy) * PIXEL_SCALE_ARCSEC, mag, sgscore: drawSgscore(rng, true, mag), extended: false },
          centralRef: {
            dist: Math.hypot(ox, oy) * PIXEL_SCALE_ARCSEC,
            mag: mag + rng.uniform(0, 1),
            chi: clamp(5 * Math.exp(rng.normal(0, 0.5)), 1, 50),
            sharp: rng.normal(0, 0.2),
          },
          truth: { x: x + ox, y: y + oy, scienceFlux: flux, referenceFlux: flux, host: null, trailLength: 0 },
        }),
        scienceOnly: null,
        scalable: false,
        saturate: true,
        nanBand: null,
      };
    }
    case "edge": {
      // Candidate 2–6 px from the CCD edge: NaN beyond it, a bright ramp along the boundary.
      const side = rng.int(0, 3) as 0 | 1 | 2 | 3;
      const distance = rng.int(2, 6);
      const img = newImage();
      // Ramp decaying from the boundary toward the centre (scale ≥ d/2 so the candidate sits on it),
      // modulated along the edge by a Gaussian of 8–30 px.
      const decay = rng.uniform(0.5, 1) * distance;
      const along = rng.uniform(8, 30);
      const alongCentre = CENTRE + rng.normal(0, 3);
      for (let j = 0; j < STAMP_SIZE; j++) {
        const m = Math.exp(-0.5 * ((j - alongCentre) / along) ** 2);
        for (let t = 0; t < STAMP_SIZE; t++) {
          // t: coordinate across the edge; depth = distance from the boundary (≥ 0 inside the CCD).
          const depth = side === 0 || side === 2 ? CENTRE + distance - t : t - (CENTRE - distance);
          if (depth < 0 || depth > 4 * decay + 2) continue;
          const k = side <= 1 ? j * STAMP_SIZE + t : t * STAMP_SIZE + j;
          img[k] = m * Math.exp(-0.5 * (depth / decay) ** 2);
        }
      }
      return { scene: empty(), scienceOnly: img, scalable: true, saturate: false, nanBand: { side, distance } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

function widen(psf: Psf, extent: number): Psf {
  return extent > 0 ? moffat(Math.hypot(psf.fwhm, extent), psf.beta) : psf;
}

function applyNanBand(img: Float32Array, band: { side: 0 | 1 | 2 | 3; distance: number }): void {
  // side 0: x > centre + d; 1: x < centre − d; 2: y > centre + d; 3: y < centre − d.
  for (let y = 0; y < STAMP_SIZE; y++) {
    for (let x = 0; x < STAMP_SIZE; x++) {
      const inBand =
        band.side === 0
          ? x > CENTRE + band.distance
          : band.side === 1
            ? x < CENTRE - band.distance
            : band.side === 2
              ? y > CENTRE + band.distance
              : y < CENTRE - band.distance;
      if (inBand) img[y * STAMP_SIZE + x] = Number.NaN;
    }
  }
}

/**
 * Simulates one alert of class `cls`: the three 63×63 cutouts (row-major Float32Array, DN) and the
 * alert metadata. Deterministic given the state of `rng`.
 */
export function simulateStampExample(rng: Rng, cls: StampClass, options: StampSimulatorOptions = {}): SimulatedStampExample {
  // An alert exists only for a ≥ 5σ PSF-fit detection: redraw the (rare) examples whose change is
  // cancelled below that by PSF-matching residuals or trailing losses.
  let example = simulateOnce(rng, cls, options);
  for (let attempt = 0; attempt < 50 && example.metadata.magpsf > example.metadata.diffmaglim; attempt++)
    example = simulateOnce(rng, cls, options);
  return example;
}

function simulateOnce(rng: Rng, cls: StampClass, options: StampSimulatorOptions): SimulatedStampExample {
  const c = drawConditions(rng, options);
  const position = drawPosition(rng, cls);
  const gal = equatorialToGalactic(position.ra, position.dec);
  const ecl = equatorialToEcliptic(position.ra, position.dec);

  let artefact: Artefact;
  let bogusKind: BogusKind | null = null;
  if (cls === "bogus") {
    bogusKind = options.bogusKind ?? rng.weightedChoice(BOGUS_KINDS, [0.3, 0.2, 0.15, 0.15, 0.2]);
    artefact = buildBogus(rng, bogusKind, c);
  } else {
    artefact = { scene: buildRealScene(rng, cls, c), scienceOnly: null, scalable: false, saturate: false, nanBand: null };
  }
  const scene = artefact.scene;
  const field = options.fieldSources === false ? [] : drawField(rng, gal.b);
  for (const f of field) {
    const flux = magToFlux(f.mag, c.zp);
    scene.points.push({ xs: f.x, ys: f.y, xr: f.x, yr: f.y, fluxSci: flux, fluxRef: flux, extent: f.extent, trail: null });
  }

  // Noiseless models. The difference model is science − (reference re-rendered with the science PSF),
  // so constant sources cancel except for the PSF-matching error (ε, shift) of bright ones.
  const sci = newImage();
  const ref = newImage();
  const diff = newImage();
  const floorSci = 0.1 * c.noiseSci;
  const floorRef = 0.1 * c.noiseRef;
  const psfMatched = moffat(c.psfSci.fwhm * (1 + c.matchEps), c.psfSci.beta);
  for (const p of scene.points) {
    const ps = widen(c.psfSci, p.extent);
    const pr = widen(c.psfRef, p.extent);
    const pm = widen(psfMatched, p.extent);
    if (p.trail) addTrailedMoffat(sci, p.xs, p.ys, p.fluxSci, ps, p.trail.length, p.trail.angle, floorSci);
    else addMoffat(sci, p.xs, p.ys, p.fluxSci, ps, floorSci);
    addMoffat(ref, p.xr, p.yr, p.fluxRef, pr, floorRef);
    const samePlace = p.xs === p.xr && p.ys === p.yr && !p.trail;
    const peak = ((pm.beta - 1) / (Math.PI * pm.alpha * pm.alpha)) * p.fluxRef;
    const residual = peak * (2 * Math.abs(c.matchEps) + Math.hypot(c.shiftX, c.shiftY) / fwhmToSigma(pm.fwhm));
    if (samePlace && residual < 0.3 * c.noiseDiff) {
      addMoffat(diff, p.xs, p.ys, p.fluxSci - p.fluxRef, ps, floorSci);
    } else {
      if (p.trail) addTrailedMoffat(diff, p.xs, p.ys, p.fluxSci, ps, p.trail.length, p.trail.angle, floorSci);
      else addMoffat(diff, p.xs, p.ys, p.fluxSci, ps, floorSci);
      addMoffat(diff, p.xr + c.shiftX, p.yr + c.shiftY, -p.fluxRef, pm, floorSci);
    }
  }
  for (const h of scene.hosts) {
    const intrinsic = renderSersic(h);
    const hs = gaussianBlur(intrinsic, fwhmToSigma(c.psfSci.fwhm));
    const hr = gaussianBlur(intrinsic, fwhmToSigma(c.psfRef.fwhm));
    for (let i = 0; i < NPIX; i++) {
      sci[i] = sci[i]! + hs[i]!;
      ref[i] = ref[i]! + hr[i]!;
    }
  }

  // Science-only artefacts, scaled so that the PSF fit at the centre gives the target flux.
  if (artefact.scienceOnly) {
    const a = artefact.scienceOnly;
    let scale = 1;
    if (artefact.scalable) {
      const response = psfFitFlux(a, CENTRE, CENTRE, c.psfSci);
      scale = drawChangeFlux(rng, c) / Math.max(response, 1e-6);
    }
    for (let i = 0; i < NPIX; i++) {
      const v = a[i]! * scale;
      sci[i] = sci[i]! + v;
      diff[i] = diff[i]! + v;
    }
  }

  // Noise (Gaussian approximation of Poisson in electrons: λ ≥ 35 DN × 2.5 e⁻/DN ≈ 90 e⁻ per pixel).
  const science = new Float32Array(NPIX);
  const reference = new Float32Array(NPIX);
  const difference = new Float32Array(NPIX);
  const refNoise = newImage();
  const saturation = c.saturation;
  for (let i = 0; i < NPIX; i++) {
    const s = sci[i]!;
    const r = ref[i]!;
    const nr = Math.sqrt((c.skyRef + Math.max(0, r)) / (c.gain * c.nRef)) * rng.normalFast();
    refNoise[i] = nr;
    reference[i] = c.skyRef + r + nr;
    const ns = Math.sqrt((c.sky + Math.max(0, s)) / c.gain) * rng.normalFast();
    let value = c.sky + s + ns;
    let d = diff[i]! + ns;
    if (artefact.saturate && value > saturation) {
      d += saturation - value; // the clipped core leaves a negative hole in the difference
      value = saturation;
    }
    science[i] = value;
    difference[i] = d;
  }
  // The PSF-matched reference noise is the reference noise blurred by the matching kernel; it is
  // ≤ 4 % of the difference variance, so its spatial correlation is neglected: we subtract the
  // same realisation scaled to the blurred variance (saves a convolution per example).
  const refNoiseScale = Math.sqrt(blurVarianceFactor(c.sigmaKernel));
  for (let i = 0; i < NPIX; i++) difference[i] = difference[i]! - refNoiseScale * refNoise[i]!;

  // PSF-fit photometry on the noiseless difference model at the candidate position.
  const diffModel = Float64Array.from(diff);
  if (artefact.saturate) {
    for (let i = 0; i < NPIX; i++) {
      const v = c.sky + sci[i]!;
      if (v > saturation) diffModel[i] = diffModel[i]! + saturation - v;
    }
  }
  const tx = scene.truth.x;
  const ty = scene.truth.y;
  const fitX = cls === "bogus" ? CENTRE : tx;
  const fitY = cls === "bogus" ? CENTRE : ty;
  let fitFlux = psfFitFlux(diffModel, fitX, fitY, c.psfSci);
  if (fitFlux === 0) fitFlux = c.sigmaFlux * 5;
  const absFlux = Math.abs(fitFlux);

  // NaN bands (CCD edges): in all three images.
  let nanBand = artefact.nanBand;
  if (!nanBand && rng.bernoulli(options.nanProbability ?? 0.03))
    nanBand = { side: rng.int(0, 3) as 0 | 1 | 2 | 3, distance: rng.int(8, 30) };
  let nanFraction = 0;
  if (nanBand) {
    applyNanBand(science, nanBand);
    applyNanBand(reference, nanBand);
    applyNanBand(difference, nanBand);
    nanFraction = science.reduce((n, v) => (Number.isNaN(v) ? n + 1 : n), 0) / NPIX;
  }

  const metadata = buildMetadata(rng, cls, bogusKind, c, position, gal, ecl, scene, field, fitFlux, absFlux);
  return {
    science,
    reference,
    difference,
    metadata,
    label: cls,
    truth: {
      x: tx,
      y: ty,
      scienceFlux: scene.truth.scienceFlux,
      referenceFlux: scene.truth.referenceFlux,
      host: scene.truth.host,
      bogusKind,
      trailLength: scene.truth.trailLength,
      fwhmReference: c.psfRef.fwhm,
      psfBeta: c.psfSci.beta,
      skyReference: c.skyRef,
      gain: c.gain,
      referenceFrames: c.nRef,
      noiseScience: c.noiseSci,
      noiseReference: c.noiseRef,
      noiseDifference: c.noiseDiff,
      fieldSources: field.map(({ x, y, mag, star }) => ({ x, y, mag, star })),
      nanFraction,
    },
  };
}

function buildMetadata(
  rng: Rng,
  cls: StampClass,
  bogusKind: BogusKind | null,
  c: Conditions,
  position: SkyPosition,
  gal: { l: number; b: number },
  ecl: { lambda: number; beta: number },
  scene: Scene,
  field: ReturnType<typeof drawField>,
  fitFlux: number,
  absFlux: number,
): SimulatedMetadata {
  // PS1 catalogue: the central counterpart plus field sources brighter than the PS1 limit.
  const ps1: CatalogSource[] = [];
  if (scene.central) ps1.push(scene.central);
  for (const f of field) {
    if (f.mag > PS1_LIMIT) continue;
    const dist = Math.hypot(f.x - CENTRE, f.y - CENTRE) * PIXEL_SCALE_ARCSEC;
    ps1.push({ dist, mag: f.mag, sgscore: drawSgscore(rng, f.star, f.mag), extended: !f.star });
  }
  ps1.sort((a, b) => a.dist - b.dist);
  const ps = (k: number) => ps1[k];

  // ZTF reference-image catalogue: nearest source (central counterpart or field).
  let nr = scene.centralRef;
  for (const f of field) {
    if (f.mag > ZTF_REF_LIMIT) continue;
    const dist = Math.hypot(f.x - CENTRE, f.y - CENTRE) * PIXEL_SCALE_ARCSEC;
    if (!nr || dist < nr.dist)
      nr = { dist, mag: f.mag, chi: f.star ? starChi(rng) : galaxyChi(rng), sharp: f.star ? starSharp(rng) : galaxySharp(rng) };
  }

  const ncovhist = Math.round(clamp(100 * Math.exp(rng.normal(0, 1)), 3, 3000));
  let ndethist: number;
  switch (cls) {
    case "SN":
      ndethist = 1 + Math.floor(rng.exponential(4));
      break;
    case "AGN":
      ndethist = Math.round(rng.uniform(0.05, 0.6) * ncovhist);
      break;
    case "VS":
      ndethist = Math.round(rng.uniform(0.2, 1) * ncovhist);
      break;
    case "asteroid":
      ndethist = rng.bernoulli(0.9) ? 1 : 2;
      break;
    case "bogus":
      ndethist =
        bogusKind === "dipole" || bogusKind === "saturated_star"
          ? Math.round(rng.uniform(0.05, 0.8) * ncovhist)
          : bogusKind === "cosmic_ray"
            ? 1
            : rng.int(1, 3);
      break;
  }
  ndethist = clamp(ndethist, 1, ncovhist);

  const sigmaPsf = (c.sigmaFlux / absFlux) * 1.0857;
  const sigma = fwhmToSigma(c.psfSci.fwhm);
  let elong: number;
  if (cls === "asteroid") elong = Math.sqrt(1 + scene.truth.trailLength ** 2 / (12 * sigma * sigma)) * (1 + Math.abs(rng.normal(0, 0.05)));
  else if (cls === "bogus" && bogusKind !== "cosmic_ray" && bogusKind !== "saturated_star") elong = rng.uniform(1.2, 3);
  else elong = 1 + Math.abs(rng.normal(0, 0.1));

  const real = cls !== "bogus";
  return {
    sgscore1: ps(0) ? round3(ps(0)!.sgscore) : MISSING,
    sgscore2: ps(1) ? round3(ps(1)!.sgscore) : MISSING,
    sgscore3: ps(2) ? round3(ps(2)!.sgscore) : MISSING,
    distpsnr1: ps(0) ? round3(ps(0)!.dist) : MISSING,
    distpsnr2: ps(1) ? round3(ps(1)!.dist) : MISSING,
    distpsnr3: ps(2) ? round3(ps(2)!.dist) : MISSING,
    isdiffpos: fitFlux >= 0 ? "t" : "f",
    fwhm: round3(c.psfSci.fwhm * (1 + rng.normal(0, 0.03))),
    magpsf: fluxToMag(absFlux, c.zp),
    sigmapsf: sigmaPsf,
    ra: position.ra,
    dec: position.dec,
    ecl_lat: ecl.beta,
    ecl_long: ecl.lambda,
    gal_lat: gal.b,
    gal_long: gal.l,
    diffmaglim: c.diffmaglim,
    classtar: real ? clamp(1 - 0.35 * rng.next() ** 2, 0, 1) : rng.uniform(0.02, 0.95),
    ndethist,
    ncovhist,
    non_detections: ncovhist - ndethist,
    distnr: nr ? round3(nr.dist) : MISSING,
    magnr: nr ? nr.mag : MISSING,
    chinr: nr ? nr.chi : MISSING,
    sharpnr: nr ? nr.sharp : MISSING,
    rb: real ? clamp(1 - 0.6 * rng.next() ** 2, 0, 1) : clamp(0.65 * rng.next() ** 0.8, 0, 1),
    elong,
    magzpsci: c.zp,
    sky: c.sky,
    fid: c.fid,
  };
}

/**
 * A labelled data set: `countsPerClass` examples of each class (a number for all classes, or per
 * class), generated from one seed and shuffled deterministically.
 */
export function simulateStampDataset(
  seed: number,
  countsPerClass: number | Partial<Record<StampClass, number>>,
  options: StampSimulatorOptions = {},
): SimulatedStampExample[] {
  const rng = new Rng(seed);
  const examples: SimulatedStampExample[] = [];
  for (const cls of STAMP_CLASSES) {
    const n = typeof countsPerClass === "number" ? countsPerClass : (countsPerClass[cls] ?? 0);
    for (let i = 0; i < n; i++) examples.push(simulateStampExample(rng, cls, options));
  }
  return rng.shuffle(examples);
}
