// Issue 17's remaining checks on the real ingested sample, as a user meets them: misleading empty
// results explained (?classifier=nonsense, ?page=99999), "← Search" back to the search with its
// filters, /api-docs examples on the request's origin with the notebooks and TS client linked, MJD
// tick labels that do not repeat under a one-day span, SN Hunter messages without raw validation
// text, the card's stamps from the earliest stamped alert (others on offer), and SN Hunter's
// consensus badges and pressed vote buttons at ≥ 4.5:1 in every theme (no green in the observer theme),
// and no sideways scrolling at 390 × 844.
import crypto from "node:crypto";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { interactivePlot } from "./plots";
import { query } from "./e2e-database";

function rgb(color: string): [number, number, number] {
  const m = /rgba?\(([^)]+)\)/.exec(color);
  if (!m) throw new Error(`not an rgb colour: ${color}`);
  const [r, g, b] = m[1]!.split(",").map((s) => Number(s.trim()));
  return [r!, g!, b!];
}
function contrast(a: string, b: string): number {
  const lum = ([r, g, b]: [number, number, number]) => {
    const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const [l1, l2] = [lum(rgb(a)), lum(rgb(b))].sort((x, y) => y - x);
  return (l1! + 0.05) / (l2! + 0.05);
}
/** Text colour and the background it sits on (the nearest ancestor with a non-transparent one). */
const colours = (locator: Locator) =>
  locator.evaluate((element) => {
    let node: Element | null = element;
    let background = "rgba(0, 0, 0, 0)";
    while (node && /rgba\(.*,\s*0\)$|^transparent$/.test(background)) {
      background = getComputedStyle(node).backgroundColor;
      node = node.parentElement;
    }
    // Computed colours can be lab()/oklch() (Tailwind's palette): a canvas pixel gives their sRGB.
    const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const toRgb = (css: string) => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = css;
      context.fillRect(0, 0, 1, 1);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return `rgb(${r}, ${g}, ${b})`;
    };
    return { color: toRgb(getComputedStyle(element).color), background: toRgb(background) };
  });

test.describe("Explorer search: misleading empty results explained, and the way back", () => {
  test("?classifier=nonsense keeps the value in the form and says it is unknown; no result list", async ({ page }) => {
    await page.goto("/?classifier=nonsense");
    await expect(page.getByLabel("Classifier")).toHaveValue("nonsense");
    await expect(page.getByTestId("error-classifier")).toContainText('unknown classifier "nonsense"');
    await expect(page.getByTestId("invalid-search")).toBeVisible();
    await expect(page.getByTestId("results")).toHaveCount(0);
    await expect(page.getByTestId("no-results")).toHaveCount(0);
  });

  test("?page=99999 says the page is past the end, how many pages there are, and links to the last one", async ({ page }) => {
    await page.goto("/?page=99999");
    const n = Number(await page.getByTestId("result-total").getAttribute("data-total"));
    const [{ objects }] = (await query<{ objects: number }>("select count(*)::int objects from object")) as [{ objects: number }];
    expect(n).toBe(objects);
    const pages = Math.ceil(n / 20);
    const message = page.getByTestId("past-last-page");
    await expect(message).toContainText(`Page 99,999 is past the end: ${n.toLocaleString("en")} objects fill ${pages} pages.`);
    await expect(page.getByTestId("result-total")).not.toContainText("page 99999");
    await message.getByRole("link", { name: "Go to the last page" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]page=${pages}(&|$)`));
    await expect(page.getByTestId("result-total")).toContainText(`page ${pages} of ${pages}`);
    await expect(page.getByTestId("results").locator("tbody tr").first()).toBeVisible();
  });

  test("'← Search' on an object page returns to the search it came from, filters, sort and page included", async ({ page }) => {
    const search = "/?ndetMin=3&orderBy=ndet&orderMode=ASC&page=2";
    await page.goto(search);
    await expect(page.getByTestId("result-total")).toContainText("page 2 of");
    const firstOid = await page.getByTestId("results").locator("tbody tr").first().getAttribute("data-oid");
    await page.getByTestId("results").getByRole("link", { name: firstOid! }).click();
    await expect(page).toHaveURL(new RegExp(`/object/${firstOid}$`), { timeout: 30_000 });
    const back = page.getByTestId("back-to-search");
    await expect(back).toHaveAttribute("href", search);
    await back.click();
    await expect(page).toHaveURL(search, { timeout: 30_000 });
    await expect(page.getByLabel("Minimum number of detections")).toHaveValue("3");
    await expect(page.getByTestId("result-total")).toContainText("page 2 of");

    // While the next object page is on its way (held back here by 1.5 s), a progress bar says so.
    await page.goto(search);
    const secondOid = await page.getByTestId("results").locator("tbody tr").nth(1).getAttribute("data-oid");
    await page.route(`**/object/${secondOid}*`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.getByTestId("results").getByRole("link", { name: secondOid! }).click();
    await expect(page.getByTestId("navigation-progress")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/object/${secondOid}$`), { timeout: 30_000 });
    await expect(page.getByTestId("navigation-progress")).toHaveCount(0);
    await page.unroute(`**/object/${secondOid}*`);

    // A page opened in a fresh tab has no search to return to: the plain search page.
    const fresh = await page.context().newPage();
    await fresh.goto(`/object/${firstOid}`);
    await expect(fresh.getByTestId("back-to-search")).toHaveAttribute("href", "/");
    // A tampered stored value never leads off the site.
    await fresh.evaluate(() => sessionStorage.setItem("cielo:last-search", "/\\evil.example/"));
    await fresh.reload();
    await expect(fresh.getByTestId("back-to-search")).toHaveAttribute("href", "/");
    await fresh.close();
  });
});

