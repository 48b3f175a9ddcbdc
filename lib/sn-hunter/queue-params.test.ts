import { describe, expect, it } from "vitest";
import { consensusOf } from "./consensus";
import { parseQueueParams, queueQuery } from "./queue-params";

describe("parseQueueParams", () => {
  it("reads the URL and round-trips through queueQuery", () => {
    const { params, ignored } = parseQueueParams({
      windowHours: "72",
      limit: "250",
      sort: "magnitude",
      hideReviewed: "1",
      hideFlagged: "1",
      end: "2018-11-29T12:00",
      oid: "ZTF18acsbjvt",
    });
    expect(ignored).toEqual([]);
    expect(params).toEqual({
      windowHours: 72,
      limit: 250,
      sort: "magnitude",
      hideReviewed: true,
      hideFlagged: true,
      end: "2018-11-29T12:00",
      oid: "ZTF18acsbjvt",
    });
    const again = parseQueueParams(Object.fromEntries(new URLSearchParams(queueQuery(params))));
    expect(again.params).toEqual(params);
  });

  it("takes the active-learning sort (uncertainty) from the URL and writes it back", () => {
    const { params, ignored } = parseQueueParams({ sort: "uncertainty" });
    expect(ignored).toEqual([]);
    expect(params.sort).toBe("uncertainty");
    expect(queueQuery(params)).toBe("?sort=uncertainty");
    expect(parseQueueParams({ sort: "entropy" }).ignored).toEqual(["sort: one of probability, first_detection, magnitude, uncertainty"]);
  });

  it("falls back to defaults for bad values and says which", () => {
    const { params, ignored } = parseQueueParams({
      windowHours: "2",
      limit: "99999",
      sort: "random",
      end: "2018-13-45T99:00",
      oid: "ZTF18",
    });
    expect(params).toEqual({
      windowHours: 24,
      limit: 100,
      sort: "probability",
      hideReviewed: false,
      hideFlagged: false,
      end: undefined,
      oid: undefined,
    });
    expect(ignored).toEqual([
      "windowHours: 12 to 168 hours",
      "limit: 10 to 1000",
      expect.stringMatching(/^sort: /),
      "end: not a real date",
      expect.stringMatching(/^oid: not a ZTF object id/),
    ]);
    expect(queueQuery(params)).toBe("");
  });

  it('says what a non-number should have been, never zod\'s raw text ("expected number, received NaN")', () => {
    const { ignored } = parseQueueParams({ windowHours: "abc", limit: "ten", hideFlagged: "yes please" });
    expect(ignored).toEqual(["windowHours: a number of hours, 12 to 168", "limit: a number, 10 to 1000", "hideFlagged: 1 or 0"]);
    expect(ignored.join(" ")).not.toMatch(/NaN|expected|received/);
  });
});

describe("consensusOf", () => {
  it("needs two possible SN and no bogus to be ready", () => {
    expect(consensusOf({ possibleSn: 2, bogus: 0 })).toBe("ready_to_report");
    expect(consensusOf({ possibleSn: 5, bogus: 1 })).toBe("disputed");
    expect(consensusOf({ possibleSn: 1, bogus: 0 })).toBe("needs_votes");
    expect(consensusOf({ possibleSn: 0, bogus: 2 })).toBe("likely_bogus");
    expect(consensusOf({ possibleSn: 0, bogus: 0 })).toBe("needs_votes");
  });
});
