import { expect, test } from "@playwright/test";
import { interactivePlot } from "./plots";

test.describe("Web hardening", () => {
  test.skip(({ isMobile }) => isMobile, "headers are the same on every device");

  test("pages carry a nonce CSP that forbids framing, nosniff and a referrer policy; no HSTS over plain http", async ({ request }) => {
    const first = await request.get("/");
    const second = await request.get("/");
    const csp = first.headers()["content-security-policy"]!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
    expect(second.headers()["content-security-policy"]).not.toBe(csp); // a fresh nonce per request
    const nonce = /'nonce-([\w+/=]+)'/.exec(csp)![1]!;
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    expect(first.headers()["x-content-type-options"]).toBe("nosniff");
    expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(first.headers()["x-frame-options"]).toBe("DENY");
    expect(first.headers()["strict-transport-security"]).toBeUndefined();
    expect(first.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const api = await request.get("/api/ztf/v1/classifiers");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("TRACE, a server action from another site and an over-long filter get 4xx answers or a message, never a 500", async ({
    request,
  }) => {
    expect((await request.fetch("/", { method: "TRACE" })).status()).toBe(405);
    for (const origin of ["https://evil.example", "null"]) {
      const forged = await request.post("/sign-in", {
        headers: { "next-action": "0".repeat(42), origin, "content-type": "text/plain;charset=UTF-8" },
        data: "[]",
      });
      expect(forged.status()).toBe(403);
    }
    const long = await request.get(`/?classifier=${"x".repeat(101)}`);
    expect(long.status()).toBeLessThan(500);
  });

  test("the Explorer's plot and sky view still work under the CSP", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply|compile)/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/");
    const oid = await page.locator("a[href^='/object/ZTF']").first().getAttribute("href");
    await page.goto(oid!);
    await interactivePlot(page, "lightcurve");
    // The sky view loads when scrolled near; then Aladin Lite compiled its WebAssembly ('wasm-unsafe-eval')
    // and drew its widget: a canvas of the view's size (the survey tiles stay offline here).
    const sky = page.getByTestId("aladin-view");
    await sky.scrollIntoViewIfNeeded();
    await expect(sky).toHaveAttribute("data-state", "ready", { timeout: 60_000 });
    await expect(sky.locator("canvas").first()).toBeVisible();
    expect(violations).toEqual([]);
  });
});
