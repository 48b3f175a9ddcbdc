import http from "node:http";
import { expect, test } from "@playwright/test";
import { interactivePlot } from "./plots";

const PORT = Number(process.env.CIELO_E2E_PORT ?? 3100);

/** A GET from the local address `from` (every 127.x.y.z is this machine): status, headers and body. */
function getFrom(from: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: PORT, path, localAddress: from, headers }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
  });
}

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
    // An over-long classifier filter: the search page with a clear message, not an error.
    const long = await request.get(`/?classifier=${"x".repeat(101)}`);
    expect(long.status()).toBe(200);
    const html = await long.text();
    expect(html).toContain("Some filters are invalid");
    expect(html).toMatch(/unknown classifier &quot;x{40}&quot;|unknown classifier "x{40}"/);
  });

  test("a 100 kB address gets a 414 and 30 kB of headers a 431, each with a short body and no connection reset", async () => {
    const url = await getFrom("127.0.0.1", `/?classifier=${"x".repeat(100_000)}`);
    expect(url.status).toBe(414);
    expect(url.body).toMatch(/address is too long/);
    expect(url.body.length).toBeLessThan(200);
    const headers = await getFrom("127.0.0.1", "/", { "x-padding": "y".repeat(30_000) });
    expect(headers.status).toBe(431);
    expect(headers.body).toMatch(/headers are too large/);
    // The server carries on.
    expect((await getFrom("127.0.0.1", "/api/health")).status).toBe(200);
  });

  test("with no proxy configured, rate limits count per TCP peer: a forged X-Forwarded-For or X-Forwarded-Proto changes nothing", async () => {
    const remaining = async (from: string, forged: Record<string, string> = {}) =>
      Number((await getFrom(from, "/api/ztf/v1/classifiers", forged)).headers["ratelimit-remaining"]);
    const burst = Number((await getFrom("127.0.0.9", "/api/ztf/v1/classifiers")).headers["ratelimit-limit"] ?? NaN);
    // Client A sends 40 requests at once, each with other forged addresses (and a forged peer header);
    // client B's first request goes out among them.
    const fromA = Array.from({ length: 40 }, (_, i) =>
      remaining("127.0.0.2", { "x-forwarded-for": `198.51.100.${i + 1}`, "x-cielo-peer-address": `203.0.113.${i + 1}` }),
    );
    const fromB = remaining("127.0.0.3");
    const [a, b] = await Promise.all([Promise.all(fromA), fromB]);
    // A's requests drew on one bucket (forged headers gave no fresh ones); B's bucket was its own, full.
    expect(Math.min(...a)).toBeLessThan(burst - 5);
    expect(b).toBe(burst - 1);
    // A client's X-Forwarded-Proto does not earn a plain-http answer an HSTS header.
    const page = await getFrom("127.0.0.4", "/", { "x-forwarded-proto": "https" });
    expect(page.headers["strict-transport-security"]).toBeUndefined();
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
