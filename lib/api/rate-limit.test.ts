import { describe, expect, it } from "vitest";
import { apiRoute } from "./api-handler";
import { clientKeyOf, RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows a burst, then refuses with Retry-After until tokens refill, per client", () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 3 }, () => now);
    const results = [1, 2, 3, 4].map(() => limiter.take("a"));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[0]!.headers["RateLimit-Limit"]).toBe("3");
    expect(results.map((r) => r.headers["RateLimit-Remaining"])).toEqual(["2", "1", "0", "0"]);
    expect(results[3]!.headers["Retry-After"]).toBe("1");
    expect(results[3]!.headers["RateLimit-Policy"]).toBe("60;w=60;burst=3");
    expect(limiter.take("b").allowed).toBe(true); // another client has its own bucket
    now += 1000; // 1 token per second
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("is off when perMinute is 0", () => {
    const limiter = new RateLimiter({ perMinute: 0, burst: 1 });
    for (let i = 0; i < 100; i++) expect(limiter.take("x")).toEqual({ allowed: true, headers: {}, retryAfterSeconds: 0 });
  });

  it("keys clients by the X-Forwarded-For entry of the outermost trusted proxy, and ignores the header with no proxy", () => {
    const forwarded = new Request("http://h/", { headers: { "x-forwarded-for": "203.0.113.7, 10.0.0.1" } });
    expect(clientKeyOf(forwarded, 0)).toBe("unknown");
    expect(clientKeyOf(forwarded, 1)).toBe("10.0.0.1");
    expect(clientKeyOf(forwarded, 2)).toBe("203.0.113.7");
    expect(clientKeyOf(forwarded, 3)).toBe("unknown");
    expect(clientKeyOf(new Request("http://h/", { headers: { "x-real-ip": "198.51.100.2" } }), 0)).toBe("unknown");
    expect(clientKeyOf(new Request("http://h/"), 1)).toBe("unknown");
  });

  it("a forged X-Forwarded-For does not buy a fresh bucket when no proxy is trusted", () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 3 });
    const forged = (i: number) => new Request("http://h/", { headers: { "x-forwarded-for": `198.51.100.${i}` } });
    const verdicts = Array.from({ length: 10 }, (_, i) => limiter.take(clientKeyOf(forged(i), 0)).allowed);
    expect(verdicts.filter(Boolean)).toHaveLength(3);
  });
});

describe("rate limiting through apiRoute", () => {
  it("answers 429 with Retry-After and RateLimit-* headers in ALeRCE's message shape, with CORS", async () => {
    const limiter = new RateLimiter({ perMinute: 6, burst: 2 });
    const route = apiRoute(
      async () => ({ json: { ok: true } }),
      {},
      () => limiter,
    );
    const call = () =>
      route(new Request("http://h/api/ztf/v1/classifiers", { headers: { "x-forwarded-for": "192.0.2.1" } }), {
        params: Promise.resolve({}),
      });
    expect((await call()).status).toBe(200);
    const second = await call();
    expect(second.headers.get("ratelimit-remaining")).toBe("0");
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("ratelimit-limit")).toBe("2");
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect(await refused.json()).toEqual({ message: expect.stringMatching(/^Too many requests/), code: "rate_limited" });
  });
});
