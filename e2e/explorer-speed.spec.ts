// The object page's speed as issue 17 asks it: the first light-curve point < 1.5 s (p95 over 5 cold
// loads), a cold page under 500 kB over the wire, and the sky viewer's script (aladin-lite, 0.8 MB
// gzipped) not requested until its panel is scrolled into view. Timings come from the page's own
// clock (a User Timing mark set as the light curve's points are parsed), not from the test runner's,
// so a slow runner does not inflate them. The budget is CIELO_FIRST_POINT_BUDGET_MS (default 1500,
// the goal; set it only to diagnose). docs/explorer.md ("Speed") has the figures, ADR 0026 the approach.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { coldLoadObjectPage, LIGHTCURVE_DRAWN_MARK, percentile, watchAladinScripts } from "./object-page-timing";
import { interactivePlot } from "./plots";
import { e2eDatabaseUrl } from "./e2e-database";

const BUDGET_MS = Number(process.env.CIELO_FIRST_POINT_BUDGET_MS ?? 1500);
const COLD_LOADS = 5;
/** The goal for a cold object page's transfer (compressed bytes over the wire), in kB. */
const COLD_TRANSFER_BUDGET_KB = 500;

/** The sample objects with the most detections (the heaviest pages), ZTF20aafcnby and ZTF17aaajnnn first. */
async function sampleOids(n: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
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

async function countDetections(oid: string): Promise<number> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<{ n: number }>("select count(*)::int n from detection where oid = $1", [oid])).rows[0]!.n;
  } finally {
    await client.end();
  }
}

test("the first light-curve point is drawn within the budget over 5 cold loads, a cold page stays under 500 kB, and the sky viewer loads only when scrolled to", async ({
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
  const summary = `first light-curve point p50 ${p50} ms, p95 ${p95} ms (${firstPoint.join(", ")} ms); cold transfer ${coldKb} kB (median; ${loads.map((l) => l.transferKb).join(", ")} kB)`;
  console.log(`[explorer-speed] ${testInfo.project.name}: ${summary}`);
  testInfo.annotations.push({ type: "object page speed", description: summary });
  for (const load of loads) expect(load.aladinRequests, `${load.oid}: the sky viewer must not load before its panel is seen`).toEqual([]);
  expect(p95, `p95 of the first light-curve point (budget CIELO_FIRST_POINT_BUDGET_MS=${BUDGET_MS})`).toBeLessThan(BUDGET_MS);
  for (const load of loads) expect(load.transferKb, `${load.oid}: cold transfer in kB`).toBeLessThan(COLD_TRANSFER_BUDGET_KB);

  // The light curve is in the first HTML: its points, as many as the database holds, before any script runs.
  const html = await (await page.request.get(`/object/${oids[0]}`)).text();
  const detections = await countDetections(oids[0]!);
  expect(html).toContain(`data-testid="lightcurve-static" data-points="${detections}"`);
  expect(html).toContain(`performance.mark("${LIGHTCURVE_DRAWN_MARK}")`);

  // Scrolled into view, the sky viewer loads.
  const aladin = watchAladinScripts(page);
  await page.goto(`/object/${oids[0]}`);
  await interactivePlot(page, "lightcurve");
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
