// Issue 17 items 4–6 on the real ingested sample: junk detections kept out of light curves (and
// accounted for), SN Hunter triage flags and host context, and the SN Hunter on a phone.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test, type TestInfo } from "@playwright/test";
import { readAlertFile } from "../lib/alerts/read-alert-file";
import { alertRows } from "../lib/ingest/alert-rows";
import { interactivePlot } from "./plots";
import { e2eDatabaseUrl, query } from "./e2e-database";

/** Test artefacts; CIELO_DOCS_SCREENSHOTS=1 also refreshes docs/images. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
  if (process.env.CIELO_DOCS_SCREENSHOTS === "1") fs.copyFileSync(file, path.resolve("docs/images", `${name}.png`));
}

const JUNK_SETS = [
  "fixtures/alerts/samples/ampel_ipac_2016-09-01", // ZTF18aaaaaac: 2016 commissioning packets
  "fixtures/alerts/samples/fink-broker_spark-rewritten_v4.02", // ZTF18adljlvp: re-serialised, rewritten positions
];

/** The candids of the detections the ingest builds from these packets, by object. */
function inputCandids(): Map<string, Set<string>> {
  const byOid = new Map<string, Set<string>>();
  for (const dir of JUNK_SETS) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".avro"))) {
      for (const decoded of readAlertFile(fs.readFileSync(path.join(dir, file)), file).alerts) {
        const rows = alertRows(decoded, file);
        const set = byOid.get(rows.oid) ?? new Set<string>();
        for (const d of rows.detections) set.add(d.candid.toString());
        byOid.set(rows.oid, set);
      }
    }
  }
  return byOid;
}

const plottedCandids = (page: Page) =>
  page.getByTestId("lightcurve").evaluate((element) => {
    const data = (element as HTMLElement & { data?: { name?: string; customdata?: string[] }[] }).data ?? [];
    return data.filter((t) => t.name?.endsWith("detections")).flatMap((t) => t.customdata ?? []);
  });

test.describe("junk detections are quarantined", () => {
  for (const oid of ["ZTF18aaaaaac", "ZTF18adljlvp"]) {
    test(`${oid}: the light curve holds no far-away detection, the page flags the quarantined ones`, async ({ page }) => {
      const [object] = await query<{ meanra: number; meandec: number; ndet: number }>(
        "select meanra, meandec, ndet from object where oid = $1",
        [oid],
      );
      const kept = await query<{ candid: string; sep: number }>(
        `select candid::text, degrees(acos(least(1, sin(radians(dec)) * sin(radians($2)) + cos(radians(dec)) * cos(radians($2)) * cos(radians(ra - $3))))) * 3600 as sep
           from detection where oid = $1`,
        [oid, object!.meandec, object!.meanra],
      );
      const quarantined = await query<{ candid: string; reason: string; separation_arcsec: number }>(
        "select candid::text, reason, separation_arcsec from detection_quarantine where oid = $1",
        [oid],
      );
      expect(kept.length).toBe(object!.ndet);
      expect(Math.max(...kept.map((k) => k.sep))).toBeLessThanOrEqual(5);
      expect(quarantined.length).toBeGreaterThan(0);
      for (const q of quarantined) {
        expect(q.reason).toBe("far_from_object");
        expect(q.separation_arcsec).toBeGreaterThan(5);
      }

      await page.goto(`/object/${oid}`);
      const flag = page.getByTestId("data-quality-flag");
      await expect(flag).toBeVisible({ timeout: 20_000 });
      await expect(flag).toHaveAttribute("data-quarantined", String(quarantined.length));
      await interactivePlot(page, "lightcurve");
      const plotted = await plottedCandids(page);
      expect(plotted.sort()).toEqual(kept.map((k) => k.candid).sort());
      const moved = new Set(quarantined.map((q) => q.candid));
      expect(plotted.filter((c) => moved.has(c))).toEqual([]);
    });
  }

  test("counts add up: light curve + quarantine = the distinct candids of the input packets", async () => {
    const input = inputCandids();
    const all = new Set([...input.values()].flatMap((s) => [...s]));
    const stored = await query<{ candid: string }>(
      `select candid::text from detection where oid = any($1::text[])
       union all select candid::text from detection_quarantine where oid = any($1::text[])`,
      [[...input.keys()]],
    );
    expect(stored.length).toBe(all.size);
    expect(new Set(stored.map((r) => r.candid))).toEqual(all);
  });

  test("a negative candid's stamps show (ZTF18aaaaaac, 2016 JPEG stamps), never a raw API error", async ({ page }) => {
    await page.goto("/object/ZTF18aaaaaac");
    const panel = page.getByTestId("stamp-panel");
    await expect(panel).toHaveAttribute("data-candid", /^-\d+$/, { timeout: 20_000 });
    await expect(page.getByTestId("stamp-science").locator("img")).toBeVisible({ timeout: 20_000 });
    await expect(panel).not.toContainText("Input payload validation failed");
    await expect(panel).not.toContainText(/\b400\b/);
  });
});

