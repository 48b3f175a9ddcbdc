import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isSameOriginAction, servedOverTls } from "./security-headers";

describe("security headers", () => {
  it("HSTS only over TLS: the request's own https, or X-Forwarded-Proto from a trusted proxy, never a client's", () => {
    expect(servedOverTls(null, "https", 0)).toBe(true);
    expect(servedOverTls(null, "http", 0)).toBe(false);
    expect(servedOverTls("https", null, 0)).toBe(false);
    // No trusted proxy: the header is the client's and is ignored.
    expect(servedOverTls("https", "http", 0)).toBe(false);
    expect(servedOverTls("https", "http", 1)).toBe(true);
    expect(servedOverTls("http", "http", 1)).toBe(false);
    // A client's forged entry left of the trusted proxy's own.
    expect(servedOverTls("https, http", "http", 1)).toBe(false);
    expect(servedOverTls("https, http", "http", 2)).toBe(true);
  });

  it("a fresh nonce in script-src, no framing; server actions only from this site's pages", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain(" 'unsafe-eval'");
    expect(isSameOriginAction("https://cielo.example", "cielo.example")).toBe(true);
    expect(isSameOriginAction("https://evil.example", "cielo.example")).toBe(false);
    expect(isSameOriginAction("null", "cielo.example")).toBe(false);
    expect(isSameOriginAction(null, "cielo.example")).toBe(false);
  });
});
