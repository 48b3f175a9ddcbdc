// The observer (red night-vision) palette, element by element (issue 17, item 2): every plotted
// trace keeps a non-black colour with at least 3:1 contrast against the plot background, read from
// the computed styles of what plotly drew; g and r differ by marker shape and luminance.
import { expect, type Page, test } from "@playwright/test";
import { interactivePlot } from "./plots";

const OID = "ZTF17aaajnnn";

interface Mark {
  what: string;
  color: string;
  background: string;
}

/** Every drawn mark of a plotly figure (markers, lines, error bars, shapes) with the colour it shows and the plot background. */
async function plotMarks(page: Page, testId: string): Promise<Mark[]> {
  return page.getByTestId(testId).evaluate((root) => {
    const background = getComputedStyle(root.querySelector(".bglayer rect.bg") ?? root.querySelector("rect.bg")!).fill;
    const marks: { what: string; color: string; background: string }[] = [];
    const visible = (c: string) => c !== "none" && c !== "" && !/rgba\([^)]*,\s*0\)$/.test(c);
    // What the eye sees: a marker's fill, else (open markers) its stroke; lines, error bars and shapes are strokes.
    const take = (what: string, element: Element, paint: "marker" | "stroke") => {
      const style = getComputedStyle(element);
      const color = paint === "marker" && visible(style.fill) ? style.fill : style.stroke;
      if (visible(color)) marks.push({ what, color, background });
    };
    root.querySelectorAll(".scatterlayer .trace").forEach((trace, i) => {
      trace.querySelectorAll("path.point").forEach((p) => take(`trace ${i} point`, p, "marker"));
      trace.querySelectorAll("path.js-line").forEach((p) => take(`trace ${i} line`, p, "stroke"));
      trace.querySelectorAll(".errorbar path").forEach((p) => take(`trace ${i} error bar`, p, "stroke"));
    });
    root.querySelectorAll(".shapelayer path").forEach((p, i) => take(`shape ${i}`, p, "stroke"));
    return marks;
  });
}

function rgb(color: string): [number, number, number, number] {
  const m = /rgba?\(([^)]+)\)/.exec(color);
  if (!m) throw new Error(`not an rgb colour: ${color}`);
  const [r, g, b, a] = m[1]!.split(",").map((s) => Number(s.trim()));
  return [r!, g!, b!, a ?? 1];
}
function luminance([r, g, b]: [number, number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x);
  return (l1! + 0.05) / (l2! + 0.05);
}

function expectReadable(marks: Mark[], where: string) {
  expect(marks.length, `${where}: something is drawn`).toBeGreaterThan(0);
  const bad = marks.filter((m) => {
    const [r, g, b] = rgb(m.color);
    return r + g + b === 0 || contrast(m.color, m.background) < 3;
  });
  expect(
    bad.slice(0, 5).map((m) => `${where} ${m.what}: ${m.color} on ${m.background} = ${contrast(m.color, m.background).toFixed(2)}:1`),
  ).toEqual([]);
}

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "cielo-theme", value: "observer", url: baseURL! }]);
});

test("observer mode: every plotted trace is non-black with ≥ 3:1 contrast, g and r told apart by marker and luminance", async ({
  page,
}, testInfo) => {
  await page.goto(`/object/${OID}`);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "observer");
  const lightcurve = page.getByTestId("lightcurve");
  await interactivePlot(page, "lightcurve");
  await interactivePlot(page, "periodogram");
  for (const mode of ["diff", "apparent", "folded", "flux"]) {
    await page.getByTestId(`lc-mode-${mode}`).click();
    await expect(lightcurve).toHaveAttribute("data-mode", mode, { timeout: 30_000 });
    expectReadable(await plotMarks(page, "lightcurve"), `light curve (${mode})`);
  }
  expectReadable(await plotMarks(page, "periodogram"), "periodogram");

  // g and r: different marker shapes and clearly different red luminances.
  await page.getByTestId("lc-mode-diff").click();
  const bands = await lightcurve.evaluate((element) =>
    ((element as HTMLElement & { _fullData?: { name: string; marker: { symbol: string; color: string } }[] })._fullData ?? [])
      .filter((t) => t.name.endsWith("detections"))
      .map((t) => ({ name: t.name, symbol: t.marker.symbol, color: t.marker.color })),
  );
  const g = bands.find((b) => b.name === "g detections")!;
  const r = bands.find((b) => b.name === "r detections")!;
  expect(g.symbol).not.toBe(r.symbol);
  const toRgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
  expect(contrast(toRgb(g.color), toRgb(r.color))).toBeGreaterThan(2);

  // HTML marks: the winning class's bar and the others against their track.
  const bars = await page
    .getByTestId("panel-classifications")
    .locator("td div[style]")
    .evaluateAll((elements) =>
      elements.map((e) => ({ color: getComputedStyle(e).backgroundColor, background: getComputedStyle(e.parentElement!).backgroundColor })),
    );
  expect(bars.length).toBeGreaterThan(0);
  for (const bar of bars) expect(contrast(bar.color, bar.background), `${bar.color} on ${bar.background}`).toBeGreaterThanOrEqual(3);
  const file = testInfo.outputPath("explorer-object-observer.png");
  await page.screenshot({ path: file });
  await testInfo.attach("observer", { path: file, contentType: "image/png" });

  // The search page's sky map dots.
  await page.goto("/?ndetMin=10");
  const dots = await page
    .getByTestId("sky-map")
    .locator("circle[data-oid]")
    .evaluateAll((circles) =>
      circles.map((c) => ({
        color: getComputedStyle(c).fill,
        background: getComputedStyle(c.closest("svg")!.querySelector("path, ellipse, rect")!).fill,
      })),
    );
  expect(dots.length).toBeGreaterThan(0);
  for (const dot of dots) expect(contrast(dot.color, dot.background)).toBeGreaterThanOrEqual(3);
});
