// Periods and folds of a variable star as an astronomer checks them (issue 17, item 1), on ZTF's
// official sample alert ZTF17aaajnnn: an eclipsing binary whose difference magnitudes are mostly
// negative differences, and whose apparent magnitudes have only sigmapsf_corr_ext as their error.
import { expect, type Locator, test } from "@playwright/test";
import { interactivePlot } from "./plots";
import { query } from "./e2e-database";

const OID = "ZTF17aaajnnn";

type Trace = { name?: string; x: number[]; y: number[] };
const traces = (plot: Locator) => plot.evaluate((element) => (element as HTMLElement & { data?: Trace[] }).data ?? []);

test("ZTF17aaajnnn: the periodogram finds the stored multiband period, the default fold shows two cycles on it, apparent mode plots every corrected detection", async ({
  page,
}) => {
  // The worker computes the features shortly after the sample is ingested.
  await expect
    .poll(
      async () =>
        (await query<{ value: number }>("select value from feature where oid = $1 and name = 'Multiband_period'", [OID]))[0]?.value ?? null,
      { timeout: 60_000 },
    )
    .not.toBeNull();
  const [{ value: stored }] = (await query<{ value: number }>("select value from feature where oid = $1 and name = 'Multiband_period'", [
    OID,
  ])) as [{ value: number }];
  const [{ n: corrected, span }] = (await query<{ n: number; span: number }>(
    "select count(*) filter (where magpsf_corr is not null)::int n, max(mjd) - min(mjd) span from detection where oid = $1",
    [OID],
  )) as [{ n: number; span: number }];

  await page.goto(`/object/${OID}`);
  const best = page.getByTestId("best-period");
  await expect(best).toBeVisible({ timeout: 30_000 });
  const bestDays = Number(await best.getAttribute("data-period-days"));
  expect(Math.abs(bestDays / stored - 1), `best ${bestDays} d against stored ${stored} d`).toBeLessThan(0.01);
  await expect(page.getByTestId("periodogram-basis")).toHaveAttribute("data-basis", "apparent");
  const periodogram = page.getByTestId("periodogram");
  await interactivePlot(page, "periodogram");
  const periods = (await traces(periodogram)).flatMap((t) => t.x);
  expect(Math.max(...periods)).toBeLessThanOrEqual(span / 2);

  // The default fold: the stored period, two cycles on a phase axis 0–2.
  const plot = await interactivePlot(page, "lightcurve");
  await page.getByTestId("lc-mode-folded").click();
  await expect(plot).toHaveAttribute("data-x-title", /^Phase \(P = /, { timeout: 30_000 });
  expect(Math.abs(Number(await page.getByTestId("period-input").inputValue()) / stored - 1)).toBeLessThan(1e-6);
  await expect(page.getByTestId("period-default")).toContainText("stored Multiband_period");
  const folded = await traces(plot);
  const firstCycle = folded.filter((t) => t.name?.endsWith("detections")).flatMap((t) => t.x);
  const secondCycle = folded.filter((t) => t.name?.endsWith("(next cycle)")).flatMap((t) => t.x);
  expect(firstCycle).toHaveLength(corrected);
  expect(secondCycle).toHaveLength(corrected);
  for (const x of firstCycle) expect(x >= 0 && x < 1).toBe(true);
  for (const x of secondCycle) expect(x >= 1 && x < 2).toBe(true);
  const range = await plot.evaluate((element) => (element as HTMLElement & { layout: { xaxis: { range: number[] } } }).layout.xaxis.range);
  expect(range).toEqual([0, 2]);

  // Apparent magnitudes: every detection with magpsf_corr (64), none left out.
  await page.getByTestId("lc-mode-apparent").click();
  await expect(plot).toHaveAttribute("data-mode", "apparent");
  await expect(plot).toHaveAttribute("data-detections", String(corrected));
  await expect(page.getByText(/without a corrected magnitude/)).toHaveCount(0);
});

test("ZTF20aafcnby (not corrected): the periodogram runs on signed flux and offers no period over half the span", async ({ page }) => {
  const OTHER = "ZTF20aafcnby";
  const [{ span }] = (await query<{ span: number }>("select max(mjd) - min(mjd) span from detection where oid = $1", [OTHER])) as [
    { span: number },
  ];
  await page.goto(`/object/${OTHER}`);
  await expect(page.getByTestId("periodogram-basis")).toHaveAttribute("data-basis", "flux", { timeout: 30_000 });
  expect(Number(await page.getByTestId("best-period").getAttribute("data-period-days"))).toBeLessThanOrEqual(span / 2);
  const periodogram = page.getByTestId("periodogram");
  await interactivePlot(page, "periodogram");
  expect(Math.max(...(await traces(periodogram)).flatMap((t) => t.x))).toBeLessThanOrEqual(span / 2);
  // An empty apparent plot says why instead of drawing axes.
  await page.getByTestId("lc-mode-apparent").click();
  await expect(page.getByTestId("lightcurve-empty")).toContainText("No corrected magnitudes");
});
