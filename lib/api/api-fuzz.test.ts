// Fuzzing every public route with bad parameters: wrong types, huge values, SQL-ish strings,
// control characters, repeated keys, unknown oids. Every answer must be a 2xx/4xx in ALeRCE's
// shapes, never a 500, and fast (statement_timeout stops anything slow).
import { describe, expect, it } from "vitest";
import { SAMPLE_CANDID, SAMPLE_OID, withApiTestServer } from "../../tests/support/api-fixture";
import { apiErrorResponse } from "./api-handler";
import { messageErrorSchema, validationErrorSchema } from "./ztf-response-schemas";
import { isStatementTimeout, queryRows, READ_STATEMENT_TIMEOUT_MS } from "../db/query-rows";
import { withTransaction } from "../db/sql";

const api = withApiTestServer();

const BAD_VALUES = [
  "",
  " ",
  "abc",
  "-1",
  "0",
  "1.5",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "99999999999999999999999999",
  "0x10",
  "' or 1=1 --",
  "'; drop table object; --",
  '"); select pg_sleep(10); --',
  "%",
  "*",
  "_",
  "\\",
  "\u0000",
  "ñandú 🌌",
  "a".repeat(5000),
  "[1,2]",
  "{}",
  "true",
];

const LIST_PARAMS = [
  "oid",
  "classifier",
  "classifier_version",
  "class",
  "class_name",
  "ranking",
  "probability",
  "ndet",
  "firstmjd",
  "lastmjd",
  "ra",
  "dec",
  "radius",
  "page",
  "page_size",
  "count",
  "order_by",
  "order_mode",
];

async function check(path: string): Promise<number> {
  const label = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  const started = performance.now();
  const response = await fetch(`${api.server.url}${path}`);
  const elapsed = performance.now() - started;
  const text = await response.text();
  expect(response.status, `${label} → ${response.status} ${text.slice(0, 200)}`).not.toBeGreaterThanOrEqual(500);
  expect([200, 400, 404], `${label} → ${response.status}`).toContain(response.status);
  expect(elapsed, `${label} took ${elapsed} ms`).toBeLessThan(6000);
  if (response.status === 400) validationErrorSchema.parse(JSON.parse(text));
  if (response.status === 404 && response.headers.get("content-type")?.includes("json")) messageErrorSchema.parse(JSON.parse(text));
  return response.status;
}

const enc = encodeURIComponent;

describe("fuzzing", () => {
  it("GET /objects: every parameter with every bad value, alone and repeated", async () => {
    const statuses = new Map<number, number>();
    for (const name of LIST_PARAMS) {
      for (const value of BAD_VALUES) {
        for (const query of [`${name}=${enc(value)}`, `${name}=${enc(value)}&${name}=${enc(value)}&${name}=${enc(value)}`]) {
          const status = await check(`/api/ztf/v1/objects?${query}`);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }
    }
    expect(statuses.get(400)).toBeGreaterThan(100);
  }, 300_000);

  it("GET /objects: expensive but valid queries stay within the limits", async () => {
    for (const q of [
      "oid=*&page_size=1000&count=true&order_by=g_r_mean&order_mode=DESC",
      "ra=0&dec=90&radius=36000&page_size=1000&count=true",
      "ra=359.9999&dec=-89.9&radius=36000&page=100000&page_size=1000",
      "probability=0&page_size=1000&count=true&order_by=probability",
      `${Array.from({ length: 600 }, (_, i) => `oid=ZTF${String(i).padStart(2, "0").slice(-2)}aaaaaaa`).join("&")}`,
    ]) {
      expect(await check(`/api/ztf/v1/objects?${q}`)).toBe(200);
    }
  });

  it("object routes: weird oids are 404, bad filters 400", async () => {
    const oids = [SAMPLE_OID, "ZTF99zzzzzzz", "x' or '1'='1", "%", "..", "a".repeat(300), "\u0000", "ñ", "ZTF20aafcnby;select"];
    const suffixes = [
      "",
      "/lightcurve",
      "/detections",
      "/non_detections",
      "/magstats",
      "/probabilities",
      "/features",
      "/features/Amplitude",
      "/features/%00",
    ];
    for (const oid of oids) for (const suffix of suffixes) await check(`/api/ztf/v1/objects/${enc(oid)}${suffix}`);
    for (const value of BAD_VALUES) {
      await check(`/api/ztf/v1/objects/${SAMPLE_OID}/probabilities?classifier=${enc(value)}&classifier_version=${enc(value)}`);
      await check(`/api/ztf/v1/objects/${SAMPLE_OID}/features?fid=${enc(value)}&version=${enc(value)}`);
      await check(`/api/ztf/v1/classifiers/${enc(value) || "x"}/${enc(value) || "y"}/classes`);
    }
  }, 120_000);

  it("avro service: bad oid / candid / type / format are 400 or 404", async () => {
    for (const value of BAD_VALUES) {
      for (const route of ["get_stamp", "get_avro", "get_alert", "get_avro_info"]) {
        await check(`/api/avro/${route}?oid=${enc(value)}&candid=${SAMPLE_CANDID}&type=science&format=fits`);
        await check(`/api/avro/${route}?oid=${SAMPLE_OID}&candid=${enc(value)}&type=science&format=png`);
      }
      await check(`/api/avro/get_stamp?oid=${SAMPLE_OID}&candid=${SAMPLE_CANDID}&type=${enc(value)}&format=png`);
      await check(`/api/avro/get_stamp?oid=${SAMPLE_OID}&candid=${SAMPLE_CANDID}&type=science&format=${enc(value)}`);
      await check(`/api/avro/get_stamp?oid=${SAMPLE_OID}&candid=${SAMPLE_CANDID}&type=science&scale=${enc(value)}&stretch=${enc(value)}`);
    }
    expect(await check(`/api/avro/get_stamp?oid=${SAMPLE_OID}&candid=99999999999999999999`)).toBe(400);
    expect(await check(`/api/avro/get_avro?oid=ZTF18aaaaaaa&candid=${SAMPLE_CANDID}`)).toBe(404);
  }, 120_000);

  it("a query past the statement timeout is cancelled by PostgreSQL and answered 400, not 500", async () => {
    // Every connection of the read pool carries the API's statement timeout.
    const { rows } = await api.db.readPool.query<{ statement_timeout: string }>("show statement_timeout");
    expect(rows[0]?.statement_timeout).toBe(`${READ_STATEMENT_TIMEOUT_MS / 1000}s`);
    // The same cancellation, with a shorter limit so the test does not wait 5 s.
    const error = await withTransaction(api.db.readPool, async (tx) => {
      await tx.query("set local statement_timeout = 100");
      return queryRows(tx, "select pg_sleep(2)");
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isStatementTimeout(error)).toBe(true);
    const response = apiErrorResponse(error);
    expect(response.status).toBe(400);
    validationErrorSchema.parse(await response.json());
  });
});
