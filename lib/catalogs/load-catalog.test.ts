import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { formatDecDms, formatRaHms } from "../coords/sexagesimal";
import { getCatalog } from "./catalog-registry";
import { coneSearchCatalog } from "./cone-search-catalog";
import { CatalogLoadError, loadCatalog } from "./load-catalog";
import { splitCsvRecord } from "./read-csv-table";
import { CATALOG_FIXTURES_DIR } from "./sample-catalogs";
import { angularDistanceArcsec } from "./sky-zones";

interface WiseRow {
  AllWISE: string;
  RAJ2000: number;
  DEJ2000: number;
  W1mag: number;
  Jmag: number | null;
}

/** The first rows of the real AllWISE sample (some without J). */
function wiseRows(count: number): WiseRow[] {
  const [header, ...lines] = fs.readFileSync(path.join(CATALOG_FIXTURES_DIR, "allwise-sample", "response.csv"), "utf8").split(/\r?\n/);
  const columns = splitCsvRecord(header!, ",")!;
  const col = (name: string) => columns.indexOf(name);
  const rows = lines.filter((l) => l !== "").map((line) => splitCsvRecord(line, ",")!);
  const withoutJ = rows.filter((r) => r[col("Jmag")] === "").slice(0, 3);
  return [...rows.slice(0, count - withoutJ.length), ...withoutJ].map((r) => ({
    AllWISE: r[col("AllWISE")]!,
    RAJ2000: Number(r[col("RAJ2000")]),
    DEJ2000: Number(r[col("DEJ2000")]),
    W1mag: Number(r[col("W1mag")]),
    Jmag: r[col("Jmag")] === "" ? null : Number(r[col("Jmag")]),
  }));
}

/** A FITS file with one BINTABLE (20A id, D ra, D dec, E W1mag, E Jmag with NaN, J count). */
function fitsTable(rows: WiseRow[]): Buffer {
  const card = (key: string, value: string | number | boolean) => {
    const text = typeof value === "string" ? `'${value.padEnd(8)}'` : typeof value === "boolean" ? (value ? "T" : "F") : String(value);
    return `${key.padEnd(8)}= ${text.padStart(20)}`.padEnd(80);
  };
  const header = (cards: string[]) => {
    const text = [...cards, "END".padEnd(80)].join("");
    return Buffer.from(text.padEnd(Math.ceil(text.length / 2880) * 2880), "latin1");
  };
  const primary = header([card("SIMPLE", true), card("BITPIX", 8), card("NAXIS", 0), card("EXTEND", true)]);
  const rowBytes = 20 + 8 + 8 + 4 + 4 + 4;
  const table = header([
    card("XTENSION", "BINTABLE"),
    card("BITPIX", 8),
    card("NAXIS", 2),
    card("NAXIS1", rowBytes),
    card("NAXIS2", rows.length),
    card("PCOUNT", 0),
    card("GCOUNT", 1),
    card("TFIELDS", 6),
    card("TTYPE1", "designation"),
    card("TFORM1", "20A"),
    card("TTYPE2", "ra"),
    card("TFORM2", "D"),
    card("TUNIT2", "deg"),
    card("TTYPE3", "dec"),
    card("TFORM3", "D"),
    card("TTYPE4", "W1mag"),
    card("TFORM4", "E"),
    card("TUNIT4", "mag"),
    card("TTYPE5", "Jmag"),
    card("TFORM5", "E"),
    card("TTYPE6", "nb"),
    card("TFORM6", "J"),
  ]);
  const data = Buffer.alloc(Math.ceil((rowBytes * rows.length) / 2880) * 2880);
  rows.forEach((r, i) => {
    const at = i * rowBytes;
    data.write(r.AllWISE.padEnd(20), at, "latin1");
    data.writeDoubleBE(r.RAJ2000, at + 20);
    data.writeDoubleBE(r.DEJ2000, at + 28);
    data.writeFloatBE(r.W1mag, at + 36);
    data.writeFloatBE(r.Jmag ?? Number.NaN, at + 40);
    data.writeInt32BE(i, at + 44);
  });
  return Buffer.concat([primary, table, data]);
}

