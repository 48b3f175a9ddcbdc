// The ZTF-trained light-curve forest on real LSST light curves (ADR 0041): Fink's sample of 25 real
// Rubin alerts (fixtures/lsst-fink) and the two real LSSTCam alerts go through the ingest, then the
// debounced step classifies the objects with ≥ 5 g or r detections from AB magnitudes of their fluxes.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { avsc } from "../avro/avsc";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { loadLcClassifier, type LcClassifier } from "../classifiers/lc/lc-classifier";
import { LC_CLASSES, LC_CLASSIFIER_NAMES } from "../classifiers/lc/lc-taxonomy";
import { lcModelDir } from "../classifiers/lc/model-manifest";
import { readAlertSource } from "../ingest/alert-sources";
import { ingestAlertFiles } from "../ingest/ingest-alerts";
import { createPipeline, runDebouncedPass } from "../pipeline/pipeline";
import {
  classifyPendingLsstLightcurves,
  LSST_LC_FEATURE_VERSION,
  lsstLightcurveClassifierStep,
  pendingLsstLightcurveObjects,
} from "../pipeline/steps/classify-lsst-lightcurves";
import { lsstFeatureDetection, lsstFeatureNonDetections } from "../pipeline/steps/lsst-lightcurve-input";
import { createLogger } from "../server/logger";
import { getLsstObject } from "./get-lsst-object";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FINK = path.join(ROOT, "fixtures/lsst-fink");
const REAL = path.join(ROOT, "fixtures/lsst/real");
/** The one object of the samples with ≥ 5 detections in g or r (7 r, 16 i, 2025-11). */
const RICH_OID = "169738309211783177";
const RICH_FILE = path.join(FINK, "169813006198767621.avro");

let db: TestDatabase;
let classifier: LcClassifier;

beforeAll(async () => {
  db = await createTestDatabase();
  classifier = await loadLcClassifier(lcModelDir());
  async function* files() {
    yield* readAlertSource(FINK);
    yield* readAlertSource(REAL);
  }
  const summary = await ingestAlertFiles(db.pool, files(), { pipeline: createPipeline({ log: createLogger("test") }) });
  expect(summary.rejected).toEqual([]);
  expect(summary.ingested).toBe(27);
});
afterAll(async () => {
  await classifier?.close();
  await db?.drop();
});

/** The rich alert's r-band diaSources read straight from the wire message with avsc and the bundled 10.0 schema (not lib/lsst). */
function rBandFluxesReadIndependently(): { mjd: number; flux: number; err: number }[] {
  const bytes = fs.readFileSync(RICH_FILE);
  expect(bytes[0]).toBe(0);
  expect(bytes.readUInt32BE(1)).toBe(1000);
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "lib/lsst/schemas/lsst.v10_0.alert.json"), "utf8")) as Parameters<
    typeof avsc.Type.forSchema
  >[0];
  const longAsString = avsc.types.LongType.__with({
    fromBuffer: (b: Buffer) => b.readBigInt64LE().toString(),
    toBuffer: (s: string) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(s));
      return b;
    },
    fromJSON: String,
    toJSON: Number,
    isValid: (s: unknown) => typeof s === "string",
    compare: () => 0,
  });
  const type = avsc.Type.forSchema(schema, { registry: { long: longAsString } });
  const record = type.fromBuffer(bytes.subarray(5)) as {
    diaSource: { band: string; midpointMjdTai: number; psfFlux: number; psfFluxErr: number };
    prvDiaSources: { band: string; midpointMjdTai: number; psfFlux: number; psfFluxErr: number }[];
  };
  return [record.diaSource, ...record.prvDiaSources]
    .filter((s) => s.band === "r")
    .map((s) => ({ mjd: s.midpointMjdTai, flux: s.psfFlux, err: s.psfFluxErr }));
}

describe("LSST flux → magnitude mapping for the ZTF-trained features", () => {
  it("g → fid 1, r → fid 2, |flux| in AB mag with its sign in isdiffpos; u i z y and zero fluxes are left out", () => {
    const point = { mjd: 61000, psf_flux_err_njy: 100, science_flux_njy: 3631e9 / 1e9, science_flux_err_njy: 10 };
    const g = lsstFeatureDetection({ ...point, band: "g", psf_flux_njy: -1000 })!;
    expect(g.fid).toBe(1);
    expect(g.magpsf).toBeCloseTo(31.4 - 7.5, 10); // 1000 nJy = 23.9 AB
    expect(g.isdiffpos).toBe(-1);
    expect(g.sigmapsf).toBeCloseTo(1.0857362 * 0.1, 6);
    expect(g.magpsf_corr).toBeCloseTo(31.4 - 2.5 * Math.log10(3631), 10);
    expect(g.corrected).toBe(true);
    expect(g.rb).toBeNull();
    expect(lsstFeatureDetection({ ...point, band: "r", psf_flux_njy: 1000, science_flux_njy: -5 })!.corrected).toBe(false);
    for (const band of ["u", "i", "z", "y"]) expect(lsstFeatureDetection({ ...point, band, psf_flux_njy: 1000 })).toBeNull();
    expect(lsstFeatureDetection({ ...point, band: "r", psf_flux_njy: 0 })).toBeNull();
    expect(lsstFeatureDetection({ ...point, band: "r", psf_flux_njy: 1000, psf_flux_err_njy: null })).toBeNull();
  });

  it("forced photometry below 5σ without a detection at that time is an upper limit at 5σ", () => {
    const det = lsstFeatureDetection({
      mjd: 61001,
      band: "r",
      psf_flux_njy: 5000,
      psf_flux_err_njy: 100,
      science_flux_njy: null,
      science_flux_err_njy: null,
    })!;
    const forced = [
      { mjd: 61000, band: "r", psf_flux_njy: 120, psf_flux_err_njy: 100, science_flux_njy: null, science_flux_err_njy: null },
      { mjd: 61001, band: "r", psf_flux_njy: 130, psf_flux_err_njy: 100, science_flux_njy: null, science_flux_err_njy: null },
      { mjd: 61002, band: "r", psf_flux_njy: 900, psf_flux_err_njy: 100, science_flux_njy: null, science_flux_err_njy: null },
      { mjd: 61003, band: "i", psf_flux_njy: 10, psf_flux_err_njy: 100, science_flux_njy: null, science_flux_err_njy: null },
    ];
    const limits = lsstFeatureNonDetections(forced, [det]);
    expect(limits).toHaveLength(1);
    expect(limits[0]!.mjd).toBe(61000);
    expect(limits[0]!.fid).toBe(2);
    expect(limits[0]!.diffmaglim).toBeCloseTo(31.4 - 2.5 * Math.log10(500), 10);
  });
});

