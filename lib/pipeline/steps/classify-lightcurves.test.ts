import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { loadLcClassifier, type LcClassifier } from "../../classifiers/lc/lc-classifier";
import { LC_BRANCH_CLASSES, LC_CLASSES } from "../../classifiers/lc/lc-taxonomy";
import { lcModelDir } from "../../classifiers/lc/model-manifest";
import { writeSmallLcModel } from "../../../training/lc/write-lc-model";
import { LC_FEATURE_KEYS, LC_FEATURE_VERSION } from "../../features/compute-lightcurve-features";
import { ensureSampleCatalogs } from "../../catalogs/sample-catalogs";
import { readAlertSource } from "../../ingest/alert-sources";
import { classifyPendingLightcurves, pendingLightcurveObjects } from "./classify-lightcurves";
import { ingestAlertFiles } from "../../ingest/ingest-alerts";

/** A real ZTF alert (Kowalski test data, 2020-02) whose prv_candidates give 55 detections. */
const RICH = { oid: "ZTF20aafcnby", file: path.join(ALERT_FIXTURES_DIR, "samples", "kowalski_2020-02-02", "1127561441415015002.avro") };
/** A real v4.02 alert (Fink) whose prv_candidates give 61 detections. */
const WITH_WISE = {
  oid: "ZTF18adljlvp",
  file: path.join(ALERT_FIXTURES_DIR, "samples", "fink-broker_spark-rewritten_v4.02", "2481196894815010000.avro"),
};
/** Four alerts of one object over 2018-11 .. 2019-06 (Ampel's test set): its light curve grows alert by alert. */
const GROWING = { oid: "ZTF18abxhyqv", dir: path.join(ALERT_FIXTURES_DIR, "samples", "ampel_ZTF18abxhyqv_nocutouts") };

let db: TestDatabase;
let tmp: string;
let classifier: LcClassifier;
let other: LcClassifier;

beforeAll(async () => {
  db = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-classify-lightcurves-"));
  let dir = lcModelDir();
  if (!fs.existsSync(path.join(dir, "model.onnx"))) {
    dir = path.join(tmp, "current");
    writeSmallLcModel(dir);
  }
  classifier = await loadLcClassifier(dir);
  writeSmallLcModel(path.join(tmp, "other"), "lc_classifier_other", 2);
  other = await loadLcClassifier(path.join(tmp, "other"));
}, 120_000);