function votable(rows: WiseRow[]): string {
  const tr = rows.map(
    (r) => `      <TR><TD>${r.AllWISE}</TD><TD>${r.RAJ2000}</TD><TD>${r.DEJ2000}</TD><TD>${r.W1mag}</TD><TD>${r.Jmag ?? ""}</TD></TR>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
 <RESOURCE>
  <TABLE name="allwise">
   <FIELD name="AllWISE" datatype="char" arraysize="*"/>
   <FIELD name="RAJ2000" datatype="double" unit="deg"/>
   <FIELD name="DEJ2000" datatype="double" unit="deg"/>
   <FIELD name="W1mag" datatype="float" unit="mag"/>
   <FIELD name="Jmag" datatype="float" unit="mag"/>
   <DATA>
    <TABLEDATA>
${tr.join("\n")}
    </TABLEDATA>
   </DATA>
  </TABLE>
 </RESOURCE>
</VOTABLE>
`;
}

/**
 * The same rows as a BINARY2 VOTable (what TAP services send): variable-length char id, double
 * RA/Dec, float W1, float J with its null bit set when absent, a short with a VALUES null sentinel.
 */
function votableBinary2(rows: WiseRow[]): string {
  const parts: Buffer[] = [];
  rows.forEach((r, i) => {
    const mask = Buffer.from([r.Jmag === null ? 0x80 >> 4 : 0]);
    const id = Buffer.from(r.AllWISE, "latin1");
    const row = Buffer.alloc(4 + id.length + 8 + 8 + 4 + 4 + 2);
    let at = row.writeInt32BE(id.length, 0);
    at += id.copy(row, at);
    at = row.writeDoubleBE(r.RAJ2000, at);
    at = row.writeDoubleBE(r.DEJ2000, at);
    at = row.writeFloatBE(r.W1mag, at);
    at = row.writeFloatBE(r.Jmag ?? 99, at); // a value the null bit must hide
    row.writeInt16BE(i % 3 === 0 ? -1 : i, at);
    parts.push(mask, row);
  });
  const base64 = Buffer.concat(parts).toString("base64").replace(/.{76}/g, "$&\n");
  return `<?xml version="1.0"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
 <RESOURCE type="results">
  <TABLE>
   <FIELD name="AllWISE" datatype="char" arraysize="*"/>
   <FIELD name="RAJ2000" datatype="double" unit="deg"/>
   <FIELD name="DEJ2000" datatype="double" unit="deg"/>
   <FIELD name="W1mag" datatype="float" unit="mag"/>
   <FIELD name="Jmag" datatype="float" unit="mag"/>
   <FIELD name="nb" datatype="short"><VALUES null="-1"/></FIELD>
   <DATA><BINARY2><STREAM encoding="base64">
${base64}
</STREAM></BINARY2></DATA>
  </TABLE>
 </RESOURCE>
</VOTABLE>
`;
}

let db: TestDatabase;
let tmp: string;
const write = (name: string, content: string | Buffer) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
};
const count = async (name: string) => (await db.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM catalog_${name}`)).rows[0]!.n;
const stagingTables = async () =>
  (await db.pool.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relname LIKE 'catalog\\_%\\_\\_load\\_%'")).rows.map(
    (r) => r.relname,
  );

beforeAll(async () => {
  db = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-load-catalog-"));
});
afterAll(async () => {
  await db?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("loadCatalog: bad rows", () => {
  it("skips malformed rows, counts them and reports each with its line number", async () => {
    const file = write(
      "bad.csv",
      [
        "# a comment line before the header",
        "id,ra,dec,gmag",
        "a,10,20,15.0",
        "b,abc,20,15",
        "c,10,95,15",
        "d,10,20",
        '"e,1",10,20,x',
        "f,10,20,",
        ",10,20,1",
        '"g',
        'h",10.5,20,1',
        "i,370.5,-20,1",
        "j,-10,-20,1",
      ].join("\n"),
    );
    const result = await loadCatalog(db.pool, { name: "bad", file });
    expect(result.badRowSamples).toEqual([
      { line: 4, reason: 'RA: cannot read "abc" as degrees or sexagesimal (e.g. 12:34:56.7)' },
      { line: 5, reason: "Dec 95 is outside [-90, 90] degrees" },
      { line: 6, reason: "3 fields where the header has 4" },
      { line: 7, reason: 'gmag is not a number: "x"' },
      { line: 9, reason: "no source id (id is empty)" },
      { line: 12, reason: "RA 370.5 is outside [-360, 360] degrees" },
    ]);
    expect(result).toMatchObject({ rows: 4, badRows: 6, position: "line" });
    const { rows } = await db.pool.query<{ id: string; ra: number; gmag: number | null }>(
      "SELECT id, ra, gmag FROM catalog_bad ORDER BY id",
    );
    expect(rows).toEqual([
      { id: "a", ra: 10, gmag: 15 },
      { id: "f", ra: 10, gmag: null },
      { id: "g\nh", ra: 10.5, gmag: 1 },
      { id: "j", ra: 350, gmag: 1 },
    ]);
    expect((await getCatalog(db.pool, "bad"))!.badRows).toBe(6);
  });
});

describe("loadCatalog: atomic replacement", () => {
  it("a failed load (unreadable file, too many bad rows) leaves the previous version in place; a good one replaces it", async () => {
    const v1 = await loadCatalog(db.pool, { name: "keep", file: write("v1.csv", "id,ra,dec\nv1a,10,10\nv1b,10.0001,10\nv1c,200,-30\n") });
    expect(v1.rows).toBe(3);
    const before = await getCatalog(db.pool, "keep");

    // A FITS file cut in the middle of its table: the reader fails after some rows went to COPY.
    const fits = fitsTable(wiseRows(200));
    const truncated = write("truncated.fits", fits.subarray(0, 2880 * 2 + 44 * 120));
    await expect(loadCatalog(db.pool, { name: "keep", file: truncated, mapping: { id: "designation" } })).rejects.toThrow(
      /failed, the previous version is kept: the FITS file is truncated: the table declares 200 rows, the file ends in row 111/,
    );
    // More bad rows than allowed.
    const bad = write("v2.csv", "id,ra,dec\nv2a,10,10\nv2b,x,10\nv2c,10,y\n");
    const error = await loadCatalog(db.pool, { name: "keep", file: bad, maxBadRows: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogLoadError);
    expect((error as CatalogLoadError).message).toBe(
      'more than 1 bad rows (the last: line 4: Dec: cannot read "y" as degrees or sexagesimal (e.g. 12:34:56.7))',
    );
    expect((error as CatalogLoadError).badRowSamples.map((b) => b.line)).toEqual([3, 4]);
    // A file that is not there.
    await expect(loadCatalog(db.pool, { name: "keep", file: path.join(tmp, "missing.csv") })).rejects.toThrow(/ENOENT/);

    expect(await getCatalog(db.pool, "keep")).toEqual(before);
    expect(await count("keep")).toBe("3");
    expect((await coneSearchCatalog(db.pool, before!, 10, 10, 1)).map((s) => s.id)).toEqual(["v1a", "v1b"]);
    expect(await stagingTables()).toEqual([]);

    const indexes = async (table: string) =>
      (await db.pool.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = $1 ORDER BY 1", [table])).rows.map(
        (r) => r.indexname,
      );
    expect(await indexes("catalog_keep")).toEqual(["catalog_keep_id", "catalog_keep_zone_ra"]);
    // The longest name: its staging table and index names stay within PostgreSQL's 63 bytes.
    const longest = "a".repeat(30);
    await loadCatalog(db.pool, { name: longest, file: write("long.csv", "id,ra,dec\nx,1,1\n") });
    expect(await indexes(`catalog_${longest}`)).toEqual([`catalog_${longest}_id`, `catalog_${longest}_zone_ra`]);
    await expect(loadCatalog(db.pool, { name: "a".repeat(31), file: write("long2.csv", "id,ra,dec\nx,1,1\n") })).rejects.toThrow(
      /1-30 lowercase/,
    );

    const v3 = await loadCatalog(db.pool, { name: "keep", file: write("v3.csv", "id,ra,dec\nv3a,10,10\n") });
    expect(v3.rows).toBe(1);
    const after = (await getCatalog(db.pool, "keep"))!;
    expect(after.rows).toBe(1);
    expect((await coneSearchCatalog(db.pool, after, 10, 10, 1)).map((s) => s.id)).toEqual(["v3a"]);
  });
});

describe("loadCatalog: formats and coordinates", () => {
  const rows = wiseRows(40);

  async function loaded(name: string) {
    const catalog = (await getCatalog(db.pool, name))!;
    const { rows: stored } = await db.pool.query<{ id: string; ra: number; dec: number; W1mag: number; Jmag: number | null }>(
      `SELECT id, ra, dec, "W1mag", "Jmag" FROM catalog_${name} ORDER BY id`,
    );
    return { catalog, stored };
  }

  it("reads a FITS binary table (also gzipped), with units and NaN as null", async () => {
    for (const [name, file] of [
      ["fits", write("wise.fits", fitsTable(rows))],
      ["fitsgz", write("wise.fits.gz", zlib.gzipSync(fitsTable(rows)))],
    ] as const) {
      const result = await loadCatalog(db.pool, { name, file, mapping: { columns: ["W1mag", "Jmag"] } });
      expect(result).toMatchObject({ rows: 40, badRows: 0, position: "row", mappedFrom: { id: "designation", ra: "ra", dec: "dec" } });
      const { catalog, stored } = await loaded(name);
      expect(catalog.columns).toEqual([
        { name: "W1mag", unit: "mag" },
        { name: "Jmag", unit: "mag" },
      ]);
      const byId = new Map(rows.map((r) => [r.AllWISE, r]));
      for (const s of stored) {
        const r = byId.get(s.id)!;
        expect([s.ra, s.dec]).toEqual([r.RAJ2000, r.DEJ2000]);
        expect(s.W1mag).toBeCloseTo(r.W1mag, 5);
        if (r.Jmag === null) expect(s.Jmag).toBeNull();
        else expect(s.Jmag).toBeCloseTo(r.Jmag, 5);
      }
      expect(stored.filter((s) => s.Jmag === null)).toHaveLength(rows.filter((r) => r.Jmag === null).length);
      expect(rows.filter((r) => r.Jmag === null).length).toBeGreaterThanOrEqual(3);
    }
  });

  it("reads a VOTable (TABLEDATA) and reports a short row with its line", async () => {
    const text = votable(rows).replace(`<TD>${rows[5]!.W1mag}</TD><TD>${rows[5]!.Jmag ?? ""}</TD></TR>`, "</TR>");
    const result = await loadCatalog(db.pool, { name: "vot", file: write("wise.vot", text) });
    const line = text.split("\n").findIndex((l) => l.includes(rows[5]!.AllWISE)) + 1;
    expect(result).toMatchObject({ rows: 39, badRows: 1, badRowSamples: [{ line, reason: "3 TD cells where the table has 5 FIELDs" }] });
    const { stored } = await loaded("vot");
    expect(stored.find((s) => s.id === rows[0]!.AllWISE)).toMatchObject({ ra: rows[0]!.RAJ2000, W1mag: rows[0]!.W1mag });
  });

  it("reads a BINARY2 VOTable (base64 stream, null bits, VALUES null) and reports a truncated stream", async () => {
    const result = await loadCatalog(db.pool, {
      name: "vot2",
      file: write("wise2.vot", votableBinary2(rows)),
      mapping: { columns: ["W1mag", "Jmag", "nb"] },
    });
    expect(result).toMatchObject({ rows: 40, badRows: 0, position: "row" });
    const { stored } = await loaded("vot2");
    for (const s of stored) {
      const r = rows.find((x) => x.AllWISE === s.id)!;
      expect([s.ra, s.dec]).toEqual([r.RAJ2000, r.DEJ2000]);
      expect(s.W1mag).toBeCloseTo(r.W1mag, 5);
      if (r.Jmag === null) expect(s.Jmag).toBeNull();
      else expect(s.Jmag).toBeCloseTo(r.Jmag, 5);
    }
    const { rows: nb } = await db.pool.query<{ id: string; nb: number | null }>("SELECT id, nb FROM catalog_vot2");
    expect(nb.find((x) => x.id === rows[0]!.AllWISE)!.nb).toBeNull();
    expect(nb.find((x) => x.id === rows[1]!.AllWISE)!.nb).toBe(1);
    // Cut the stream inside the last row (the base64 ends mid-row).
    const text = votableBinary2(rows.slice(0, 3));
    const cut = text.replace(/([A-Za-z0-9+/=\n]+)\n<\/STREAM>/, (_, b64: string) => `${b64.replace(/\n/g, "").slice(0, 120)}\n</STREAM>`);
    const truncated = await loadCatalog(db.pool, { name: "vot3", file: write("cut.vot", cut) });
    expect(truncated.badRows).toBe(1);
    expect(truncated.badRowSamples[0]!.reason).toMatch(/^the binary stream ends inside a row/);
  });

  it("reads sexagesimal RA (hours) and Dec, to within 0.01″", async () => {
    const csv = [
      "AllWISE\tRAJ2000\tDEJ2000\tW1mag\tJmag",
      ...rows.map((r) => `${r.AllWISE}\t${formatRaHms(r.RAJ2000, 4)}\t${formatDecDms(r.DEJ2000, 3)}\t${r.W1mag}\t${r.Jmag ?? ""}`),
    ];
    const result = await loadCatalog(db.pool, {
      name: "sexa",
      file: write("wise.tsv", csv.join("\n")),
      mapping: { coords: "sexagesimal" },
    });
    expect(result).toMatchObject({ rows: 40, badRows: 0 });
    const { stored } = await loaded("sexa");
    for (const s of stored) {
      const r = rows.find((x) => x.AllWISE === s.id)!;
      expect(angularDistanceArcsec(s.ra, s.dec, r.RAJ2000, r.DEJ2000)).toBeLessThan(0.01);
    }
  });

  it("loads several files as one catalog (bad rows named by file) and header-less files with --header", async () => {
    const parts = [write("part1.psv", "w1|10|10|15\nw2|11|10|x\n"), write("part2.psv.gz", zlib.gzipSync("w3|12|-10|16\nw4|13|-10|17\n"))];
    const result = await loadCatalog(db.pool, {
      name: "parts",
      file: parts,
      delimiter: "|",
      header: ["designation", "ra", "dec", "w1mpro"],
      mapping: { columns: ["w1mpro"] },
    });
    expect(result).toMatchObject({
      rows: 3,
      badRows: 1,
      badRowSamples: [{ file: "part1.psv", line: 2, reason: 'w1mpro is not a number: "x"' }],
    });
    expect((await getCatalog(db.pool, "parts"))!.sourceFile).toBe("part1.psv (+1 files)");
    const other = write("other.csv", "id,ra,dec,gmag\nz,1,1,1\n");
    await expect(loadCatalog(db.pool, { name: "parts", file: [write("same.csv", "id,ra,dec\ny,1,1\n"), other] })).rejects.toThrow(
      "other.csv does not have the columns",
    );
    expect(await count("parts")).toBe("3");
  });

  it("names the missing column and the available ones when the mapping does not fit the file", async () => {
    await expect(loadCatalog(db.pool, { name: "nomap", file: write("nomap.csv", "name,x,y\na,1,2\n") })).rejects.toThrow(
      "cannot tell which column is the RA: name it with --ra (available columns: name, x, y)",
    );
    await expect(getCatalog(db.pool, "nomap")).resolves.toBeNull();
  });
});
