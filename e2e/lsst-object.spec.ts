import { expect, test } from "@playwright/test";

/** A real LSSTCam alert of the bundled sample (fixtures/lsst/real/alerce_sample_v9.avro), with three cutouts. */
const LSST_OID = "169298433221853273";

test.describe("LSST object page", () => {
  test("an astronomer sees the light curve in nJy and AB mag and three cutouts oriented north up", async ({ page, request }) => {
    await page.goto(`/lsst/${LSST_OID}`);
    await expect(page.getByRole("heading", { level: 1, name: LSST_OID })).toBeVisible();

    const flux = page.getByTestId("lsst-lightcurve-flux");
    const mag = page.getByTestId("lsst-lightcurve-mag");
    await expect(flux).toHaveAttribute("data-unit", "nJy");
    await expect(mag).toHaveAttribute("data-unit", "AB mag");
    await expect(flux).toHaveAttribute("data-points", "1");
    await expect(mag).toHaveAttribute("data-points", "1");
    // Plotly drew the points and the unit is on each axis.
    await expect(flux.locator(".scatterlayer .point")).toHaveCount(1, { timeout: 30_000 });
    await expect(mag.locator(".scatterlayer .point")).toHaveCount(1);
    await expect(flux.getByText("difference flux (nJy)")).toBeVisible();
    await expect(mag.getByText("apparent AB magnitude")).toBeVisible();

    for (const kind of ["science", "template", "difference"]) {
      const figure = page.getByTestId(`lsst-cutout-${kind}`);
      await expect(figure).toHaveAttribute("data-orientation", "north-up");
      const image = figure.getByRole("img");
      await expect(image).toHaveAttribute("alt", /north up, east left/);
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      const src = await image.getAttribute("src");
      const png = await request.get(src!);
      expect(png.status()).toBe(200);
      expect(png.headers()["content-type"]).toBe("image/png");
    }
    await expect(page.getByTestId("lsst-classifier-note")).toContainText("stamp classifier is ZTF-only");
  });

  test("the ZTF-trained light-curve forest's output on a real LSST light curve is labelled as trained on ZTF, not validated on LSST", async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    // A real Rubin object of Fink's sample (fixtures/lsst-fink): 7 r and 16 i detections. The worker's
    // first debounced pass classifies it; reload until it has.
    const oid = "169738309211783177";
    await expect
      .poll(
        async () => {
          const response = await request.get(`/api/multisurvey/object_api/object?survey_id=lsst&oid=${oid}`);
          return ((await response.json()) as { lc_classification: { trained_on_survey: string } | null }).lc_classification
            ?.trained_on_survey;
        },
        { timeout: 150_000, intervals: [2_000] },
      )
      .toBe("ztf");
    await page.goto(`/lsst/${oid}`);
    await expect(page.getByTestId("lsst-lc-trained-on")).toHaveText("trained on ZTF, not validated on LSST");
    await expect(page.getByTestId("lsst-lc-classification").getByRole("row")).toHaveCount(6); // header + the 5 most probable classes
  });

  test("the survey filter of the API finds LSST objects by cone", async ({ request }) => {
    const response = await request.get("/api/multisurvey/object_api/list_objects?survey_id=lsst&ra=9.2154&dec=-42.8325&radius=5");
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { items: { oid: string }[] };
    expect(body.items.map((o) => o.oid)).toEqual([LSST_OID]);
  });
});
