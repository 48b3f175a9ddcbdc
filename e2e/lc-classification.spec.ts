import { expect, test } from "@playwright/test";
import pg from "pg";
import { e2eDatabaseUrl } from "./e2e-database";

// npm start → the worker's first light-curve pass classifies every sample object with >= 5
// detections in g or r (it runs right after the worker starts; allow it some time on a busy machine).
test("after start-up every sample object with >= 5 detections in g or r has 15 light-curve probabilities summing to 1", async () => {
  test.setTimeout(180_000);
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows: eligible } = await client.query<{ oid: string }>("SELECT DISTINCT oid FROM magstat WHERE fid IN (1, 2) AND ndet >= 5");
    expect(eligible.length).toBeGreaterThan(50);
    await expect
      .poll(async () => (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM lc_classification")).rows[0]!.n, {
        timeout: 150_000,
        intervals: [2_000],
      })
      .toBeGreaterThanOrEqual(eligible.length);
    const { rows } = await client.query<{ oid: string; n: number; total: number; rankings: number[] }>(`
      SELECT oid, count(*)::int AS n, sum(probability)::float8 AS total, array_agg(ranking ORDER BY ranking) AS rankings
      FROM probability WHERE classifier_name = 'lc_classifier' GROUP BY oid`);
    const byOid = new Map(rows.map((r) => [r.oid, r]));
    for (const { oid } of eligible) {
      const r = byOid.get(oid);
      expect(r, oid).toBeDefined();
      expect(r!.n).toBe(15);
      expect(Math.abs(r!.total - 1)).toBeLessThan(1e-5);
      expect(r!.rankings).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    }
    const { rows: features } = await client.query<{ n: number }>("SELECT count(DISTINCT oid)::int AS n FROM feature");
    expect(features[0]!.n).toBeGreaterThanOrEqual(eligible.length);
    const taxonomy = await client.query("SELECT classifier_name FROM taxonomy WHERE classifier_name LIKE 'lc_classifier%'");
    expect(taxonomy.rows).toHaveLength(5);
  } finally {
    await client.end();
  }
});

// #19 part 3: the object page explains the light-curve class of a real object (the first test above
// waits for the worker's first pass; this one waits for the object's classification itself).
test("the object page shows why this class: five features for and five against, with definitions", async ({ page }) => {
  test.setTimeout(180_000);
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  let oid: string | undefined;
  try {
    await expect
      .poll(
        async () => {
          const { rows } = await client.query<{ oid: string }>(
            "SELECT oid FROM probability WHERE classifier_name = 'lc_classifier' AND ranking = 1 ORDER BY oid LIMIT 1",
          );
          oid = rows[0]?.oid;
          return oid;
        },
        { timeout: 150_000, intervals: [2_000] },
      )
      .toBeTruthy();
  } finally {
    await client.end();
  }
  await page.goto(`/object/${oid}`);
  const why = page.getByTestId("why-this-class");
  await expect(why).toBeVisible({ timeout: 60_000 });
  await expect(why.getByTestId("why-for").locator("li")).toHaveCount(5);
  await expect(why.getByTestId("why-against").locator("li")).toHaveCount(5);
  await expect(why).toContainText("tree path contributions");
});