test("/api-docs: the examples use the origin of the request, and the notebooks and the TS client are linked and download", async ({
  page,
  baseURL,
  request,
}) => {
  await page.goto("/api-docs");
  const origin = new URL(baseURL!).origin;
  const examples = await page.locator("pre").allTextContents();
  expect(examples.join("\n")).toContain(`curl '${origin}/api/ztf/v1/objects`);
  expect(examples.join("\n")).not.toContain("localhost:3000");
  // Another Host header (a proxy's name) gives examples on that origin.
  const proxied = await (await request.get("/api-docs", { headers: { host: "broker.example.org:8443" } })).text();
  expect(proxied).toContain("http://broker.example.org:8443/api/ztf/v1/objects");
  const notebooks = page.locator('a[href^="/api-docs/files/"][href$=".ipynb"]');
  expect(await notebooks.count()).toBeGreaterThan(0);
  const client = page.locator('a[href="/api-docs/files/cielo-client.ts"]');
  await expect(client).toBeVisible();
  for (const href of [await notebooks.first().getAttribute("href"), await client.getAttribute("href")]) {
    const response = await request.get(href!);
    expect(response.status(), href!).toBe(200);
    expect((await response.body()).length, href!).toBeGreaterThan(500);
  }
});

test("MJD tick labels do not repeat when the light curve spans less than a day", async ({ page }) => {
  const [short] = await query<{ oid: string; n: number }>(
    `select oid, count(*)::int n from detection group by oid having count(*) >= 2 and max(mjd) - min(mjd) < 1
     order by max(mjd) - min(mjd) desc, oid limit 1`,
  );
  expect(short, "the sample has an object whose detections fit in one night").toBeDefined();
  await page.goto(`/object/${short!.oid}`);
  const plot = await interactivePlot(page, "lightcurve");
  await expect(plot).toHaveAttribute("data-mode", "diff");
  const labels = await plot.locator(".xtick text").allTextContents();
  expect(labels.length, `ticks: ${labels.join(", ")}`).toBeGreaterThanOrEqual(2);
  expect(new Set(labels).size, `ticks: ${labels.join(", ")}`).toBe(labels.length);
});

test("SN Hunter: bad values in the address are named with what they should be, never raw validation text", async ({ page }) => {
  await page.goto("/sn-hunter?windowHours=abc&limit=ten&end=soon");
  const note = page.getByTestId("ignored-params");
  await expect(note).toContainText("windowHours: a number of hours, 12 to 168");
  await expect(note).toContainText("limit: a number, 10 to 1000");
  await expect(note).toContainText("end: a UTC date and time, e.g. 2018-11-29T12:00");
  await expect(page.locator("body")).not.toContainText(/expected number|received NaN|invalid_type/i);
});

test("SN Hunter card: the stamps are the earliest stamped alert's, say which detection, and the others are on offer", async ({ page }) => {
  const oid = "ZTF18acsbufn";
  const stamped = await query<{ candid: string; mjd: number }>(
    `select d.candid::text, d.mjd from detection d where d.oid = $1 and d.has_stamp order by d.mjd`,
    [oid],
  );
  const [first] = await query<{ candid: string; mjd: number }>(
    "select candid::text, mjd from detection where oid = $1 order by mjd limit 1",
    [oid],
  );
  expect(stamped.length).toBeGreaterThan(0);
  await page.goto(`/sn-hunter?windowHours=168&end=2018-11-30T00:00&oid=${oid}`);
  const card = page.getByTestId("candidate-card");
  const which = card.getByTestId("stamps-detection");
  await expect(which).toHaveAttribute("data-candid", stamped[0]!.candid);
  await expect(card.getByTestId("candidate-stamps").locator("h3")).toHaveText("Earliest stamps");
  if (first!.candid === stamped[0]!.candid) await expect(which).toContainText("the first detection");
  else await expect(which).toContainText(/d after the first detection/);
  await expect(card.getByTestId("stamp-science").locator("img")).toBeVisible({ timeout: 20_000 });
  // Every stamped alert of the object is on offer in the detection menu.
  await expect(card.getByTestId("stamp-candid-select").locator("option")).toHaveCount(stamped.length);
});

