import { describe, expect, it } from "vitest";
import { RateLimiter } from "../api/rate-limit";
import { errorBodySchema } from "../errors/app-error";
import { isPageRateLimited, takePageRequest } from "./page-rate-limit";

describe("page rate limit", () => {
  it("covers pages, downloads and actions, not the public API (limited by apiRoute) nor health", () => {
    for (const path of ["/", "/object/ZTF18abcdefg", "/sn-hunter", "/api/explorer/objects/ZTF18abcdefg/all.zip", "/api/openapi.json"]) {
      expect(isPageRateLimited(path), path).toBe(true);
    }
    for (const path of ["/api/ztf/v1/objects", "/api/avro/get_stamp", "/api/catshtm/conesearch", "/api/health"]) {
      expect(isPageRateLimited(path), path).toBe(false);
    }
  });

  it("refuses past the burst with 429, Retry-After and the AppError body, per client key", async () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 2 }, () => now);
    const page = new Request("http://localhost/object/ZTF18abcdefg");
    expect(takePageRequest(page, limiter)).toBeNull();
    expect(takePageRequest(page, limiter)).toBeNull();
    const refused = takePageRequest(page, limiter)!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("ratelimit-policy")).toBe("60;w=60;burst=2");
    const body = errorBodySchema.parse(await refused.json());
    expect(body).toEqual({ message: "Too many requests: retry after 1 s.", code: "rate_limited" });
    now += 1000;
    expect(takePageRequest(page, limiter)).toBeNull();
  });

  it("lets everything through when switched off", () => {
    const limiter = new RateLimiter({ perMinute: 0, burst: 1 });
    for (let i = 0; i < 50; i++) expect(takePageRequest(new Request("http://localhost/"), limiter)).toBeNull();
  });
});
