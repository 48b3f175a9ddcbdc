import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { createRng } from "../math/random";
import { type CatalogInfo, getCatalog } from "./catalog-registry";
import { coneSearchCatalog } from "./cone-search-catalog";
import { crossmatchCatalog } from "./crossmatch-catalog";
import { loadCatalog } from "./load-catalog";
import { angularDistanceArcsec, coneProbes } from "./sky-zones";

interface Row {
  id: string;
  ra: number;
  dec: number;
}

/** Sources crowded where zone indexes go wrong: both poles, across RA = 0/360, zone edges. */
function syntheticSources(): Row[] {
  const rng = createRng(20261126);
  const rows: Row[] = [];
  const add = (ra: number, dec: number) => rows.push({ id: `s${rows.length}`, ra: ((ra % 360) + 360) % 360, dec });
  for (let i = 0; i < 8000; i++) add(rng.uniform(0, 360), (Math.asin(rng.uniform(-1, 1)) * 180) / Math.PI);
  for (let i = 0; i < 4000; i++) add(rng.uniform(0, 360), 90 - rng.uniform(0, 0.6));
  for (let i = 0; i < 4000; i++) add(rng.uniform(0, 360), -90 + rng.uniform(0, 0.6));
  for (let i = 0; i < 5000; i++) add(rng.uniform(-0.4, 0.4), rng.uniform(-0.5, 0.5));
  // Zone edges: the default zones are 0.05° high, so dec = k * 0.05 - 90 falls on a boundary.
  for (let i = 0; i < 3000; i++) add(rng.uniform(100, 100.6), -90 + 0.05 * rng.int(2600, 2612) + rng.uniform(-1e-6, 1e-6));
  for (let i = 0; i < 2000; i++) add(rng.uniform(0, 360), 89.9 + rng.uniform(0, 0.1));
  add(0, 90);
  add(123, 90);
  add(0, -90);
  add(0, 0);
  add(359.9999999, 0);
  return rows;
}

const CENTRES: [number, number][] = [
  [0, 90],
  [250, 90],
  [0, -90],
  [45, 89.99],
  [200, -89.95],
  [300, 89.7],
  [0, 0],
  [359.99, 0.3],
  [0.001, -0.2],
  [359.9999, 0],
  [180, 0],
  [100.3, -90 + 0.05 * 2605],
  [100.3, -90 + 0.05 * 2606 + 1e-7],
];
const RADII_ARCSEC = [1, 10, 60, 600, 1800, 3600];

let db: TestDatabase;
let tmp: string;
let catalog: CatalogInfo;
let rows: Row[];

