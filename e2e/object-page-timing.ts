// Cold loads of object pages, measured the same way by the e2e speed test (e2e/explorer-speed.spec.ts)
// and `npm run bench:pages` (scripts/bench-pages.ts).
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";

/** The User Timing mark PlotlyFigure sets when the light curve is first drawn (components/explorer/plotly-figure.tsx). */
export const LIGHTCURVE_DRAWN_MARK = "plot-drawn:lightcurve";

export interface ColdLoad {
  oid: string;
  /** From navigation start to the light curve's first draw (the mark), in the page's own clock. */
  firstPointMs: number;
  /** Bytes over the wire once the page is idle (document, scripts, styles, images, fetches), in kB. */
  transferKb: number;
  /** URLs of aladin-lite requested while the sky view is out of view. */
  aladinRequests: string[];
}

/**
 * Collects the URLs of scripts that are aladin-lite: bundlers give its chunk a hashed name, so it is
 * recognised by content (identifiers of its own API that minification keeps). Call `settled()` to
 * wait for the responses seen so far to be read.
 */
export function watchAladinScripts(page: Page): { urls: string[]; settled: () => Promise<void> } {
  const urls: string[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      response
        .text()
        .then((text) => {
          if (text.includes("hipsList") && text.includes("AladinLite")) urls.push(response.url());
        })
        .catch(() => undefined),
    );
  });
  return { urls, settled: async () => void (await Promise.all(pending)) };
}

/**
 * One cold load: a fresh browser context (empty cache, no cookies), the object page, then the
 * light-curve mark read from the page. Transfer is summed from Resource Timing (transferSize: what
 * came over the network, compressed) after the network is idle, without scrolling.
 */
export async function coldLoadObjectPage(
  browser: Browser,
  baseURL: string,
  oid: string,
  options: { contextOptions?: BrowserContextOptions; timeoutMs?: number } = {},
): Promise<ColdLoad> {
  const context = await browser.newContext({ ...options.contextOptions, baseURL });
  try {
    const page = await context.newPage();
    const aladin = watchAladinScripts(page);
    await page.goto(`/object/${oid}`, { waitUntil: "commit" });
    const timeout = options.timeoutMs ?? 60_000;
    const handle = await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark, "mark")[0]?.startTime ?? null,
      LIGHTCURVE_DRAWN_MARK,
      { timeout, polling: 50 },
    );
    const firstPointMs = Math.round((await handle.jsonValue()) as number);
    await page.waitForLoadState("networkidle", { timeout });
    const transferBytes = await page.evaluate(() => {
      const entries = [
        ...performance.getEntriesByType("navigation"),
        ...performance.getEntriesByType("resource"),
      ] as PerformanceResourceTiming[];
      return entries.reduce((sum, e) => sum + (e.transferSize || 0), 0);
    });
    await aladin.settled();
    return { oid, firstPointMs, transferKb: Math.round(transferBytes / 1024), aladinRequests: [...aladin.urls] };
  } finally {
    await context.close();
  }
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