test.describe("SN Hunter colours: consensus badges and pressed vote buttons", () => {
  const QUEUE_URL = "/sn-hunter?windowHours=168&end=2018-11-30T00:00";
  const REVIEWERS = ["contrast-a@example.org", "contrast-b@example.org"];
  const token = crypto.randomBytes(24).toString("base64url");
  let oids: string[] = [];

  test.beforeAll(async ({ browser, baseURL }) => {
    const ids: string[] = [];
    for (const email of REVIEWERS) {
      const [row] = await query<{ id: string }>(
        `insert into app_user (id, email, display_name, approved_at) values (gen_random_uuid(), $1, $1, now())
         on conflict (email) do update set approved_at = now() returning id`,
        [email],
      );
      ids.push(row!.id);
    }
    await query("insert into user_session (token_hash, user_id, expires_at) values ($1, $2, now() + interval '1 day')", [
      crypto.createHash("sha256").update(token).digest("hex"),
      ids[0],
    ]);
    // Three candidates of the sample night's queue: ready to report (2 × possible SN), likely bogus (2 × bogus), disputed.
    const page = await browser.newPage({ baseURL });
    await page.goto(QUEUE_URL);
    const queued = await page.getByTestId("candidate-item").evaluateAll((items) => items.map((i) => i.getAttribute("data-oid")!));
    await page.close();
    const voted = new Set((await query<{ oid: string }>("select distinct oid from candidate_vote")).map((r) => r.oid));
    oids = queued.filter((oid) => !voted.has(oid)).slice(0, 3);
    expect(oids).toHaveLength(3);
    const votes: [number, string, string][] = [
      [0, oids[0]!, "possible_sn"],
      [1, oids[0]!, "possible_sn"],
      [0, oids[1]!, "bogus"],
      [1, oids[1]!, "bogus"],
      [0, oids[2]!, "possible_sn"],
      [1, oids[2]!, "bogus"],
    ];
    for (const [who, oid, kind] of votes)
      await query("insert into candidate_vote (user_id, oid, kind) values ($1, $2, $3)", [ids[who], oid, kind]);
  });
  test.afterAll(async () => {
    await query("delete from app_user where email = any($1::text[])", [REVIEWERS]);
  });

  for (const theme of ["light", "dark", "observer"]) {
    test(`${theme} theme: every badge and pressed vote button is ≥ 4.5:1${theme === "observer" ? ", and nothing is green" : ""}`, async ({
      page,
      context,
      baseURL,
    }) => {
      await context.addCookies([
        { name: "cielo-theme", value: theme, url: baseURL! },
        { name: "cielo_session", value: token, url: baseURL! },
      ]);
      const checks: { what: string; locator: Locator }[] = [];
      const open = async (oid: string): Promise<Page> => {
        await page.goto(`${QUEUE_URL}&oid=${oid}`);
        await expect(page.getByTestId("candidate-card")).toHaveAttribute("data-oid", oid);
        return page;
      };
      const results: string[] = [];
      for (const [i, consensus] of (["ready_to_report", "likely_bogus", "disputed"] as const).entries()) {
        await open(oids[i]!);
        checks.length = 0;
        checks.push({
          what: `queue badge ${consensus}`,
          locator: page.locator(`[data-testid="candidate-item"][data-oid="${oids[i]}"] [data-testid="consensus-badge"]`),
        });
        checks.push({ what: `card consensus ${consensus}`, locator: page.getByTestId("consensus") });
        checks.push({ what: `pressed vote button on ${consensus}`, locator: page.locator("button[aria-pressed=true]") });
        await expect(page.getByTestId("consensus")).toHaveAttribute("data-consensus", consensus);
        for (const { what, locator } of checks) {
          await expect(locator.first()).toBeAttached();
          const { color, background } = await colours(locator.first());
          const ratio = contrast(color, background);
          if (ratio < 4.5) results.push(`${what}: ${color} on ${background} = ${ratio.toFixed(2)}:1`);
          if (theme === "observer") {
            for (const c of [color, background]) {
              const [r, g, b] = rgb(c);
              if (g > r || b > r) results.push(`${what}: ${c} is not a red of the observer palette`);
            }
          }
        }
      }
      expect(results).toEqual([]);
    });
  }
});

test("at 390 × 844 the SN Hunter card and the object page never scroll sideways (the stamps' detection menu shrinks)", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ["/sn-hunter?windowHours=168&end=2018-11-30T00:00&oid=ZTF18acsbufn", "/object/ZTF18acsbufn"]) {
    await page.goto(url);
    await expect(page.getByTestId("stamp-science").locator("img").first()).toBeVisible({ timeout: 30_000 });
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page, `${url}: page ${widths.page} px wide in a ${widths.viewport} px viewport`).toBeLessThanOrEqual(390);
    const select = (await page.getByTestId("stamp-candid-select").boundingBox())!;
    expect(select.x + select.width, `${url}: the detection menu's right edge`).toBeLessThanOrEqual(390);
  }
});
