import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_OID, withApiTestServer } from "../../tests/support/api-fixture";
import { loadAnomalyDetector } from "../classifiers/anomaly/anomaly-detector";
import { loadLcClassifier } from "../classifiers/lc/lc-classifier";
import { objectAnomalySchema } from "../objects/get-object-anomaly";
import { classifyPendingLightcurves } from "../pipeline/steps/classify-lightcurves";
import { scorePendingAnomalies } from "../pipeline/steps/score-anomalies";

const api = withApiTestServer();

beforeAll(async () => {
  const lc = await loadLcClassifier();
  const detector = await loadAnomalyDetector();
  try {
    await classifyPendingLightcurves(api.db.pool, lc);
    await scorePendingAnomalies(api.db.pool, detector);
  } finally {
    await lc.close();
    await detector.close();
  }
}, 180_000);

describe("anomaly score over HTTP (real alerts, real database)", () => {
  it("GET /api/explorer/objects/<oid>/anomaly gives the stored score, its percentile and the extreme features", async () => {
    const { rows } = await api.db.pool.query<{ score: number }>("SELECT score FROM anomaly_score WHERE oid = $1", [SAMPLE_OID]);
    expect(rows).toHaveLength(1);
    const response = await fetch(`${api.server.url}/api/explorer/objects/${SAMPLE_OID}/anomaly`);
    expect(response.status).toBe(200);
    const body = objectAnomalySchema.parse(await response.json());
    expect(body.score).toBeCloseTo(rows[0]!.score, 12);
    expect(body.percentile).toBeGreaterThan(0);
    expect(body.percentile).toBeLessThanOrEqual(100);
    expect(body.extreme_features).toHaveLength(5);
    expect((await fetch(`${api.server.url}/api/explorer/objects/ZTF99zzzzzzz/anomaly`)).status).toBe(404);
    expect((await fetch(`${api.server.url}/api/explorer/objects/not-an-oid/anomaly`)).status).toBe(400);
  });

  it("the ZTF v1 object search filters and sorts by anomaly score without changing its items", async () => {
    const { rows } = await api.db.pool.query<{ oid: string; score: number }>(
      "SELECT oid, score FROM anomaly_score ORDER BY score DESC, oid",
    );
    expect(rows.length).toBeGreaterThan(1);
    const sorted = await (await fetch(`${api.server.url}/api/ztf/v1/objects?order_by=anomaly_score&order_mode=DESC&page_size=5`)).json();
    expect(sorted.items[0].oid).toBe(rows[0]!.oid);
    expect(Object.keys(sorted.items[0])).not.toContain("anomaly_score");
    const min = rows[1]!.score;
    const filtered = await (await fetch(`${api.server.url}/api/ztf/v1/objects?anomaly_score=${min}&page_size=100`)).json();
    expect(new Set(filtered.items.map((i: { oid: string }) => i.oid))).toEqual(
      new Set(rows.filter((r) => r.score >= min).map((r) => r.oid)),
    );
  });
});
