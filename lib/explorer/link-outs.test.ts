import { describe, expect, it } from "vitest";
import { buildLinkOuts } from "./link-outs";

describe("buildLinkOuts", () => {
  it("builds the eight archive links from the coordinates", () => {
    const links = buildLinkOuts(150.123456789, -2.5);
    expect(links.map((l) => l.name)).toEqual(["DESI Legacy Survey", "NED", "PanSTARRS", "SDSS", "SIMBAD", "TNS", "VizieR", "VSX"]);
    for (const link of links) {
      const url = new URL(link.url);
      expect(url.protocol).toBe("https:");
      expect(decodeURIComponent(url.search.replaceAll("+", " "))).toMatch(/150\.123457/);
      expect(decodeURIComponent(url.search.replaceAll("+", " "))).toMatch(/-2\.500000/);
    }
    expect(new URL(links[4]!.url).searchParams.get("Coord")).toBe("150.123457 -2.500000");
    expect(new URL(links[1]!.url).searchParams.get("radius")).toBe("0.0833");
  });
  it("refuses an impossible position", () => {
    expect(() => buildLinkOuts(10, 95)).toThrow(RangeError);
  });
});