/** Opens the phone's "Queue options" (a tap before hydration does nothing: tap until it says expanded). */
async function openQueueOptions(page: Page) {
  const toggle = page.getByTestId("queue-options-toggle");
  await expect(async () => {
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.tap();
    await expect(toggle).toHaveAttribute("aria-expanded", "true", { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

const CARD_URL = "/sn-hunter?windowHours=168&end=2018-11-30T00:00";
const CATALOGS = [
  [
    "tns",
    "fixtures/catalogs/tns-sample/tns_public_objects.csv",
    "--id",
    "name",
    "--class",
    "type",
    "--columns",
    "redshift,discoverymag",
    "--units",
    "redshift=",
  ],
  ["galaxies", "fixtures/catalogs/galaxies-sample/galaxies.csv", "--columns", "Bmag,z", "--units", "z="],
] as const;

test.describe("SN Hunter triage aids", () => {
  test.beforeAll(() => {
    // The documented command against the e2e database (no rematch: the card reads the catalogs when drawn).
    for (const [name, file, ...options] of CATALOGS) {
      execFileSync("node", ["--import", "tsx", "scripts/catalog-load.ts", name, file, ...options, "--no-rematch"], {
        env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
        stdio: "pipe",
        timeout: 120_000,
      });
    }
  });
  test.afterAll(async () => {
    // Other specs expect only the bundled AllWISE sample.
    for (const [name] of CATALOGS) {
      await query(`DROP TABLE IF EXISTS "catalog_${name}"`);
      await query("DELETE FROM catalog WHERE name = $1", [name]);
      await query("DELETE FROM xmatch WHERE catid = $1", [name]);
    }
  });

  test("a candidate next to a PS1 star carries the star flag in the queue and on the card; 'Hide flagged' hides it", async ({
    page,
  }, testInfo) => {
    await page.goto(`${CARD_URL}&oid=ZTF18acsbufn`);
    const item = page.locator('[data-testid="candidate-item"][data-oid="ZTF18acsbufn"]');
    await expect(item).toHaveAttribute("data-flags", /\bps1_star\b/);
    await expect(item.getByTestId("triage-flag").filter({ hasText: "PS1 star" })).toBeVisible();
    const card = page.getByTestId("candidate-card");
    await expect(card).toHaveAttribute("data-oid", "ZTF18acsbufn");
    const cardFlag = card.locator('[data-testid="triage-flag"][data-kind="ps1_star"]');
    await expect(cardFlag).toContainText(/1\.39″.*sgscore1 0\.99/);
    // The stamps say which detection they belong to.
    await expect(card.getByTestId("stamps-detection")).toContainText(/Detection \d+, 2018-11-29/);

    if (testInfo.project.name === "phone") await openQueueOptions(page);
    await page.getByLabel("Hide flagged").check();
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(page).toHaveURL(/hideFlagged=1/);
    await expect(page.getByTestId("hidden-flagged")).toContainText(/\d+ flagged candidates? hidden/);
    const shown = await page.getByTestId("candidate-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-flags")));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((f) => f === "")).toBe(true);
    await expect(page.locator('[data-testid="candidate-item"][data-oid="ZTF18acsbufn"]')).toHaveCount(0);
  });

  test("host context: the nearest galaxy with its offset, and 'already reported as' from the loaded TNS CSV", async ({
    page,
  }, testInfo) => {
    await page.goto(`/sn-hunter?oid=ZTF18abotthj`);
    const card = page.getByTestId("candidate-card");
    await expect(card).toHaveAttribute("data-oid", "ZTF18abotthj");
    await expect(card.getByTestId("tns-known")).toContainText("Already reported as 2099aaa (SN Ia)");
    await expect(card.getByTestId("host-context")).toContainText(/TESTGAL-1 \(galaxies\) at 2\.\d″/);
    await page.goto(`${CARD_URL}&oid=ZTF18acsbjvt`);
    await expect(card.locator('[data-testid="triage-flag"][data-kind="bright_star"]')).toContainText("G 13.2");
    await expect(card.getByTestId("candidate-stamps")).toBeVisible();
    await expect(card.getByTestId("stamp-science").locator("img")).toBeVisible({ timeout: 20_000 });
    await shot(page, testInfo, `sn-hunter-card-${testInfo.project.name}`);
  });

  test("on a phone the candidate comes first: its name and stamps above the fold, the queue options behind a button", async ({
    page,
  }, testInfo) => {
    test.skip(testInfo.project.name !== "phone", "phone layout");
    await page.goto(`${CARD_URL}&oid=ZTF18acsbufn`);
    const viewport = page.viewportSize()!;
    const heading = page.getByRole("heading", { level: 2, name: "ZTF18acsbufn" });
    await expect(heading).toBeVisible();
    // Below the site's header (~115 px) and the page's title row, options button and window note.
    expect((await heading.boundingBox())!.y).toBeLessThan(viewport.height * 0.5);
    await expect(page.getByLabel("Window")).toBeHidden();
    const stamp = page.getByTestId("stamp-science");
    await expect(stamp.locator("img")).toBeVisible({ timeout: 20_000 });
    // The stamps start on the first screen, above the triage bar fixed at the bottom (~80 px).
    expect((await stamp.boundingBox())!.y).toBeLessThan(viewport.height - 80);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await shot(page, testInfo, "sn-hunter-phone-first-screen");
    const toggle = page.getByTestId("queue-options-toggle");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await openQueueOptions(page);
    await expect(page.getByLabel("Window")).toBeVisible();
  });
});
