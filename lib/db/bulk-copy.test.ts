import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { readLsstAlerts } from "../lsst/read-lsst-alerts";
import { binaryCopyChunks, copyRowsBinary } from "./bulk-copy";

const REAL_LSST = path.resolve(import.meta.dirname, "../../fixtures/lsst/real");

describe("copyRowsBinary (binary COPY FROM STDIN)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query("create table c (id bigint, n int, kind text, bytes bytea, primary key (id, kind))");
  });
  afterAll(async () => {
    await db.drop();
  });
  const types = { id: "bigint", n: "int", kind: "text", bytes: "bytea" } as const;

  it("writes bigints, ints, UTF-8 text, nulls and bytea values (views, empty, large) exactly", async () => {
    const file = Buffer.from("0123456789abcdef");
    const rows = [
      { id: 9_223_372_036_854_775_807n, n: -2147483648, kind: "science", bytes: file.subarray(3, 7) },
      { id: -1n, n: null, kind: "ünïcode ✓ \t\n\\", bytes: Buffer.alloc(0) },
      { id: 0n, n: 7, kind: "null bytes", bytes: null },
      { id: 169298433221853273n, n: 0, kind: "big", bytes: new Uint8Array(3_000_000).map((_, i) => i % 251) },
    ];
    const client = await db.pool.connect();
    try {
      expect(await copyRowsBinary(client, "c", types, rows)).toBe(4);
    } finally {
      client.release();
    }
    const { rows: back } = await db.pool.query<{ id: string; n: number | null; kind: string; bytes: Buffer | null }>(
      "select id::text, n, kind, bytes from c order by ctid",
    );
    expect(back.map((r) => [r.id, r.n, r.kind, r.bytes?.toString("hex") ?? null])).toEqual(
      rows.map((r) => [r.id.toString(), r.n, r.kind, r.bytes === null ? null : Buffer.from(r.bytes).toString("hex")]),
    );
  });

  it("sends each bytea value as its own chunk, not a copy (the real LSST cutouts)", () => {
    const bytes = fs.readFileSync(path.join(REAL_LSST, "boom_7912941781254298.avro"));
    const alert = readLsstAlerts(bytes, "boom").alerts[0]!.alert;
    const rows = (["science", "template", "difference"] as const).map((kind) => ({ id: 1n, n: 1, kind, bytes: alert.cutouts[kind]! }));
    const chunks = binaryCopyChunks(types, rows);
    for (const row of rows)
      expect(chunks.some((chunk) => chunk.buffer === row.bytes.buffer && chunk.byteOffset === row.bytes.byteOffset)).toBe(true);
    expect(Buffer.concat(chunks).subarray(0, 11).toString("latin1")).toBe("PGCOPY\n\xff\r\n\0");
  });

  it("fails the statement (and the transaction) on a duplicate key, leaving the connection usable", async () => {
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      await expect(
        copyRowsBinary(client, "c", types, [{ id: -1n, n: 1, kind: "ünïcode ✓ \t\n\\", bytes: Buffer.from("x") }]),
      ).rejects.toThrow(/duplicate key/);
      await client.query("ROLLBACK");
      expect((await client.query("select count(*)::int as n from c")).rows[0]).toEqual({ n: 4 });
    } finally {
      client.release();
    }
  });
});
