import { expect, test } from "@playwright/test";

// The public API through the production Next server (routing, 308 on ALeRCE's double slash,
// headers) on the bundled sample; the routes' logic is covered by the vitest suites in lib/api.
const OID = "ZTF20aafcnby";

test.describe("public API", () => {
  test.beforeEach(({ page: _page }, testInfo) => {
    test.skip(testInfo.project.name === "phone" && !testInfo.title.includes("page"), "API checks run once (desktop)");
  });

  test("ZTF v1 routes answer in ALeRCE's shapes, with CORS, rate-limit headers and ETags", async ({ request, baseURL }) => {
    const list = await request.get(`${baseURL}/api/ztf/v1//objects?classifier=stamp_classifier&page_size=3&count=true`);
    expect(list.status()).toBe(200);
    const page = (await list.json()) as { total: number; has_next: boolean; items: { oid: string; class: string }[] };
    expect(page.total).toBeGreaterThan(100);
    expect(page.items).toHaveLength(3);
    expect(list.headers()["access-control-allow-origin"]).toBe("*");
    expect(list.headers()["ratelimit-limit"]).toBeTruthy();

    const lc = await request.get(`/api/ztf/v1/objects/${OID}/lightcurve`);
    expect(lc.status()).toBe(200);
    const etag = lc.headers()["etag"]!;
    expect(((await lc.json()) as { detections: unknown[] }).detections.length).toBeGreaterThan(50);
    expect((await request.get(`/api/ztf/v1/objects/${OID}/lightcurve`, { headers: { "if-none-match": etag } })).status()).toBe(304);

    const bad = await request.get("/api/ztf/v1/objects?ndet=abc");
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ message: "Input payload validation failed", errors: { ndet: expect.any(String) } });
    const missing = await request.get("/api/ztf/v1/objects/ZTF99zzzzzzz");
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({ message: "Object not found", code: "not_found" });
    expect((await request.get("/api/ztf/v1/no/such/route")).status()).toBe(404);
  });

  test("stamps, Avro and the OpenAPI document", async ({ request }) => {
    const detections = (await (await request.get(`/api/ztf/v1/objects/${OID}/detections`)).json()) as {
      candid: string;
      has_stamp: boolean;
    }[];
    const candid = detections.find((d) => d.has_stamp)!.candid;
    const fits = await request.get(`/api/avro/get_stamp?oid=${OID}&candid=${candid}&type=science&format=fits`);
    expect(fits.headers()["content-type"]).toBe("application/fits+gzip");
    expect([...(await fits.body()).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const png = await request.get(`/api/avro/get_stamp?oid=${OID}&candid=${candid}&type=difference&format=png`);
    expect(png.headers()["content-type"]).toBe("image/png");
    const avro = await request.get(`/api/avro/get_avro?oid=${OID}&candid=${candid}`);
    expect((await avro.body()).subarray(0, 3).toString()).toBe("Obj");
    const doc = (await (await request.get("/api/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/ztf/v1/objects/{oid}/lightcurve");
  });

  test("the API reference page lists the routes", async ({ page }) => {
    await page.goto("/api-docs");
    await expect(page.getByRole("heading", { name: "Public API" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /\/api\/ztf\/v1\/objects\/\{oid\}\/lightcurve/ })).toBeVisible();
    await page.getByRole("link", { name: "API", exact: true }).click();
    await expect(page).toHaveURL(/\/api-docs$/);
  });
});
