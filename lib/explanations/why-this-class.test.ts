import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApiRoutes, type ApiRoutesServer } from "../../tests/support/serve-api-routes";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { explanationResponseSchema } from "../api/explanation-api";
import { loadLcClassifier, type LcClassifier } from "../classifiers/lc/lc-classifier";
import { lcModelDir, readLcModelManifest } from "../classifiers/lc/model-manifest";
import { readAlertSource } from "../ingest/alert-sources";
import { ingestAlertFiles } from "../ingest/ingest-alerts";
import { classifyPendingLightcurves } from "../pipeline/steps/classify-lightcurves";
import { getObjectLcExplanation, loadLcExplainer } from "./lc-explanation";

/** A real ZTF alert (Kowalski test data, 2020-02) whose prv_candidates give 55 detections. */
const RICH = { oid: "ZTF20aafcnby", file: path.join(ALERT_FIXTURES_DIR, "samples", "kowalski_2020-02-02", "1127561441415015002.avro") };

let db: TestDatabase;
let classifier: LcClassifier;
let server: ApiRoutesServer;

beforeAll(async () => {
  db = await createTestDatabase();
  classifier = await loadLcClassifier(lcModelDir());
  await ingestAlertFiles(db.pool, readAlertSource(RICH.file));
  await classifyPendingLightcurves(db.pool, classifier);
  server = await serveApiRoutes(db);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await classifier?.close();
  await db?.drop();
});

describe("why this class (light-curve classifier, real alert, real database)", () => {
  it("loads the forests lazily and asynchronously: callers share one load, and the event loop turns before it ends", async () => {
    let turned = false;
    setImmediate(() => (turned = true));
    const first = loadLcExplainer();
    expect(loadLcExplainer()).toBe(first);
    expect(turned).toBe(false);
    const explainer = await first;
    expect(turned).toBe(true);
    expect(explainer.manifest.featureVersion).toBe(readLcModelManifest(lcModelDir()).featureVersion);
  }, 120_000);

  it("explains the stored top class; its probability is the stored one and the lists are the largest contributions", async () => {
    const e = await getObjectLcExplanation(db.pool, RICH.oid);
    expect(e).toBeTruthy();
    const { rows } = await db.pool.query<{ class_name: string; probability: number }>(
      "SELECT class_name, probability FROM probability WHERE oid = $1 AND classifier_name = 'lc_classifier' AND ranking = 1",
      [RICH.oid],
    );
    expect(e!.class_name).toBe(rows[0]!.class_name);
    expect(Math.abs(e!.served_probability - rows[0]!.probability)).toBeLessThan(2e-6);
    expect(e!.for.length).toBe(5);
    expect(e!.against.length).toBe(5);
    for (let i = 1; i < 5; i++) {
      expect(e!.for[i]!.contribution).toBeLessThanOrEqual(e!.for[i - 1]!.contribution);
      expect(e!.against[i]!.contribution).toBeGreaterThanOrEqual(e!.against[i - 1]!.contribution);
    }
    expect(e!.for.every((f) => f.contribution > 0 && f.definition !== null)).toBe(true);
    expect(e!.against.every((f) => f.contribution < 0)).toBe(true);
    // The object's own stored value is what is shown.
    const top = e!.for[0]!;
    const { rows: stored } = await db.pool.query<{ value: number | null }>(
      "SELECT value FROM feature WHERE oid = $1 AND name = $2 AND fid = $3 AND version = $4",
      [RICH.oid, top.name, top.fid, readLcModelManifest(lcModelDir()).featureVersion],
    );
    if (top.value !== null) expect(top.value).toBeCloseTo(stored[0]!.value!, 4);
  });

  it("serves it at /api/objects/{oid}/explanation; unknown objects are 404, malformed ids 400", async () => {
    const res = await fetch(`${server.url}/api/objects/${RICH.oid}/explanation`);
    expect(res.status).toBe(200);
    const body = explanationResponseSchema.parse(await res.json());
    expect(body.lc_classifier?.for.length).toBe(5);
    expect((await fetch(`${server.url}/api/objects/ZTF20zzzzzzz/explanation`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/objects/not-an-oid/explanation`)).status).toBe(400);
  });
});

describe("stamp saliency route (real alert, real database)", () => {
  const candid = "1127561441415015002";

  it("serves the occlusion map of each of the alert's three stamps as a PNG", async () => {
    for (const kind of ["science", "template", "difference"]) {
      const res = await fetch(`${server.url}/api/objects/${RICH.oid}/stamp-saliency/${kind}?candid=${candid}&scale=2`);
      expect(res.status, kind).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      const png = Buffer.from(await res.arrayBuffer());
      expect(png.readUInt32BE(16)).toBe(42);
    }
  }, 60_000);

  it("answers 400 for a bad kind or candid and 404 for an unknown alert", async () => {
    expect((await fetch(`${server.url}/api/objects/${RICH.oid}/stamp-saliency/colour?candid=${candid}`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/objects/${RICH.oid}/stamp-saliency/science?candid=abc`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/objects/${RICH.oid}/stamp-saliency/science?candid=1127561441415015003`)).status).toBe(404);
  });
});
