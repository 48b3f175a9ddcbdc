import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { loadAnomalyDetector, type AnomalyDetector } from "../../classifiers/anomaly/anomaly-detector";
import { loadLcClassifier, type LcClassifier } from "../../classifiers/lc/lc-classifier";
import { computeLightcurveFeatures } from "../../features/compute-lightcurve-features";
import { type AlertSourceFile, readAlertSource } from "../../ingest/alert-sources";
import { ingestAlertFiles } from "../../ingest/ingest-alerts";
import { classifyPendingLightcurves, loadLightcurveInputs } from "./classify-lightcurves";
import { scorePendingAnomalies } from "./score-anomalies";
import { getObjectAnomaly, objectAnomalySchema } from "../../objects/get-object-anomaly";
import { searchObjects } from "../../objects/search-objects";

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
    const files: AlertSourceFile[] = [];
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

  it("reads back: score, percentile, extreme features; search filters and sorts by the score", async () => {
    const scores = await stored();
    expect(scores.length).toBe(3);
    const ranked = [...scores].sort((a, b) => b.score - a.score);
    const top = await getObjectAnomaly(db.pool, ranked[0]!.oid);
    expect(objectAnomalySchema.parse(top)).toEqual(top);
    expect(top!.score).toBeCloseTo(ranked[0]!.score, 12);
    expect(top!.percentile).toBe(100);
    expect(top!.scored_objects).toBe(3);
    expect(top!.extreme_features).toHaveLength(5);
    expect(top!.extreme_features[0]!.definition).not.toBeNull();
    const lowest = await getObjectAnomaly(db.pool, ranked[2]!.oid);
    expect(lowest!.percentile).toBeCloseTo(100 / 3, 9);
    expect(await getObjectAnomaly(db.pool, "ZTF99zzzzzzz")).toBeNull();

    const sorted = await searchObjects(db.pool, { order_by: "anomaly_score", order_mode: "DESC", page_size: 100 });
    expect(sorted.items.slice(0, 3).map((i) => i.oid)).toEqual(ranked.map((r) => r.oid));
    const filtered = await searchObjects(db.pool, { anomaly_score: String(ranked[1]!.score), page_size: 100 });
    expect(new Set(filtered.items.map((i) => i.oid))).toEqual(new Set(ranked.slice(0, 2).map((r) => r.oid)));
  });
});
