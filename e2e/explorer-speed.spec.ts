// The object page's speed as issue 17 asks it: the first light-curve point < 1.5 s (p95 over 5 cold
// loads), and the sky viewer's script (aladin-lite, 0.8 MB gzipped) not requested until its panel is
// scrolled into view. Timings come from the page's own clock (a User Timing mark set when the light
// curve is first drawn), not from the test runner's, so a slow runner does not inflate them. The
// budget is CIELO_FIRST_POINT_BUDGET_MS (default 1500, the goal); on a machine shared with
// other heavy jobs raise it rather than skipping the test. docs/explorer.md ("Speed") has the figures.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { coldLoadObjectPage, percentile, watchAladinScripts } from "./object-page-timing";

const E2E_DATABASE_URL_FILE = path.resolve(".data/e2e/ephemeral-database-url");
const BUDGET_MS = Number(process.env.CIELO_FIRST_POINT_BUDGET_MS ?? 1500);
const COLD_LOADS = 5;

/** The sample objects with the most detections (the heaviest pages), ZTF20aafcnby and ZTF17aaajnnn first. */
async function sampleOids(n: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: fs.readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() });
  await client.connect();
  try {
    const { rows } = await client.query<{ oid: string }>(
      "select oid from object where oid not in ('ZTF20aafcnby', 'ZTF17aaajnnn') order by ndet desc, oid limit $1",
      [n],
    );
    return ["ZTF20aafcnby", "ZTF17aaajnnn", ...rows.map((r) => r.oid)].slice(0, n);
  } finally {
    await client.end();
  }
}

test("the first light-curve point is drawn within the budget over 5 cold loads, and the sky viewer loads only when scrolled to", async ({
  browser,
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const oids = await sampleOids(COLD_LOADS);
  // The project's device (desktop or phone) for every fresh context.
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = testInfo.project.use;
  const contextOptions = { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch };
  // One unmeasured load first: the server's first render after start-up reads its chunks from disk.
  await coldLoadObjectPage(browser, baseURL!, oids[0]!, { contextOptions });
  const loads = [];
  for (const oid of oids) loads.push(await coldLoadObjectPage(browser, baseURL!, oid, { contextOptions }));
  const firstPoint = loads.map((l) => l.firstPointMs);
  const p50 = percentile(firstPoint, 50);
  const p95 = percentile(firstPoint, 95);
  const coldKb = percentile(
    loads.map((l) => l.transferKb),
    50,
  );
  const summary = `first light-curve point p50 ${p50} ms, p95 ${p95} ms (${firstPoint.join(", ")} ms); cold transfer ${coldKb} kB (median)`;
  console.log(`[explorer-speed] ${testInfo.project.name}: ${summary}`);
  testInfo.annotations.push({ type: "object page speed", description: summary });
  for (const load of loads) expect(load.aladinRequests, `${load.oid}: the sky viewer must not load before its panel is seen`).toEqual([]);
  expect(p95, `p95 of the first light-curve point (budget CIELO_FIRST_POINT_BUDGET_MS=${BUDGET_MS})`).toBeLessThan(BUDGET_MS);

  // Scrolled into view, the sky viewer loads.
  const aladin = watchAladinScripts(page);
  await page.goto(`/object/${oids[0]}`);
  await expect(page.getByTestId("lightcurve").locator(".main-svg").first()).toBeVisible({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  await aladin.settled();
  expect(aladin.urls).toEqual([]);
  await expect(page.getByTestId("aladin-view")).toHaveAttribute("data-state", "waiting");
  await page.getByTestId("aladin-view").scrollIntoViewIfNeeded();
  await expect
    .poll(
      async () => {
        await aladin.settled();
        return aladin.urls.length;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await expect(page.getByTestId("aladin-view")).toHaveAttribute("data-state", /ready|failed/, { timeout: 30_000 });
});
