import { describe, expect, it } from "vitest";
import { checkAgainstTaxonomies, parseSearchState, sortHref, toSearchObjectsInput } from "./search-state";
import { searchHref } from "./search-url";

describe("parseSearchState", () => {
  it("gives an unfiltered first page, newest first, for an empty URL", () => {
    const { query, errors } = parseSearchState({});
    expect(errors).toEqual({});
    expect(query).toMatchObject({ oids: [], orderBy: "lastmjd", orderMode: "DESC", page: 1, pageSize: 20 });
    expect(query?.cone).toBeUndefined();
  });

  it("reads every filter, a cone in HMS/DMS with the default radius, and wildcard ids", () => {
    const { query, errors } = parseSearchState({
      oid: "ZTF18abcdefg, ZTF19* ZTF20aa*",
      classifier: "stamp_classifier",
      class: "SN",
      probability: "0.5",
      ndetMin: "3",
      ndetMax: "10",
      firstmjdMin: "58450",
      firstmjdMax: "58460.5",
      ra: "08:30:00",
      dec: "-12:30:00",
      orderBy: "ndet",
      orderMode: "asc",
      page: "2",
    });
    expect(errors).toEqual({});
    expect(query).toMatchObject({
      oids: ["ZTF18abcdefg", "ZTF19*", "ZTF20aa*"],
      classifier: "stamp_classifier",
      className: "SN",
      probabilityMin: 0.5,
      ndetMin: 3,
      ndetMax: 10,
      firstmjdMin: 58450,
      firstmjdMax: 58460.5,
      cone: { raDeg: 127.5, decDeg: -12.5, radiusArcsec: 30 },
      orderBy: "ndet",
      orderMode: "ASC",
      page: 2,
    });
  });

  it("turns bad input into messages per field and no query", () => {
    const { query, errors, form } = parseSearchState({ ra: "400", dec: "10", ndetMin: "five", page: "0", oid: "ZTF18<script>" });
    expect(query).toBeNull();
    expect(form.ra).toBe("400");
    expect(errors.ra).toMatch(/RA must be within \[0, 360\)/);
    expect(errors.ndetMin).toMatch(/must be a number/);
    expect(errors.page).toMatch(/at least 1/);
    expect(errors.oid).toMatch(/not an object id/);
    expect(parseSearchState({ ra: "10" }).errors.dec).toMatch(/needs Dec/);
    expect(parseSearchState({ ndetMin: "5", ndetMax: "2" }).errors.ndetMax).toMatch(/below the minimum/);
    expect(parseSearchState({ class: "SN" }).errors.classifier).toMatch(/choose a classifier/);
    expect(parseSearchState({ orderBy: "password" }).errors.orderBy).toMatch(/cannot sort/);
    expect(parseSearchState({ oid: Array.from({ length: 201 }, (_, i) => `ZTF18a${i}`).join(",") }).errors.oid).toMatch(/at most 200/);
  });
});

describe("search URLs", () => {
  it("round-trip: the href of a parsed state parses back to the same state", () => {
    const raw = { oid: "ZTF18*", ra: "12:00:00", dec: "+10:00:00", radius: "60", orderBy: "firstmjd", orderMode: "ASC", page: "3" };
    const state = parseSearchState(raw);
    const href = searchHref(state.form);
    const back = parseSearchState(Object.fromEntries(new URLSearchParams(href.slice(2))));
    expect(back).toEqual(state);
    expect(searchHref({})).toBe("/");
  });

  it("sort links toggle the order on the current column and reset the page", () => {
    const state = parseSearchState({ orderBy: "ndet", orderMode: "DESC", page: "4" });
    expect(sortHref(state.form, state.query, "ndet")).toBe("/?orderBy=ndet&orderMode=ASC");
    expect(sortHref(state.form, state.query, "oid")).toBe("/?orderBy=oid&orderMode=ASC");
    expect(sortHref(state.form, state.query, "firstmjd")).toBe("/?orderBy=firstmjd&orderMode=DESC");
  });
});

describe("toSearchObjectsInput", () => {
  it("filters by a minimum anomaly score, most anomalous first unless a sort is chosen", () => {
    const { query } = parseSearchState({ anomaly: "0.6" });
    expect(toSearchObjectsInput(query!)).toMatchObject({ anomaly_score: 0.6, order_by: "anomaly_score", order_mode: "DESC" });
    expect(toSearchObjectsInput(parseSearchState({ anomaly: "0.6", orderBy: "ndet" }).query!)).toMatchObject({ order_by: "ndet" });
    expect(parseSearchState({ anomaly: "2" }).errors.anomaly).toBeDefined();
  });

  it("maps the search to ALeRCE /objects parameters (ranges as [min] or [min, max])", () => {
    const { query } = parseSearchState({
      oid: "ZTF18*",
      ndetMax: "5",
      firstmjdMin: "58000",
      ra: "10",
      dec: "20",
      radius: "5",
      classifier: "stamp_classifier",
      class: "SN",
      probability: "0.3",
    });
    expect(toSearchObjectsInput(query!)).toEqual({
      oid: ["ZTF18*"],
      classifier: "stamp_classifier",
      class_name: "SN",
      probability: 0.3,
      ndet: [0, 5],
      firstmjd: [58000],
      ra: 10,
      dec: 20,
      radius: 5,
      page: 1,
      page_size: 20,
      count: true,
      order_by: "lastmjd",
      order_mode: "DESC",
    });
  });
});

describe("checkAgainstTaxonomies", () => {
  const taxonomies = [{ classifier_name: "stamp_classifier", classes: ["AGN", "SN", "VS", "asteroid", "bogus"] }];
  it("an unknown classifier or class is a field error (no search), a known one passes", () => {
    const unknown = checkAgainstTaxonomies(parseSearchState({ classifier: "nonsense" }), taxonomies);
    expect(unknown.query).toBeNull();
    expect(unknown.errors.classifier).toMatch(/unknown classifier "nonsense"; known: stamp_classifier/);
    const badClass = checkAgainstTaxonomies(parseSearchState({ classifier: "stamp_classifier", class: "XX" }), taxonomies);
    expect(badClass.errors.class).toMatch(/not a class of stamp_classifier/);
    const fine = parseSearchState({ classifier: "stamp_classifier", class: "SN" });
    expect(checkAgainstTaxonomies(fine, taxonomies)).toBe(fine);
  });
});