beforeAll(async () => {
  db = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-cone-"));
  const file = path.join(tmp, "synthetic.csv");
  const sources = syntheticSources();
  fs.writeFileSync(
    file,
    "source_id,ra,dec,gmag\n" + sources.map((s, i) => `${s.id},${s.ra},${s.dec},${(15 + (i % 50) / 10).toFixed(1)}`).join("\n") + "\n",
  );
  const result = await loadCatalog(db.pool, { name: "synthetic", file });
  expect(result.badRows).toBe(0);
  expect(result.rows).toBe(sources.length);
  catalog = (await getCatalog(db.pool, "synthetic"))!;
  // Brute force runs over what the table holds (not over the generator's numbers).
  rows = (await db.pool.query<Row>("SELECT id, ra, dec FROM catalog_synthetic")).rows;
});
afterAll(async () => {
  await db?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function bruteForce(ra: number, dec: number, radiusArcsec: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) {
    const d = angularDistanceArcsec(ra, dec, row.ra, row.dec);
    if (d <= radiusArcsec) out.set(row.id, d);
  }
  return out;
}

describe("coneSearchCatalog", () => {
  it("returns exactly the sources a brute-force angular-distance scan finds, at the poles, across RA 0/360 and on zone edges", async () => {
    const rng = createRng(7);
    const centres: [number, number][] = [...CENTRES];
    for (let i = 0; i < 20; i++) centres.push([rng.uniform(0, 360), (Math.asin(rng.uniform(-1, 1)) * 180) / Math.PI]);
    for (let i = 0; i < 10; i++) centres.push([rng.uniform(-0.3, 0.3) + 360 * (i % 2), rng.uniform(-0.4, 0.4)]);
    let compared = 0;
    let nonEmpty = 0;
    for (const [ra, dec] of centres) {
      for (const radius of RADII_ARCSEC) {
        const expected = bruteForce(ra, dec, radius);
        const found = await coneSearchCatalog(db.pool, catalog, ra, dec, radius);
        const got = new Map(found.map((s) => [s.id, s.distArcsec]));
        // A source within 1 µas of the edge may fall either way between two float computations.
        const edge = (d: number) => Math.abs(d - radius) < 1e-6;
        const missing = [...expected].filter(([id, d]) => !got.has(id) && !edge(d));
        const extra = [...got].filter(([id, d]) => !expected.has(id) && !edge(d));
        expect({ ra, dec, radius, missing, extra }).toEqual({ ra, dec, radius, missing: [], extra: [] });
        for (const [id, d] of got) if (expected.has(id)) expect(Math.abs(d - expected.get(id)!)).toBeLessThan(1e-6);
        const distances = found.map((s) => s.distArcsec);
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
        compared += 1;
        if (expected.size > 0) nonEmpty += 1;
      }
    }
    // The test means something only if many cones hold sources.
    expect(compared).toBe(centres.length * RADII_ARCSEC.length);
    expect(nonEmpty).toBeGreaterThan(compared / 3);
  });

  it("finds both sides of RA = 0 from either side, and every source of a cone centred on a pole", async () => {
    const west = await coneSearchCatalog(db.pool, catalog, 359.9999, 0, 60);
    const east = await coneSearchCatalog(db.pool, catalog, 0.0001, 0, 60);
    expect(west.some((s) => s.raDeg < 1)).toBe(true);
    expect(west.some((s) => s.raDeg > 359)).toBe(true);
    expect(east.some((s) => s.raDeg > 359)).toBe(true);
    expect(east.map((s) => s.id).sort()).toEqual([...bruteForce(0.0001, 0, 60).keys()].sort());
    const pole = await coneSearchCatalog(db.pool, catalog, 17, 90, 1800);
    expect(pole.length).toBe(bruteForce(17, 90, 1800).size);
    expect(new Set(pole.map((s) => Math.floor(s.raDeg / 90))).size).toBe(4);
  });

  it("returns the numeric columns and rejects impossible positions and radii", async () => {
    const [nearest] = await coneSearchCatalog(db.pool, catalog, 0, 90, 1);
    expect(nearest).toMatchObject({ id: "s26000", decDeg: 90, distArcsec: 0 });
    expect(typeof nearest!.values.gmag).toBe("number");
    await expect(coneSearchCatalog(db.pool, catalog, 0, 91, 10)).rejects.toThrow(RangeError);
    await expect(coneSearchCatalog(db.pool, catalog, 0, 0, -1)).rejects.toThrow(RangeError);
    await expect(coneSearchCatalog(db.pool, catalog, 0, 0, 1e6)).rejects.toThrow(RangeError);
  });
});

describe("coneProbes", () => {
  it("splits a cone across RA = 0 into two ranges and covers every RA when the cone holds a pole", () => {
    const probes = coneProbes(359.999, 0, 10 / 3600, 0.05);
    expect(probes.some((p) => p.raLoDeg === 0)).toBe(true);
    expect(probes.some((p) => p.raHiDeg === 360)).toBe(true);
    expect(coneProbes(10, 89.999, 10 / 3600, 0.05).every((p) => p.raLoDeg === 0 && p.raHiDeg === 360)).toBe(true);
  });
});

describe("crossmatchCatalog", () => {
  it("gives each position its brute-force nearest source within the radius (poles and RA 0/360 included)", async () => {
    const rng = createRng(99);
    const positions = [
      ...CENTRES.map(([raDeg, decDeg]) => ({ raDeg, decDeg })),
      // Positions near real sources (so most have a counterpart) and random ones.
      ...Array.from({ length: 600 }, () => {
        const row = rows[rng.int(0, rows.length - 1)]!;
        return { raDeg: row.ra + rng.uniform(-0.01, 0.01), decDeg: Math.max(-90, Math.min(90, row.dec + rng.uniform(-0.01, 0.01))) };
      }),
      ...Array.from({ length: 200 }, () => ({ raDeg: rng.uniform(0, 360), decDeg: rng.uniform(-90, 90) })),
    ];
    for (const radius of [2, 60, 600]) {
      const matches = await crossmatchCatalog(db.pool, catalog, positions, radius, { concurrency: 2 });
      let found = 0;
      positions.forEach((p, k) => {
        const expected = [...bruteForce(p.raDeg, p.decDeg, radius)].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0];
        const got = matches[k];
        if (!expected) return expect(got).toBeNull();
        found += 1;
        expect(got, `position ${k} radius ${radius}`).not.toBeNull();
        expect(Math.abs(got!.distArcsec - expected[1])).toBeLessThan(1e-6);
      });
      expect(found).toBeGreaterThan(radius >= 60 ? 300 : 0);
    }
  });
});
