import { expect, type Page, test } from "@playwright/test";
import { query } from "./e2e-database";

async function signUp(page: Page, next: string) {
  await page.goto(`/sign-up?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(`streams-${test.info().project.name}-${Date.now()}@example.org`);
  await page.getByLabel("Name shown with your votes").fill("Stream User");
  await page.getByLabel(/^Password/).fill("a long enough test password");
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up then sign-in: two password hashes, slow on a busy machine.
  await page.waitForURL((url) => url.pathname === next, { timeout: 30_000 });
}

test("a filter saved in the UI: its search, and its replay over the bundled alerts, give the same alerts", async ({ page }) => {
  await signUp(page, "/streams/filters/new");
  await page.getByLabel("Name", { exact: true }).fill(`Bright positive r ${test.info().project.name}`);
  await page.getByRole("checkbox", { name: "r", exact: true }).check();
  await page.getByLabel("Magnitude to (faintest)").fill("19.5");
  await page.getByLabel("Positive difference only").check();
  await page.getByRole("button", { name: "Save filter" }).click();
  await page.waitForURL(/\/streams\/filters\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const filterId = page.url().split("/").pop()!;

  const stored = await query<{ definition: { alert: Record<string, unknown> } }>("SELECT definition FROM stream_filter WHERE id = $1", [
    filterId,
  ]);
  expect(stored[0]!.definition.alert).toEqual({ bands: [2], magpsf: { max: 19.5 }, positiveOnly: true });

  const searchText = (await page.getByTestId("search-count").textContent()) ?? "";
  const [, alerts, objects] = /(\d+) stored alerts? of (\d+) objects?/.exec(searchText) ?? [];
  expect(Number(alerts)).toBeGreaterThan(0);

  // The bundled sample (2016–2024) was ingested before the filter existed: replay all of it.
  await page.getByLabel("From MJD").fill("57000");
  await page.getByLabel("To MJD").fill("61000");
  await page.getByRole("button", { name: "Replay over this range" }).click();
  await expect(page.getByTestId("replays")).toContainText("done", { timeout: 60_000 });
  await expect(page.getByTestId("recorded-count")).toContainText(`${alerts} alert`);

  const recorded = await query<{ oid: string }>("SELECT DISTINCT oid FROM filter_match WHERE filter_id = $1 ORDER BY oid", [filterId]);
  expect(recorded).toHaveLength(Number(objects));
  const listed = await page.getByTestId("search-objects").locator("li").allTextContents();
  expect([...listed].sort()).toEqual(recorded.map((r) => r.oid).slice(0, 100));
});

test("a watchlist upload lists each unreadable row with its line, and a good file is matched", async ({ page }) => {
  await signUp(page, "/streams/watchlists/new");
  await page.getByLabel("Name", { exact: true }).fill("My targets");
  await page
    .getByLabel(/^CSV file/)
    .setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("ra,dec\n10,20\n400,20\n10,-95\n") });
  await page.getByRole("button", { name: "Create watchlist" }).click();
  const error = page.getByTestId("form-error");
  await expect(error).toContainText("2 rows of the file cannot be read");
  await expect(error).toContainText("line 3: ra: RA must be within");
  await expect(error).toContainText("line 4: dec: Dec must be within");

  const [alert] = await query<{ oid: string; ra: number; dec: number }>(
    "SELECT oid, ra, dec FROM detection WHERE parent_candid IS NULL ORDER BY candid LIMIT 1",
  );
  await page.getByLabel(/^CSV file/).setInputFiles({
    name: "good.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`name,ra,dec,radius\nmine,${alert!.ra},${alert!.dec},3\n`),
  });
  await page.getByRole("button", { name: "Create watchlist" }).click();
  await page.waitForURL(/\/streams\/watchlists\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByText("1 positions")).toBeVisible();
});
