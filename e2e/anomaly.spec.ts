import { expect, test } from "@playwright/test";
import pg from "pg";
import { e2eDatabaseUrl } from "./e2e-database";

test("the object page's anomaly panel places the most unusual features among the population, with no exploding z", async ({
  page,
}, testInfo) => {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  let oid: string | undefined;
  try {
    // The sample's most anomalous object (the debounced anomaly step scores the ingested sample).
    await expect
      .poll(
        async () => (oid = (await client.query<{ oid: string }>("SELECT oid FROM anomaly_score ORDER BY score DESC LIMIT 1")).rows[0]?.oid),
        {
          timeout: 120_000,
        },
      )
      .toBeDefined();
  } finally {
    await client.end();
  }
  expect(oid).toBeDefined();
  await page.goto(`/object/${oid}`);
  const panel = page.getByTestId("panel-anomaly");
  await expect(panel.getByTestId("anomaly-score")).toBeVisible();
  const ranks = panel.getByTestId("anomaly-feature-rank");
  await expect(ranks).toHaveCount(5);
  for (const text of await ranks.allTextContents()) expect(text).toMatch(/^(above|below) (all training objects|\d+(\.\d)? %)$/);
  await expect(panel.locator("tbody")).not.toContainText("e+");
  await panel.screenshot({ path: testInfo.outputPath("anomaly-panel.png") });
});