afterAll(async () => {
  await classifier?.close();
  await other?.close();
  await db?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function probabilities(oid: string, name: string, version = classifier.manifest.classifierVersion) {
  const { rows } = await db.pool.query<{ class_name: string; probability: number; ranking: number }>(
    "SELECT class_name, probability, ranking FROM probability WHERE oid = $1 AND classifier_name = $2 AND classifier_version = $3 ORDER BY ranking",
    [oid, name, version],
  );
  return rows;
}

describe("light-curve classification step (real alerts, real database)", () => {
  it("stores the features and 15 probabilities summing to 1 for a real object with >= 5 detections", async () => {
    await ingestAlertFiles(db.pool, readAlertSource(RICH.file));
    const { rows: ndet } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM detection WHERE oid = $1 AND fid = 2", [
      RICH.oid,
    ]);
    expect(ndet[0]!.n).toBeGreaterThanOrEqual(5);

    const outcome = await classifyPendingLightcurves(db.pool, classifier);
    expect(outcome.classified).toBe(1);

    const { rows: features } = await db.pool.query<{ name: string; fid: number; value: number | null }>(
      "SELECT name, fid, value FROM feature WHERE oid = $1 AND version = $2",
      [RICH.oid, LC_FEATURE_VERSION],
    );
    expect(features.length).toBe(LC_FEATURE_KEYS.length);
    const r = new Map(features.filter((f) => f.fid === 2).map((f) => [f.name, f.value]));
    // n_det counts the detections kept by the features' preprocessing (one per epoch, not dubious).
    const { rows: kept } = await db.pool.query<{ n: number }>(
      "SELECT count(DISTINCT mjd)::int AS n FROM detection WHERE oid = $1 AND fid = 2 AND NOT dubious AND sigmapsf > 0 AND sigmapsf < 1",
      [RICH.oid],
    );
    expect(r.get("n_det")).toBe(kept[0]!.n);
    expect(r.get("Mean")).toBeGreaterThan(10);
    const { rows: fv } = await db.pool.query("SELECT version FROM feature_version WHERE version = $1", [LC_FEATURE_VERSION]);
    expect(fv.length).toBe(1);

    const final = await probabilities(RICH.oid, "lc_classifier");
    expect(final.map((p) => p.class_name).sort()).toEqual([...LC_CLASSES].sort());
    expect(final.reduce((a, p) => a + p.probability, 0)).toBeCloseTo(1, 5);
    expect(final.map((p) => p.ranking)).toEqual(LC_CLASSES.map((_, i) => i + 1));
    for (let i = 1; i < final.length; i++) expect(final[i]!.probability).toBeLessThanOrEqual(final[i - 1]!.probability);

    const top = await probabilities(RICH.oid, "lc_classifier_top");
    expect(top.map((p) => p.class_name).sort()).toEqual(["Periodic", "Stochastic", "Transient"]);
    expect(top.reduce((a, p) => a + p.probability, 0)).toBeCloseTo(1, 5);
    for (const [name, branch] of [
      ["lc_classifier_periodic", "Periodic"],
      ["lc_classifier_stochastic", "Stochastic"],
      ["lc_classifier_transient", "Transient"],
    ] as const) {
      const child = await probabilities(RICH.oid, name);
      expect(child.length).toBe(LC_BRANCH_CLASSES[branch].length);
      expect(child.reduce((a, p) => a + p.probability, 0)).toBeCloseTo(1, 5);
      // P(class) = P(branch) · P(class | branch)
      const pBranch = top.find((t) => t.class_name === branch)!.probability;
      for (const c of child) expect(final.find((f) => f.class_name === c.class_name)!.probability).toBeCloseTo(pBranch * c.probability, 5);
    }
    const { rows: taxonomy } = await db.pool.query<{ classifier_name: string; classes: string[] }>(
      "SELECT classifier_name, classes FROM taxonomy WHERE classifier_version = $1 ORDER BY classifier_name",
      [classifier.manifest.classifierVersion],
    );
    expect(taxonomy.map((t) => t.classifier_name)).toEqual([
      "lc_classifier",
      "lc_classifier_periodic",
      "lc_classifier_stochastic",
      "lc_classifier_top",
      "lc_classifier_transient",
    ]);
    expect(taxonomy[0]!.classes).toEqual([...LC_CLASSES]);
  });

  it("does not classify again without new detections (debounced); another model version keeps its own rows", async () => {
    expect((await classifyPendingLightcurves(db.pool, classifier)).classified).toBe(0);
    const before = await probabilities(RICH.oid, "lc_classifier");
    expect((await classifyPendingLightcurves(db.pool, other)).classified).toBe(1);
    expect(await probabilities(RICH.oid, "lc_classifier")).toEqual(before);
    expect((await probabilities(RICH.oid, "lc_classifier", "lc_classifier_other")).length).toBe(15);
  });

  it("reclassifies an object when new detections arrive", async () => {
    const files = fs
      .readdirSync(GROWING.dir)
      .filter((f) => f.endsWith(".avro"))
      .sort();
    const states: { ndet: number; classified: number }[] = [];
    for (const file of files) {
      await ingestAlertFiles(db.pool, readAlertSource(path.join(GROWING.dir, file)));
      const pending = await pendingLightcurveObjects(db.pool, classifier.manifest.classifierVersion, 10);
      const outcome = await classifyPendingLightcurves(db.pool, classifier);
      expect(outcome.classified).toBe(pending.length);
      const { rows } = await db.pool.query<{ n_det: number }>(
        "SELECT n_det FROM lc_classification WHERE oid = $1 AND classifier_version = $2",
        [GROWING.oid, classifier.manifest.classifierVersion],
      );
      states.push({ ndet: rows[0]?.n_det ?? 0, classified: outcome.classified });
    }
    // Classified once it became eligible, and again after each alert that brought new detections.
    const classifiedAt = states.filter((s) => s.classified > 0);
    expect(classifiedAt.length).toBeGreaterThanOrEqual(2);
    expect(states[states.length - 1]!.ndet).toBeGreaterThan(classifiedAt[0]!.ndet);
    expect((await probabilities(GROWING.oid, "lc_classifier")).length).toBe(15);
  });

  it("reads the AllWISE magnitudes of an allwise crossmatch into the WISE colour features", async () => {
    await ensureSampleCatalogs(db.pool);
    const { rows: sources } = await db.pool.query<{ id: string; w1: number; w2: number; w3: number }>(
      'SELECT id, "W1mag" AS w1, "W2mag" AS w2, "W3mag" AS w3 FROM catalog_allwise WHERE "W1mag" IS NOT NULL AND "W2mag" IS NOT NULL AND "W3mag" IS NOT NULL ORDER BY id LIMIT 1',
    );
    const source = sources[0]!;
    await ingestAlertFiles(db.pool, readAlertSource(WITH_WISE.file));
    await db.pool.query("INSERT INTO xmatch (oid, catid, oid_catalog, dist) VALUES ($1, 'allwise', $2, 0.4)", [WITH_WISE.oid, source.id]);
    expect((await classifyPendingLightcurves(db.pool, classifier)).classified).toBe(1);
    const { rows } = await db.pool.query<{ name: string; value: number | null }>(
      "SELECT name, value FROM feature WHERE oid = $1 AND fid = 0 AND name IN ('W1-W2', 'W2-W3')",
      [WITH_WISE.oid],
    );
    const value = new Map(rows.map((r) => [r.name, r.value]));
    expect(value.get("W1-W2")).toBeCloseTo(source.w1 - source.w2, 6);
    expect(value.get("W2-W3")).toBeCloseTo(source.w2 - source.w3, 6);
    // Without a crossmatch the colours are null (the model sees −999).
    const { rows: none } = await db.pool.query<{ value: number | null }>(
      "SELECT value FROM feature WHERE oid = $1 AND fid = 0 AND name = 'W1-W2'",
      [RICH.oid],
    );
    expect(none[0]!.value).toBeNull();
  });
});
