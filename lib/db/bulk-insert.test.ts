import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { bulkInsert } from "./bulk-insert";

describe("bulkInsert array literals", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query("create table t (i int, b bigint, d double precision, f boolean, s text, ts timestamptz)");
  });
  afterAll(async () => {
    await db.drop();
  });

  it("round-trips awkward values exactly", async () => {
    const rows = [
      {
        i: 1,
        b: 9_223_372_036_854_775_807n,
        d: 0.1 + 0.2,
        f: true,
        s: 'quote " and backslash \\ and {braces}, commas',
        ts: new Date("2018-11-29T06:02:52.123Z"),
      },
      { i: null, b: -5n, d: -1.5e-300, f: false, s: "NULL", ts: null },
      { i: -2147483648, b: null, d: Number.NaN, f: null, s: "", ts: new Date(0) },
      { i: 0, b: 0n, d: Number.POSITIVE_INFINITY, f: true, s: null, ts: null },
    ];
    const client = await db.pool.connect();
    try {
      await bulkInsert(client, "t", { i: "int", b: "bigint", d: "double precision", f: "boolean", s: "text", ts: "timestamptz" }, rows, "");
    } finally {
      client.release();
    }
    const { rows: back } = await db.pool.query("select i, b::text, d, f, s, ts from t order by ctid");
    expect(back).toEqual(rows.map((r) => ({ ...r, b: r.b === null ? null : r.b.toString() })));
  });
});
