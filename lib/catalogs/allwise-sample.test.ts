// The real AllWISE sample: ALeRCE's xmatch step sent input.csv to CDS XMatch, which answered with
// response.csv. Loaded as a catalog, crossmatching the same positions must find the same sources.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { getCatalog, listCatalogs } from "./catalog-registry";
import { crossmatchCatalog } from "./crossmatch-catalog";
import { splitCsvRecord } from "./read-csv-table";
import { ALLWISE_SAMPLE, CATALOG_FIXTURES_DIR, ensureSampleCatalogs } from "./sample-catalogs";

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs
    .readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l !== "");
  const columns = splitCsvRecord(header!, ",")!;
  return lines.map((line) => Object.fromEntries(splitCsvRecord(line, ",")!.map((v, i) => [columns[i]!, v])));
}

const DIR = path.join(CATALOG_FIXTURES_DIR, "allwise-sample");
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("the AllWISE sample", () => {
  it("loads once at start: every response row, no bad rows, the magnitudes kept", async () => {
    const [loaded, ...more] = await ensureSampleCatalogs(db.pool);
    expect(more).toHaveLength(0);
    expect(loaded).toMatchObject({ name: "allwise", rows: 5440, badRows: 0 });
    expect(await ensureSampleCatalogs(db.pool)).toEqual([]);
    const [catalog] = await listCatalogs(db.pool);
    expect(catalog).toMatchObject({ name: "allwise", rows: 5440, sourceFile: "response.csv" });
    expect(catalog!.columns.map((c) => c.name)).toEqual(ALLWISE_SAMPLE.mapping!.columns);
  });

  it("crossmatching the input positions finds the AllWISE sources CDS found, at CDS's distances (within 0.01″)", async () => {
    const catalog = (await getCatalog(db.pool, "allwise"))!;
    const inputs = readCsv(path.join(DIR, "input.csv"));
    const response = new Map(readCsv(path.join(DIR, "response.csv")).map((r) => [r.id_in!, r]));
    expect(inputs).toHaveLength(5553);
    expect(response.size).toBe(5440);
    // CDS's largest distance is 0.993″: the query used a 1″ radius.
    const matches = await crossmatchCatalog(
      db.pool,
      catalog,
      inputs.map((r) => ({ raDeg: Number(r.ra), decDeg: Number(r.dec) })),
      1,
    );
    let compared = 0;
    inputs.forEach((input, k) => {
      const expected = response.get(input.id!);
      const got = matches[k];
      if (!expected) return expect(got, `input ${input.id} has no CDS match`).toBeNull();
      expect(got?.id, `input ${input.id}`).toBe(expected.AllWISE);
      expect(Math.abs(got!.distArcsec - Number(expected.angDist))).toBeLessThan(0.01);
      expect(got!.values.W1mag).toBe(Number(expected.W1mag));
      expect(got!.values.Jmag).toBe(expected.Jmag === "" ? null : Number(expected.Jmag));
      compared += 1;
    });
    expect(compared).toBe(5440);
  });
});
