import { expect, test } from "@playwright/test";
import pg from "pg";
import { e2eDatabaseUrl } from "./e2e-database";

test("after start-up every sample object with FITS stamps has 5 stamp probabilities summing to 1, ranked 1..5", async () => {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows: objects } = await client.query<{ oid: string }>(`
      SELECT DISTINCT p.oid FROM alert_packet p JOIN cutout c ON c.candid = p.candid
      WHERE substring(c.stamp_data FROM 1 FOR 2) = '\\x1f8b'::bytea`);
    expect(objects.length).toBeGreaterThan(370);
    const { rows } = await client.query<{ oid: string; n: number; total: number; rankings: number[] }>(`
      SELECT oid, count(*)::int AS n, sum(probability)::float8 AS total, array_agg(ranking ORDER BY ranking) AS rankings
      FROM probability WHERE classifier_name = 'stamp_classifier' GROUP BY oid`);
    const byOid = new Map(rows.map((r) => [r.oid, r]));
    for (const { oid } of objects) {
      const r = byOid.get(oid);
      expect(r, oid).toBeDefined();
      expect(r!.n).toBe(5);
      expect(Math.abs(r!.total - 1)).toBeLessThan(1e-5);
      expect(r!.rankings).toEqual([1, 2, 3, 4, 5]);
    }
    const taxonomy = await client.query("SELECT classes FROM taxonomy WHERE classifier_name = 'stamp_classifier'");
    expect(taxonomy.rows).toHaveLength(1);
  } finally {
    await client.end();
  }
});
