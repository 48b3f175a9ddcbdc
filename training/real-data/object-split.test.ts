import { describe, expect, it } from "vitest";
import { fnv1a32, realSplitOf, VALIDATION_PERCENT } from "./object-split";

describe("the real-data split by objectId", () => {
  it("is FNV-1a 32 of the objectId (reference values)", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("puts about VALIDATION_PERCENT % of objects in validation, the same way every time", () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `ZTF${18 + (i % 6)}a${i.toString(36).padStart(6, "a")}`);
    const validation = ids.filter((id) => realSplitOf(id) === "validation").length / ids.length;
    expect(Math.abs(validation - VALIDATION_PERCENT / 100)).toBeLessThan(0.03);
    expect(ids.map(realSplitOf)).toEqual(ids.map(realSplitOf));
  });
});
