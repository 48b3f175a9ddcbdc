import { expect, test } from "@playwright/test";

// The first AllWISE source of the bundled sample (fixtures/catalogs/allwise-sample/response.csv).
const WISE = { id: "J124131.46+260233.6", raDeg: 190.38110890000002, decDeg: 26.0426682 };

test("npm start loads the AllWISE sample and the catsHTM routes answer from it", async ({ request }) => {
  const list = await request.get("/api/catshtm/catalogs");
  expect(list.status()).toBe(200);
  const { catalogs } = (await list.json()) as { catalogs: { name: string; rows: number; bad_rows: number }[] };
  expect(catalogs).toEqual([expect.objectContaining({ name: "allwise", rows: 5440, bad_rows: 0 })]);

  const nearest = await request.get(`/api/catshtm/crossmatch?catalog=allwise&ra=${WISE.raDeg}&dec=${WISE.decDeg + 1 / 3600}`);
  expect(nearest.status()).toBe(200);
  const row = (await nearest.json()) as Record<string, { value: unknown; unit: string }>;
  expect(row.id!.value).toBe(WISE.id);
  expect(row.distance!.value as number).toBeCloseTo(1, 6);

  const bad = await request.get("/api/catshtm/conesearch?catalog=allwise&ra=10&dec=95&radius=10");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({
    errors: { dec: "dec must be within [-90, 90] degrees" },
    message: "Input payload validation failed",
    code: "bad_request",
  });
});

test("the object page's crossmatch panel searches the catalogs again when the radius slider moves", async ({ page }) => {
  await page.goto("/");
  const first = page.locator('a[href^="/object/ZTF"]').first();
  await first.click();
  const panel = page.getByTestId("crossmatch-panel");
  await expect(panel).toBeVisible();
  // The bundled ZTF objects have no source in the AllWISE sample: the panel says so for the radius asked.
  await expect(panel.getByTestId("crossmatch-empty")).toContainText("within 5″");
  const answered = page.waitForResponse((r) => r.url().includes("/api/catshtm/conesearch_all") && r.url().includes("radius=20"));
  await panel.getByTestId("crossmatch-radius").fill("20");
  expect((await answered).status()).toBe(200);
  await expect(panel.getByTestId("crossmatch-empty")).toContainText("within 20″");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
