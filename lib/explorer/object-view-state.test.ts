import { describe, expect, it } from "vitest";
import { DEFAULT_OBJECT_VIEW, objectViewQuery, parseObjectViewState } from "./object-view-state";

describe("object view state in the URL", () => {
  it("defaults for an empty or nonsensical query", () => {
    expect(parseObjectViewState({})).toEqual(DEFAULT_OBJECT_VIEW);
    expect(parseObjectViewState({ lc: "bogus", candid: "12ab", period: "-3", coords: "x", hide: "nothing,features" })).toEqual({
      ...DEFAULT_OBJECT_VIEW,
      hidden: ["features"],
    });
    expect(objectViewQuery(DEFAULT_OBJECT_VIEW)).toBe("");
  });
  it("round-trips every field", () => {
    const state = {
      lc: "folded",
      candid: "1127561441415015002",
      periodDays: 0.523456789,
      coords: "deg",
      time: "mjd",
      hidden: ["features", "sky"],
    } as const;
    const query = objectViewQuery({ ...state, hidden: [...state.hidden] });
    expect(query).toBe("?lc=folded&candid=1127561441415015002&period=0.523456789&coords=deg&time=mjd&hide=features%2Csky");
    expect(parseObjectViewState(new URLSearchParams(query))).toEqual(state);
  });
});
