// GET /api/objects/{oid}/forecast over HTTP (route modules served by tests/api-test-server) on the
// bundled sample alerts in real PostgreSQL.
import { describe, expect, it } from "vitest";
import { withApiTestServer } from "../../tests/support/api-fixture";
import { objectForecastSchema } from "../forecast/object-forecast";

const api = withApiTestServer();

async function get(path: string) {
  const response = await fetch(`${api.server.url}${path}`);
  const text = await response.text();
  return { status: response.status, text, body: text ? (JSON.parse(text) as unknown) : null };
}

describe("GET /api/objects/{oid}/forecast", () => {
  it("forecasts every band with ≥ 3 positive detections of an object the light-curve classifier has not called periodic or stochastic", async () => {
    const { rows } = await api.db.pool.query<{ oid: string; fid: number; n: number; last: number }>(
      `select d.oid, d.fid, count(*)::int as n, max(d.mjd) as last from detection d
        where d.isdiffpos > 0
          and not exists (select 1 from probability p where p.oid = d.oid and p.classifier_name = 'lc_classifier' and p.ranking = 1
                          and p.class_name not in ('SNIa', 'SNIbc', 'SNII', 'SNIIn', 'SLSN'))
        group by d.oid, d.fid having count(*) >= 3 order by count(*) desc, d.oid, d.fid limit 1`,
    );
    expect(rows.length, "the sample alerts hold an object with 3 positive detections in one band").toBe(1);
    const { oid, fid, last } = rows[0]!;
    const r = await get(`/api/objects/${oid}/forecast?horizon_days=20`);
    expect(r.status, r.text).toBe(200);
    const forecast = objectForecastSchema.parse(r.body);
    expect(forecast.kind).toBe("transient");
    if (forecast.kind !== "transient") return;
    expect(forecast.horizon_days).toBe(20);
    const band = forecast.bands.find((b) => b.fid === fid)!;
    expect(band.last_observed_mjd).toBeCloseTo(Number(last), 6);
    expect(band.points[0]!.mjd).toBeCloseTo(Number(last), 6);
    expect(band.points.at(-1)!.mjd - Number(last)).toBeLessThanOrEqual(20 + 1e-9);
    for (const p of band.points) expect(p.mag_bright).toBeLessThanOrEqual(p.mag);
    expect(band.peak.is_past).toBe(band.peak.mjd < band.last_observed_mjd);
  });

  it("404 for an unknown object, 400 for a horizon beyond 100 days", async () => {
    expect((await get("/api/objects/ZTF99zzzzzzz/forecast")).status).toBe(404);
    const { rows } = await api.db.pool.query<{ oid: string }>("select oid from object order by oid limit 1");
    expect((await get(`/api/objects/${rows[0]!.oid}/forecast?horizon_days=1000`)).status).toBe(400);
  });

  it("is in the OpenAPI document", async () => {
    const r = await get("/api/openapi.json");
    expect(Object.keys((r.body as { paths: Record<string, unknown> }).paths)).toContain("/api/objects/{oid}/forecast");
  });
});
