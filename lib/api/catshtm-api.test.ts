import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { apiRoute } from "./api-handler";
import { RateLimiter } from "./rate-limit";
import { handleConesearch, handleConesearchAll, handleCrossmatch, handleCrossmatchAll, handleListCatalogs } from "./catshtm-api";
import { type CatshtmColumns, fromCatshtmColumns } from "../catalogs/catshtm-format";
import { ensureSampleCatalogs } from "../catalogs/sample-catalogs";

let db: TestDatabase;
const limiter = new RateLimiter({ perMinute: 1e6, burst: 1e6 });
const routes = {
  conesearch: apiRoute(
    (req) => handleConesearch(db.pool, req),
    {},
    () => limiter,
  ),
  conesearch_all: apiRoute(
    (req) => handleConesearchAll(db.pool, req),
    {},
    () => limiter,
  ),
  crossmatch: apiRoute(
    (req) => handleCrossmatch(db.pool, req),
    {},
    () => limiter,
  ),
  crossmatch_all: apiRoute(
    (req) => handleCrossmatchAll(db.pool, req),
    {},
    () => limiter,
  ),
  catalogs: apiRoute(
    () => handleListCatalogs(db.pool),
    {},
    () => limiter,
  ),
};

async function get(route: keyof typeof routes, query: string): Promise<{ status: number; body: unknown }> {
  const response = await routes[route](new Request(`http://localhost/api/catshtm/${route}?${query}`), { params: Promise.resolve({}) });
  return { status: response.status, body: await response.json() };
}

// First row of the real AllWISE sample (values as response.csv writes them): W1 = 10.698, J = 13.107999999999999.
const WISE = { id: "J124131.46+260233.6", ra: 190.38110890000002, dec: 26.0426682 };

beforeAll(async () => {
  db = await createTestDatabase();
  await ensureSampleCatalogs(db.pool);
});
afterAll(async () => {
  await db?.drop();
});

describe("catsHTM-compatible routes", () => {
  it("conesearch returns the sources of the cone column by column with units, {} for an empty cone", async () => {
    const { status, body } = await get("conesearch", `catalog=allwise&ra=${WISE.ra + 0.5 / 3600}&dec=${WISE.dec}&radius=5`);
    expect(status).toBe(200);
    const columns = (body as Record<string, CatshtmColumns>).allwise!;
    expect(columns.id).toEqual({ units: "", values: [WISE.id] });
    expect(columns.RA).toEqual({ units: "deg", values: [WISE.ra] });
    expect(columns.W1mag).toEqual({ units: "mag", values: [10.698] });
    expect(columns.distance!.units).toBe("arcsec");
    expect(columns.distance!.values[0] as number).toBeCloseTo(0.5 * Math.cos((WISE.dec * Math.PI) / 180), 6);
    const [row] = fromCatshtmColumns("allwise", columns);
    expect(row).toMatchObject({ catalog: "allwise", id: WISE.id, raDeg: WISE.ra, decDeg: WISE.dec });
    expect(row!.values.find((v) => v.name === "Jmag")).toEqual({ name: "Jmag", unit: "mag", value: 13.107999999999999 });
    expect(await get("conesearch", "catalog=AllWISE&ra=10&dec=10&radius=10")).toEqual({ status: 200, body: {} });
  });

  it("crossmatch returns the nearest source as {column: {value, unit}}, within the catalog's default radius when none is given", async () => {
    const { body } = await get("crossmatch", `catalog=allwise&ra=${WISE.ra}&dec=${WISE.dec + 1 / 3600}`);
    expect(body).toMatchObject({ id: { value: WISE.id, unit: "" }, W1mag: { value: 10.698, unit: "mag" }, distance: { unit: "arcsec" } });
    expect((body as { distance: { value: number } }).distance.value).toBeCloseTo(1, 6);
    expect((await get("crossmatch", `catalog=allwise&ra=${WISE.ra}&dec=${WISE.dec + 3 / 3600}`)).body).toEqual({});
    expect((await get("crossmatch", `catalog=allwise&ra=${WISE.ra}&dec=${WISE.dec + 3 / 3600}&radius=4`)).body).toMatchObject({
      id: { value: WISE.id },
    });
  });

  it("conesearch_all and crossmatch_all cover every loaded catalog in catsHTM's shapes", async () => {
    const all = await get("conesearch_all", `ra=${WISE.ra}&dec=${WISE.dec}&radius=30`);
    expect(all.status).toBe(200);
    expect((all.body as { catalogs: Record<string, CatshtmColumns>[] }).catalogs.map((c) => Object.keys(c))).toEqual([["allwise"]]);
    expect((await get("conesearch_all", "ra=10&dec=10&radius=30")).body).toEqual({ catalogs: [] });
    const nearest = await get("crossmatch_all", `ra=${WISE.ra}&dec=${WISE.dec}`);
    expect(nearest.body).toMatchObject([{ allwise: { id: { value: WISE.id } } }]);
    const list = await get("catalogs", "");
    expect(list.body).toMatchObject({ catalogs: [{ name: "allwise", rows: 5440, default_radius_arcsec: 2, has_class: false }] });
  });

  it("rejects bad ra, dec, radius and catalog with the API's 400 shape", async () => {
    const cases: [keyof typeof routes, string, string][] = [
      ["conesearch", "catalog=allwise&ra=400&dec=0&radius=10", "ra"],
      ["conesearch", "catalog=allwise&ra=abc&dec=0&radius=10", "ra"],
      ["conesearch", "catalog=allwise&ra=10&dec=-91&radius=10", "dec"],
      ["conesearch", "catalog=allwise&ra=10&dec=0", "radius"],
      ["conesearch", "catalog=allwise&ra=10&dec=0&radius=0", "radius"],
      ["conesearch", "catalog=allwise&ra=10&dec=0&radius=1e9", "radius"],
      ["conesearch", "ra=10&dec=0&radius=10", "catalog"],
      ["conesearch", "catalog=gaia';drop table catalog;--&ra=10&dec=0&radius=10", "catalog"],
      ["conesearch_all", "ra=10&dec=NaN&radius=10", "dec"],
      ["crossmatch", "catalog=allwise&ra=10&dec=0&radius=-1", "radius"],
      ["crossmatch", "catalog=nope&ra=10&dec=0", "catalog"],
      ["crossmatch_all", "dec=0", "ra"],
    ];
    for (const [route, query, field] of cases) {
      const { status, body } = await get(route, query);
      expect({ route, query, status }).toEqual({ route, query, status: 400 });
      expect(body).toMatchObject({ message: "Input payload validation failed", errors: { [field]: expect.any(String) } });
    }
    expect((await get("crossmatch", "catalog=nope&ra=10&dec=0")).body).toEqual({
      errors: { catalog: "unknown catalog 'nope' (loaded catalogs: allwise)" },
      message: "Input payload validation failed",
      code: "bad_request",
    });
    expect((await db.pool.query("SELECT count(*)::int AS n FROM catalog")).rows[0]).toEqual({ n: 1 });
  });
});