describe("the ZTF-trained light-curve forest on real LSST light curves", () => {
  it("selects only objects with ≥ 5 g or r detections, computes their r features from AB magnitudes and stores probabilities marked trained on ZTF", async () => {
    const version = classifier.manifest.classifierVersion;
    const pending = await pendingLsstLightcurveObjects(db.pool, version, 100);
    expect(pending.map((p) => p.oid)).toEqual([RICH_OID]);

    const outcome = await classifyPendingLsstLightcurves(db.pool, classifier);
    expect(outcome.classified).toBe(1);

    const feature = async (name: string, fid: number) =>
      (
        await db.pool.query<{ value: number | null }>(
          "SELECT value FROM lsst_feature WHERE oid = $1 AND name = $2 AND fid = $3 AND version = $4",
          [RICH_OID, name, fid, LSST_LC_FEATURE_VERSION],
        )
      ).rows[0]?.value;
    const r = rBandFluxesReadIndependently();
    expect(r).toHaveLength(7);
    const mags = r.map((s) => 31.4 - 2.5 * Math.log10(s.flux));
    expect(await feature("n_det", 2)).toBe(7);
    expect(await feature("mean_mag", 2)).toBeCloseTo(mags.reduce((a, b) => a + b, 0) / mags.length, 9);
    expect(await feature("min_mag", 2)).toBeCloseTo(Math.min(...mags), 9);
    expect(await feature("first_mag", 2)).toBeCloseTo(mags[r.indexOf(r.reduce((a, b) => (b.mjd < a.mjd ? b : a)))]!, 9);
    expect(await feature("n_det", 1)).toBeNull(); // no g detection: g features are missing for the model (−999)
    // No fid-3-like rows: the i band (16 detections) is not mapped.
    const fids = await db.pool.query<{ fid: number }>("SELECT DISTINCT fid FROM lsst_feature WHERE oid = $1 ORDER BY fid", [RICH_OID]);
    expect(fids.rows.map((f) => f.fid).every((fid) => [0, 1, 2, 12].includes(fid))).toBe(true);

    const probabilities = await db.pool.query<{ class_name: string; probability: number; ranking: number; trained_on_survey: string }>(
      "SELECT class_name, probability, ranking, trained_on_survey FROM lsst_probability WHERE oid = $1 AND classifier_name = $2 AND classifier_version = $3 ORDER BY ranking",
      [RICH_OID, LC_CLASSIFIER_NAMES.final, version],
    );
    expect(probabilities.rows.map((p) => p.class_name).sort()).toEqual([...LC_CLASSES].sort());
    expect(probabilities.rows.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 4);
    expect(probabilities.rows.every((p) => p.trained_on_survey === "ztf")).toBe(true);
    for (let i = 1; i < probabilities.rows.length; i++)
      expect(probabilities.rows[i - 1]!.probability).toBeGreaterThanOrEqual(probabilities.rows[i]!.probability);

    // The API's object carries the result with its provenance.
    const object = await getLsstObject(db.pool, RICH_OID);
    expect(object?.lc_classification).toMatchObject({
      classifier_version: version,
      trained_on_survey: "ztf",
      validated_on_survey: false,
      n_det: 7,
      class_name: probabilities.rows[0]!.class_name,
    });
    expect(object?.lc_classification?.probabilities).toHaveLength(LC_CLASSES.length);
    expect((await getLsstObject(db.pool, "7912941781254298"))?.lc_classification).toBeNull();

    // ZTF's own tables are untouched.
    const ztf = await db.pool.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM feature) + (SELECT count(*) FROM probability) + (SELECT count(*) FROM lc_classification) AS n",
    );
    expect(Number(ztf.rows[0]!.n)).toBe(0);
  });

  it("is debounced: a second pass finds nothing until the object's light curve grows", async () => {
    const pipeline = createPipeline({ steps: [lsstLightcurveClassifierStep], models: { lc: classifier }, log: createLogger("test") });
    const first = await runDebouncedPass(pipeline, db.pool);
    expect(first.steps["lsst-lc-classifier"]).toEqual({ classified: 0, featureRows: 0 });
    await db.pool.query("UPDATE survey_object SET lastmjd = lastmjd + 1 WHERE survey = 'lsst' AND oid = $1", [RICH_OID]);
    const second = await runDebouncedPass(pipeline, db.pool);
    expect(second.steps["lsst-lc-classifier"]?.classified).toBe(1);
  });
});
