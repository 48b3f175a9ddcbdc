// The ZTF API v1 routes over HTTP (route modules served by tests/api-test-server) on the bundled
// sample alerts: shapes against ALeRCE's field names/types, values against the database,
// pagination, ordering, filters, cone search, ETag, CORS, errors.
import { CURRENT_STAMP_MODEL_VERSION } from "../classifiers/stamp/model-manifest";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { SAMPLE_OID, withApiTestServer } from "../../tests/support/api-fixture";
import { angularSeparationDeg } from "../coords/sky-coordinates";
import { stringifyApiJson } from "./api-json";
import { ORDER_BY_COLUMNS, PROBABILITY_ORDER_COLUMNS, searchObjects } from "../objects/search-objects";
import {
  classifierSchema,
  classSchema,
  detectionSchema,
  featureSchema,
  lightcurveSchema,
  magstatSchema,
  messageErrorSchema,
  nonDetectionSchema,
  objectItemSchema,
  objectListPageSchema,
  probabilitySchema,
  toObjectListPage,
  validationErrorSchema,
} from "./ztf-response-schemas";

const api = withApiTestServer();
const V1 = () => `${api.server.url}/api/ztf/v1`;

async function get(path: string, init?: RequestInit): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const response = await fetch(`${V1()}${path}`, init);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body, text, headers: response.headers };
}

async function page(query: string) {
  const r = await get(`/objects?${query}`);
  expect(r.status, r.text).toBe(200);
  return objectListPageSchema.parse(r.body);
}

type DbObject = z.infer<typeof objectItemSchema> & { ndethist: number | null };
let dbObjects: DbObject[];

beforeAll(async () => {
  const { rows } = await api.db.pool.query<DbObject>("select * from object order by oid");
  dbObjects = rows;
}, 180_000);

