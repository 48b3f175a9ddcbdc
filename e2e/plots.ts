import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The interactive (plotly.js) figure with this test id, once drawn. The object page first shows a
 * static light curve and fetches plotly.js when the reader reaches for a plot, or scrolls the
 * periodogram into view (docs/decisions/0026-object-page-static-first.md): this scrolls to the
 * figure and moves the pointer onto it, as a reader would.
 */
export async function interactivePlot(page: Page, testId: string, timeout = 30_000): Promise<Locator> {
  const plot = page.getByTestId(testId);
  await plot.scrollIntoViewIfNeeded();
  await plot.hover();
  await expect(plot.locator(".main-svg").first()).toBeVisible({ timeout });
  return plot;
}
