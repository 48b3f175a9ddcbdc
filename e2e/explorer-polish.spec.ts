// The small things of issue 17's "Low" list, measured in the browser: a trimmed plot mode bar that
// stays off the plot on phones, 44 px tap targets on phones, stamps ≥ 180 px at 1× on desktop, a
// cue when the results table scrolls sideways, the classifier named by the class column, and
// "1 detection" in the singular.
import { expect, test } from "@playwright/test";
import { interactivePlot } from "./plots";
import { query } from "./e2e-database";

const OID = "ZTF20aafcnby";

test("the plot mode bar keeps zoom, pan, reset and PNG only, and never sits on the plot on a phone", async ({ page, isMobile }) => {
  await page.goto(`/object/${OID}`);
  const plot = await interactivePlot(page, "lightcurve");
  const buttons = await plot.locator(".modebar-btn").evaluateAll((els) => els.map((e) => e.getAttribute("data-title") ?? ""));
  if (isMobile) {
    // Touch: drags scroll the page, so the bar (zoom tools) is not drawn at all.
    expect(buttons).toEqual([]);
    return;
  }
  expect(buttons.length).toBeGreaterThan(0);
  for (const dead of [/lasso/i, /box select/i, /share|cloud|chart studio/i, /spike/i]) {
    expect(
      buttons.filter((b) => dead.test(b)),
      String(dead),
    ).toEqual([]);
  }
  expect(buttons.some((b) => /png/i.test(b))).toBe(true);
  expect(buttons.some((b) => /reset|autoscale/i.test(b))).toBe(true);
  await expect(plot.locator(".modebar a[href*='plotly']")).toHaveCount(0);
});

test("on a phone every header link, FITS link, mode button and the crosshair box is at least 44 × 44 px", async ({ page, isMobile }) => {
  test.skip(!isMobile, "tap targets are a phone matter");
  await page.goto(`/object/${OID}`);
  await expect(page.getByTestId("stamp-science").locator("img")).toBeVisible({ timeout: 30_000 });
  const targets = [
    ...(await page.getByRole("navigation", { name: "Main" }).getByRole("link").all()),
    page.getByTestId("theme-switcher"),
    page.getByTestId("fits-science"),
    page.getByTestId("fits-template"),
    page.getByTestId("fits-difference"),
    page.locator("label", { has: page.getByRole("checkbox", { name: "crosshair" }) }),
    page.getByTestId("lc-mode-diff"),
    page.getByRole("button", { name: "Light curve" }),
  ];
  expect(targets.length).toBeGreaterThanOrEqual(10);
  for (const target of targets) {
    const box = (await target.boundingBox())!;
    const name = (await target.textContent())?.trim() || (await target.getAttribute("data-testid"));
    expect(box.height, `${name}: ${box.width.toFixed(0)}×${box.height.toFixed(0)} px`).toBeGreaterThanOrEqual(44);
    expect(box.width, `${name}: ${box.width.toFixed(0)}×${box.height.toFixed(0)} px`).toBeGreaterThanOrEqual(44);
  }
});

test("on desktop each stamp is at least 180 px wide at 1×", async ({ page, isMobile }) => {
  test.skip(isMobile, "a desktop layout matter");
  await page.goto(`/object/${OID}`);
  for (const type of ["science", "template", "difference"]) {
    const img = page.getByTestId(`stamp-${type}`).locator("img");
    await expect(img).toBeVisible({ timeout: 30_000 });
    const box = (await img.boundingBox())!;
    expect(box.width, `${type} stamp`).toBeGreaterThanOrEqual(180);
    expect(box.height, `${type} stamp`).toBeGreaterThanOrEqual(180);
  }
});

test("the results table says which classifier its class column shows, and shows a cue where it scrolls sideways", async ({
  page,
  isMobile,
}) => {
  await page.goto("/?ndetMin=1");
  const classHeader = page.getByTestId("results").locator("th", { hasText: /^Class/ });
  await expect(classHeader).toHaveText(/^Class \(\w+\)$/);
  await page.goto("/?ndetMin=1&classifier=stamp_classifier");
  await expect(classHeader).toHaveText("Class (stamp_classifier)");
  const box = page.getByTestId("results").locator("xpath=..");
  await expect(box).toHaveClass(/scroll-cue/);
  const [scrollWidth, clientWidth] = await box.evaluate((e) => [e.scrollWidth, e.clientWidth]);
  if (isMobile) {
    // The table is wider than a phone: it scrolls in its box, the cue (a shadow on the side with more) and a hint say so.
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(await box.evaluate((e) => getComputedStyle(e).backgroundImage)).toContain("radial-gradient");
    await expect(page.getByText("Scroll the table sideways for more columns →")).toBeVisible();
  }
});

test("an object with one detection says “1 detection”, never “1 detections”", async ({ page }) => {
  const [one] = await query<{ oid: string }>("select oid from object where ndet = 1 order by oid limit 1");
  expect(one, "the sample has an object with a single detection").toBeDefined();
  await page.goto(`/object/${one!.oid}`);
  const header = page.locator("article header");
  await expect(header).toContainText(/(?<!\d)1 detection,/);
  await expect(page.locator("body")).not.toContainText(/(?<!\d)1 detections\b/i);
});
