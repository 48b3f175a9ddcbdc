import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";

/** Written by `scripts/start.ts --ephemeral-database`, the e2e web server. */
const E2E_DATABASE_URL_FILE = path.resolve(".data/e2e/ephemeral-database-url");

async function detectionCountInDatabase(oid: string): Promise<number> {
  const client = new pg.Client({ connectionString: fs.readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("select count(distinct candid)::int as n from detection where oid = $1", [oid]);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

test.describe("Explorer", () => {
  test("an astronomer opens the object list, picks an object and sees its light curve", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Objects" })).toBeVisible();
    const firstObject = page.getByRole("table").getByRole("link").first();
    const oid = (await firstObject.textContent())?.trim() ?? "";
    expect(oid).toMatch(/^ZTF\d{2}[a-z]{7}$/);

    await firstObject.click();
    await expect(page).toHaveURL(new RegExp(`/object/${oid}$`));
    await expect(page.getByRole("heading", { level: 1, name: oid })).toBeVisible();
    await expect(page.getByTestId("ra-hms")).toHaveText(/^\d{2}:\d{2}:\d{2}\.\d{2}$/);
    await expect(page.getByTestId("dec-dms")).toHaveText(/^[+-]\d{2}:\d{2}:\d{2}\.\d$/);

    const plot = page.getByTestId("lightcurve");
    await expect(plot.locator(".main-svg").first()).toBeVisible();
    const expected = await detectionCountInDatabase(oid);
    expect(expected).toBeGreaterThan(0);
    await expect(page.getByText(`${expected} detection${expected === 1 ? "" : "s"},`)).toBeVisible();
    // Points plotted by plotly in the detection traces (upper limits are separate traces).
    const plotted = await plot.evaluate((element) => {
      const data = (element as HTMLElement & { data?: { name?: string; x?: unknown[] }[] }).data ?? [];
      return data.filter((t) => t.name?.endsWith("detections")).reduce((n, t) => n + (t.x?.length ?? 0), 0);
    });
    expect(plotted).toBe(expected);
    const drawn = await plot.locator(".scatterlayer .trace path.point").count();
    expect(drawn).toBeGreaterThanOrEqual(expected);
  });

});
