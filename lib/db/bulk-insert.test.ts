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

  it("round-trips bytea columns (one binary parameter per column): nulls, empty values, views, several columns", async () => {
    await db.pool.query("create table bytes (k int primary key, a bytea, b bytea)");
    const file = Buffer.from("0123456789abcdef");
    const rows = [
      { k: 1, a: file.subarray(3, 7), b: null },
      { k: 2, a: Buffer.alloc(0), b: Buffer.from([0, 255, 92, 34, 123]) },
      { k: 3, a: null, b: new Uint8Array(70_000).fill(7) },
      { k: 4, a: file, b: file.subarray(15) },
    ];
    const client = await db.pool.connect();
    try {
      const written = await bulkInsert(client, "bytes", { k: "int", a: "bytea", b: "bytea" }, rows, "ON CONFLICT (k) DO NOTHING");
      expect(written).toBe(4);
      // Replayed: nothing written twice.
      expect(await bulkInsert(client, "bytes", { k: "int", a: "bytea", b: "bytea" }, rows, "ON CONFLICT (k) DO NOTHING")).toBe(0);
    } finally {
      client.release();
    }
    const { rows: back } = await db.pool.query<{ k: number; a: Buffer | null; b: Buffer | null }>("select k, a, b from bytes order by k");
    expect(back.map((r) => [r.k, r.a?.toString("hex") ?? null, r.b?.toString("hex") ?? null])).toEqual(
      rows.map((r) => [
        r.k,
        r.a === null ? null : Buffer.from(r.a).toString("hex"),
        r.b === null ? null : Buffer.from(r.b).toString("hex"),
      ]),
    );
  });
});