describe("GET /objects", () => {
  it("returns ALeRCE's list item fields with the database's values and the default classifier's top class", async () => {
    const result = await page("page_size=1000&count=true");
    expect(result.total).toBe(dbObjects.length);
    expect(result.items).toHaveLength(dbObjects.length);
    const top = await api.db.pool.query<{ oid: string; class_name: string; probability: number }>(
      "select oid, class_name, probability from probability where classifier_name = 'stamp_classifier' and ranking = 1",
    );
    const topByOid = new Map(top.rows.map((r) => [r.oid, r]));
    expect(topByOid.size).toBeGreaterThan(10);
    for (const item of result.items) {
      const row = dbObjects.find((o) => o.oid === item.oid)!;
      expect(item.ndethist).toBe(row.ndethist === null ? null : String(row.ndethist));
      for (const key of [
        "ndet",
        "firstmjd",
        "lastmjd",
        "deltajd",
        "meanra",
        "meandec",
        "sigmara",
        "sigmadec",
        "g_r_max",
        "g_r_mean_corr",
        "corrected",
        "stellar",
        "step_id_corr",
      ] as const) {
        expect(item[key], `${item.oid}.${key}`).toEqual(row[key]);
      }
      const t = topByOid.get(item.oid);
      expect(item.class).toBe(t?.class_name ?? null);
      expect(item.probability).toBe(t?.probability ?? null);
      expect(item.classifier).toBe(t ? "stamp_classifier" : null);
    }
  });

  it("pages through every object exactly once with right totals, has_next, next and prev", async () => {
    const size = 7;
    const seen: string[] = [];
    for (let p = 1; ; p++) {
      const r = await page(`page=${p}&page_size=${size}&count=true`);
      expect(r.total).toBe(dbObjects.length);
      expect(r.page).toBe(p);
      expect(r.has_prev).toBe(p > 1);
      expect(r.prev).toBe(p > 1 ? p - 1 : null);
      seen.push(...r.items.map((i) => i.oid));
      const last = p * size >= dbObjects.length;
      expect(r.has_next).toBe(!last);
      expect(r.next).toBe(last ? null : p + 1);
      if (!r.has_next) break;
    }
    expect(seen).toHaveLength(dbObjects.length);
    expect(new Set(seen).size).toBe(dbObjects.length);
    // Without count (ALeRCE's default) total is null but has_next is still right.
    const first = await page("page_size=5");
    expect(first.total).toBeNull();
    expect(first.has_next).toBe(true);
    const beyond = await page(`page=${Math.ceil(dbObjects.length / 5) + 1}&page_size=5`);
    expect(beyond.items).toEqual([]);
    expect(beyond.has_next).toBe(false);
  });

  it.each(ORDER_BY_COLUMNS.map((c) => [c]))("orders by %s ascending and descending, nulls last", async (column) => {
    const classifierFilter = (PROBABILITY_ORDER_COLUMNS as readonly string[]).includes(column)
      ? "&classifier=stamp_classifier&ranking=1"
      : "";
    for (const mode of ["ASC", "DESC"] as const) {
      const r = await page(`order_by=${column}&order_mode=${mode}&page_size=1000${classifierFilter}`);
      expect(r.items.length).toBeGreaterThan(10);
      const key = column === "class_name" ? "class" : column === "classifier_name" ? "classifier" : column;
      let values: unknown[] = r.items.map((i) => (key in i ? (i as Record<string, unknown>)[key] : undefined));
      if (values.every((v) => v === undefined)) {
        // classifier_version / ranking are not item fields: check through the database.
        const { rows } = await api.db.pool.query<{ oid: string; v: string | number }>(
          column === "anomaly_score"
            ? "select oid, score as v from anomaly_score"
            : `select oid, ${column} as v from probability where classifier_name = 'stamp_classifier' and ranking = 1`,
        );
        const byOid = new Map(rows.map((x) => [x.oid, x.v]));
        values = r.items.map((i) => byOid.get(i.oid));
      }
      const present = values.filter((v) => v !== null && v !== undefined);
      const nullsAfter = values.slice(present.length);
      expect(
        nullsAfter.every((v) => v === null || v === undefined),
        "nulls sort last",
      ).toBe(true);
      for (let i = 1; i < present.length; i++) {
        // ndethist is a string in ALeRCE's shape but ordered as the integer it is
        const a = (column === "ndethist" ? Number(present[i - 1]) : present[i - 1]) as string | number | boolean;
        const b = (column === "ndethist" ? Number(present[i]) : present[i]) as string | number | boolean;
        const cmp = typeof a === "string" ? (a < b ? -1 : a > b ? 1 : 0) : Number(a) - Number(b);
        if (mode === "ASC") expect(cmp, `${column} ${mode} at ${i}: ${a} then ${b}`).toBeLessThanOrEqual(0);
        else expect(cmp, `${column} ${mode} at ${i}: ${a} then ${b}`).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it("filters by classifier and class with ranking 1 by default, by probability and by another ranking", async () => {
    const r = await page("classifier=stamp_classifier&class=asteroid&page_size=1000&count=true");
    const { rows } = await api.db.pool.query<{ oid: string }>(
      "select oid from probability where classifier_name = 'stamp_classifier' and class_name = 'asteroid' and ranking = 1",
    );
    expect(r.total).toBe(rows.length);
    expect(new Set(r.items.map((i) => i.oid))).toEqual(new Set(rows.map((x) => x.oid)));
    expect(r.items.every((i) => i.class === "asteroid" && i.classifier === "stamp_classifier")).toBe(true);
    // default order with a classifier filter: probability descending
    expect(r.items.map((i) => i.probability)).toEqual([...r.items.map((i) => i.probability)].sort((a, b) => b! - a!));

    const second = await page("classifier=stamp_classifier&ranking=2&page_size=1000&count=true");
    const ranked2 = await api.db.pool.query("select 1 from probability where classifier_name = 'stamp_classifier' and ranking = 2");
    expect(second.total).toBe(ranked2.rowCount);

    const likely = await page("classifier=stamp_classifier&probability=0.9&page_size=1000&count=true");
    expect(likely.items.every((i) => i.probability! >= 0.9)).toBe(true);
    const likelyDb = await api.db.pool.query(
      "select 1 from probability where classifier_name = 'stamp_classifier' and ranking = 1 and probability >= 0.9",
    );
    expect(likely.total).toBe(likelyDb.rowCount);
    // ALeRCE's client sends `class`; `class_name` is accepted too
    expect((await page("classifier=stamp_classifier&class_name=asteroid&page_size=1000")).items.length).toBe(rows.length);
  });

  it("filters by ndet, firstmjd and lastmjd ranges ([min] or [min, max])", async () => {
    const r = await page("ndet=5&ndet=30&firstmjd=58000&lastmjd=58500&lastmjd=61000&page_size=1000&count=true");
    const expected = dbObjects.filter(
      (o) => o.ndet >= 5 && o.ndet <= 30 && o.firstmjd >= 58000 && o.lastmjd >= 58500 && o.lastmjd <= 61000,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(r.total).toBe(expected.length);
    expect(new Set(r.items.map((i) => i.oid))).toEqual(new Set(expected.map((o) => o.oid)));
  });

  it("filters by an oid list in the given order, and by * wildcards", async () => {
    const oids = [dbObjects[5]!.oid, dbObjects[0]!.oid, dbObjects[3]!.oid];
    const r = await page(oids.map((o) => `oid=${o}`).join("&"));
    expect(r.items.map((i) => i.oid)).toEqual(oids);
    const wild = await page("oid=ZTF20*&page_size=1000&count=true");
    const expected = dbObjects.filter((o) => o.oid.startsWith("ZTF20"));
    expect(wild.total).toBe(expected.length);
    expect(wild.items.every((i) => i.oid.startsWith("ZTF20"))).toBe(true);
    expect((await page("oid=ZTF2_aafcnby")).items).toEqual([]); // `_` is literal, not a LIKE wildcard
  });

  it("cone search returns exactly the objects within the radius (brute force over every object)", async () => {
    const centres = [dbObjects[0]!, dbObjects[10]!, dbObjects[20]!].map((o) => ({ ra: o.meanra + 0.001, dec: o.meandec - 0.001 }));
    centres.push({ ra: 0.0005, dec: 0 }, { ra: 200.07, dec: 58.92 });
    for (const { ra, dec } of centres) {
      for (const radius of [5, 30, 3600, 36000]) {
        const r = await page(`ra=${ra}&dec=${dec}&radius=${radius}&page_size=1000&count=true`);
        const expected = dbObjects.filter((o) => angularSeparationDeg(ra, dec, o.meanra, o.meandec) * 3600 <= radius);
        expect(new Set(r.items.map((i) => i.oid)), `ra=${ra} dec=${dec} r=${radius}`).toEqual(new Set(expected.map((o) => o.oid)));
      }
    }
    // default radius: 30"
    const o = dbObjects[0]!;
    expect((await page(`ra=${o.meanra}&dec=${o.meandec}`)).items.map((i) => i.oid)).toContain(o.oid);
  });

  it("serves the Explorer's search reader mapped to ALeRCE's shape (no second query)", async () => {
    const input = { classifier: "stamp_classifier", page_size: 50, count: true, order_by: "ndet", order_mode: "DESC" };
    const page = await searchObjects(api.db.readPool, input);
    expect(page.items.length).toBeGreaterThan(0);
    const r = await get("/objects?classifier=stamp_classifier&page_size=50&count=true&order_by=ndet&order_mode=DESC");
    expect(r.text).toBe(stringifyApiJson(toObjectListPage(page)));
  });

  it("rejects bad parameters with ALeRCE's 400 shape", async () => {
    const r = await get("/objects?ndet=abc&page_size=5000&order_by=nope&order_mode=sideways&ra=10&count=maybe");
    expect(r.status).toBe(400);
    const body = validationErrorSchema.parse(r.body);
    expect(body.message).toBe("Input payload validation failed");
    expect(Object.keys(body.errors).sort()).toEqual(["count", "ndet", "order_by", "order_mode", "page_size"].sort());
    const cone = await get("/objects?ra=10");
    expect(cone.status).toBe(400);
    expect(validationErrorSchema.parse(cone.body).errors).toEqual({ dec: "ra and dec must be given together for a cone search" });
  });
});

describe("object resources", () => {
  it("GET /objects/{oid} matches the database; unknown oids are 404 {message}", async () => {
    const r = await get(`/objects/${SAMPLE_OID}`);
    expect(r.status).toBe(200);
    const item = objectItemSchema.parse(r.body);
    const row = dbObjects.find((o) => o.oid === SAMPLE_OID)!;
    expect(item).toEqual({
      ...Object.fromEntries(Object.keys(item).map((k) => [k, (row as Record<string, unknown>)[k]])),
      ndethist: String(row.ndethist),
      quarantined_detections: 0,
    });
    // The 2016 commissioning packet's scattered prv_candidates are quarantined (ADR 0028): a Cielo-only count says how many.
    const junk = await get("/objects/ZTF18aaaaaac");
    const quarantined = await api.db.pool.query<{ n: number }>(
      "select count(*)::int as n from detection_quarantine where oid = 'ZTF18aaaaaac'",
    );
    expect(quarantined.rows[0]!.n).toBeGreaterThan(70);
    expect(objectItemSchema.parse(junk.body).quarantined_detections).toBe(quarantined.rows[0]!.n);
    for (const path of [
      "/objects/ZTF99zzzzzzz",
      "/objects/ZTF99zzzzzzz/lightcurve",
      "/objects/ZTF99zzzzzzz/detections",
      "/objects/ZTF99zzzzzzz/non_detections",
      "/objects/ZTF99zzzzzzz/magstats",
      "/objects/ZTF99zzzzzzz/probabilities",
      "/objects/ZTF99zzzzzzz/features",
      "/objects/ZTF99zzzzzzz/features/Amplitude",
    ]) {
      const nf = await get(path);
      expect(nf.status, path).toBe(404);
      messageErrorSchema.parse(nf.body);
    }
  });

  it("detections, non-detections and the light curve match the database (candid as string, parent_candid exact)", async () => {
    const det = await get(`/objects/${SAMPLE_OID}/detections`);
    const detections = z.array(detectionSchema).parse(det.body);
    const { rows } = await api.db.pool.query<{
      candid: string;
      parent_candid: string | null;
      magpsf: number;
      mjd: number;
      has_stamp: boolean;
    }>("select candid::text, parent_candid::text, magpsf, mjd, has_stamp from detection where oid = $1 order by mjd, candid", [SAMPLE_OID]);
    expect(detections.map((d) => d.candid)).toEqual(rows.map((r) => r.candid));
    expect(detections.map((d) => d.magpsf)).toEqual(rows.map((r) => r.magpsf));
    expect(detections.map((d) => d.has_stamp)).toEqual(rows.map((r) => r.has_stamp));
    // parent_candid exceeds 2^53: the JSON text carries the exact digits.
    for (const r of rows.filter((x) => x.parent_candid)) expect(det.text).toContain(`"parent_candid":${r.parent_candid}`);

    const nd = z.array(nonDetectionSchema).parse((await get(`/objects/${SAMPLE_OID}/non_detections`)).body);
    const ndRows = await api.db.pool.query<{ mjd: number; diffmaglim: number }>(
      "select mjd, diffmaglim from non_detection where oid = $1 order by mjd, fid",
      [SAMPLE_OID],
    );
    expect(nd.map((n) => n.mjd)).toEqual(ndRows.rows.map((r) => r.mjd));
    expect(nd.length).toBeGreaterThan(0);

    const lc = lightcurveSchema.parse((await get(`/objects/${SAMPLE_OID}/lightcurve`)).body);
    expect(lc.detections).toEqual(detections);
    expect(lc.non_detections).toEqual(nd);
  });

  it("magstats, probabilities (taxonomy order, filters) and features (fid / version / name filters)", async () => {
    const magstats = z.array(magstatSchema).parse((await get(`/objects/${SAMPLE_OID}/magstats`)).body);
    const ms = await api.db.pool.query<{ fid: number; magmean: number }>("select fid, magmean from magstat where oid = $1 order by fid", [
      SAMPLE_OID,
    ]);
    expect(magstats.map((m) => [m.fid, m.magmean])).toEqual(ms.rows.map((r) => [r.fid, r.magmean]));

    const probs = z.array(probabilitySchema).parse((await get(`/objects/${SAMPLE_OID}/probabilities`)).body);
    expect(probs.map((p) => p.class_name)).toEqual(["AGN", "SN", "VS", "asteroid", "bogus"]);
    expect(probs.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 5);
    expect((await get(`/objects/${SAMPLE_OID}/probabilities?classifier=lc_classifier`)).body).toEqual([]);
    expect(
      (
        await get(
          `/objects/${SAMPLE_OID}/probabilities?classifier=stamp_classifier&classifier_version=stamp_classifier_${CURRENT_STAMP_MODEL_VERSION}`,
        )
      ).body,
    ).toEqual(probs);

    const features = z.array(featureSchema).parse((await get(`/objects/${SAMPLE_OID}/features`)).body);
    expect(features).toHaveLength(4);
    expect(features.find((f) => f.name === "Multiband_period")?.value).toBeNull(); // NaN → null
    expect((await get(`/objects/${SAMPLE_OID}/features?fid=1&version=test_1.0`)).body).toEqual([
      { name: "Amplitude", value: 0.61, fid: 1, version: "test_1.0" },
    ]);
    expect(((await get(`/objects/${SAMPLE_OID}/features/Amplitude`)).body as unknown[]).length).toBe(3);
  });

  it("limit_values: the ranges of ndet and firstmjd", async () => {
    const r = await get("/objects/limit_values");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      min_ndet: Math.min(...dbObjects.map((o) => o.ndet)),
      max_ndet: Math.max(...dbObjects.map((o) => o.ndet)),
      min_firstmjd: Math.min(...dbObjects.map((o) => o.firstmjd)),
      max_firstmjd: Math.max(...dbObjects.map((o) => o.firstmjd)),
    });
  });

  it("classifiers and their classes", async () => {
    const classifiers = z.array(classifierSchema).parse((await get("/classifiers")).body);
    expect(classifiers).toEqual([
      {
        classifier_name: "stamp_classifier",
        classifier_version: `stamp_classifier_${CURRENT_STAMP_MODEL_VERSION}`,
        classes: ["AGN", "SN", "VS", "asteroid", "bogus"],
      },
    ]);
    const classes = z
      .array(classSchema)
      .parse((await get(`/classifiers/stamp_classifier/stamp_classifier_${CURRENT_STAMP_MODEL_VERSION}/classes`)).body);
    expect(classes.map((c) => c.name)).toEqual(["AGN", "SN", "VS", "asteroid", "bogus"]);
    expect((await get("/classifiers/stamp_classifier/9.9.9/classes")).status).toBe(404);
  });

  it("ETag / If-None-Match: 304 without a body for an unchanged object, 200 after it changes", async () => {
    const first = await get(`/objects/${SAMPLE_OID}/lightcurve`);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(`/objects/${SAMPLE_OID}/lightcurve`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    const other = await get(`/objects/${SAMPLE_OID}/lightcurve`, { headers: { "if-none-match": '"something-else"' } });
    expect(other.status).toBe(200);
    await api.db.pool.query("update non_detection set diffmaglim = diffmaglim + 0.001 where oid = $1", [SAMPLE_OID]);
    const changed = await get(`/objects/${SAMPLE_OID}/lightcurve`, { headers: { "if-none-match": etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    await api.db.pool.query("update non_detection set diffmaglim = diffmaglim - 0.001 where oid = $1", [SAMPLE_OID]);
  });

  it("CORS: responses allow any origin; preflights answer 204", async () => {
    const r = await get("/objects?page_size=1", { headers: { origin: "https://example.org" } });
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    const pre = await fetch(`${V1()}/objects/${SAMPLE_OID}`, {
      method: "OPTIONS",
      headers: { origin: "https://example.org", "access-control-request-method": "GET" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("unknown paths under /api/ztf/v1 are JSON 404s; ALeRCE's client's double slash is redirected", async () => {
    const r = await get("/no/such/route");
    expect(r.status).toBe(404);
    messageErrorSchema.parse(r.body);
    expect((await get("")).body).toMatchObject({ openapi: "/api/openapi.json", docs: "/api-docs" });
    const redirected = await fetch(`${V1()}//objects?page_size=1`);
    expect(redirected.status).toBe(200);
  });
});
