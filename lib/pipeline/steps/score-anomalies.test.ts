import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { loadAnomalyDetector, type AnomalyDetector } from "../../classifiers/anomaly/anomaly-detector";
import { loadLcClassifier, type LcClassifier } from "../../classifiers/lc/lc-classifier";
import { computeLightcurveFeatures } from "../../features/compute-lightcurve-features";
import { readAlertSource } from "../../ingest/alert-sources";
import { ingestAlertFiles } from "../../ingest/ingest-alerts";
import { classifyPendingLightcurves, loadLightcurveInputs } from "./classify-lightcurves";
import { scorePendingAnomalies } from "./score-anomalies";

// Real alerts whose prv_candidates give ≥ 5 detections (see classify-lightcurves.test.ts).
const FILES = [
  path.join(ALERT_FIXTURES_DIR, "samples", "kowalski_2020-02-02", "1127561441415015002.avro"),
  path.join(ALERT_FIXTURES_DIR, "samples", "fink-broker_spark-rewritten_v4.02", "2481196894815010000.avro"),
];
const GROWING = path.join(ALERT_FIXTURES_DIR, "samples", "ampel_ZTF18abxhyqv_nocutouts");

let db: TestDatabase;
let lc: LcClassifier;
let detector: AnomalyDetector;

beforeAll(async () => {
  db = await createTestDatabase();
  lc = await loadLcClassifier();
  detector = await loadAnomalyDetector();
}, 120_000);

afterAll(async () => {
  await lc?.close();
  await detector?.close();
  await db?.drop();
});

const stored = async () =>
  (await db.pool.query<{ oid: string; score: number; last_mjd: number }>("SELECT oid, score, last_mjd FROM anomaly_score ORDER BY oid"))
    .rows;

describe("anomaly-score step (real alerts, real database)", () => {
  it("scores the objects the light-curve step classified, from their stored features, once per new light curve", async () => {
    for (const file of FILES) await ingestAlertFiles(db.pool, readAlertSource(file));
    const classified = await classifyPendingLightcurves(db.pool, lc);
    expect(classified.classified).toBe(2);

    expect(await scorePendingAnomalies(db.pool, detector)).toBe(2);
    const rows = await stored();
    expect(rows).toHaveLength(2);
    // The stored features give the same score as features computed afresh from the stored light curve.
    const client = await db.pool.connect();
    try {
      const inputs = await loadLightcurveInputs(
        client,
        rows.map((r) => r.oid),
      );
      const fresh = await detector.score(inputs.map((input) => computeLightcurveFeatures(input)));
      rows.forEach((r, k) => {
        expect(r.score).toBeGreaterThan(0);
        expect(r.score).toBeLessThan(1);
        expect(Math.abs(r.score - fresh[k]!)).toBeLessThan(1e-6);
      });
    } finally {
      client.release();
    }
    // Debounced: nothing new, nothing scored.
    expect(await scorePendingAnomalies(db.pool, detector)).toBe(0);
  });

  it("rescores an object when its light curve grows", { timeout: 120_000 }, async () => {
    const files = [];
    for await (const file of readAlertSource(GROWING)) files.push(file);
    const ingest = async (selected: typeof files) => {
      await ingestAlertFiles(
        db.pool,
        (async function* () {
          yield* selected;
        })(),
      );
      await classifyPendingLightcurves(db.pool, lc);
    };
    await ingest(files.slice(0, -1));
    expect(await scorePendingAnomalies(db.pool, detector)).toBe(1);
    const before = (await stored()).find((r) => r.oid === "ZTF18abxhyqv")!;
    await ingest(files.slice(-1));
    expect(await scorePendingAnomalies(db.pool, detector)).toBe(1);
    const after = (await stored()).find((r) => r.oid === "ZTF18abxhyqv")!;
    expect(after.last_mjd).toBeGreaterThan(before.last_mjd);
  });
});
