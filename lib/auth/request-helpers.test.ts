import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";
import { safeNextPath } from "./safe-next-path";

describe("clientIpFrom", () => {
  it("ignores X-Forwarded-For with no trusted proxy, and behind N proxies takes the entry N from the right", () => {
    expect(clientIpFrom("198.51.100.1", 0)).toBe("unknown");
    expect(clientIpFrom("1.2.3.4, 198.51.100.1", 0)).toBe("unknown");
    expect(clientIpFrom("1.2.3.4, 198.51.100.1", 1)).toBe("198.51.100.1");
    expect(clientIpFrom("1.2.3.4, 198.51.100.1, 10.0.0.2", 2)).toBe("198.51.100.1");
    expect(clientIpFrom(null, 1)).toBe("unknown");
    // Fewer entries than proxies: the request did not come through them all.
    expect(clientIpFrom("198.51.100.1", 3)).toBe("unknown");
  });

  it("with no trusted proxy, takes the peer address the server recorded; a proxy's peer address is not the client's", () => {
    expect(clientIpFrom("198.51.100.1", 0, "192.0.2.4")).toBe("192.0.2.4");
    expect(clientIpFrom(null, 0, "2001:db8::7")).toBe("2001:db8::7");
    expect(clientIpFrom("198.51.100.1", 1, "10.0.0.1")).toBe("198.51.100.1");
  });
});

describe("safeNextPath", () => {
  it("keeps local paths and refuses other sites", () => {
    expect(safeNextPath("/sn-hunter?oid=ZTF18abcdefg&sort=magnitude")).toBe("/sn-hunter?oid=ZTF18abcdefg&sort=magnitude");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", undefined]) {
      expect(safeNextPath(bad)).toBe("/sn-hunter");
    }
    expect(safeNextPath(["/object/ZTF18abcdefg", "/x"])).toBe("/object/ZTF18abcdefg");
  });
});

describe("formDataInput", () => {
  it("turns a form into the object the action's schema reads, and prints as {} in Next's dev action log", async () => {
    const { formDataInput } = await import("./form-data-input");
    const form = new FormData();
    form.set("email", "a@example.org");
    form.set("password", "secret password 123");
    expect(formDataInput(form)).toEqual({ email: "a@example.org", password: "secret password 123" });
    expect(formDataInput({ x: 1 })).toEqual({ x: 1 });
    expect(JSON.stringify(form)).toBe("{}");
  });
});
