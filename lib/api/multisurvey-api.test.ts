import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApiRoutes, type ApiRoutesServer } from "../../tests/support/serve-api-routes";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { CieloClient } from "../../clients/typescript/cielo-client";
import { readAlertSource } from "../ingest/alert-sources";
import { ingestAlertFiles } from "../ingest/ingest-alerts";

const REAL = path.resolve(import.meta.dirname, "../../fixtures/lsst/real");
const ALERCE_OID = "169298433221853273";
const BOOM_OID = "7912941781254298";

let db: TestDatabase;
let server: ApiRoutesServer;
let client: CieloClient;
beforeAll(async () => {
  db = await createTestDatabase();
  await ingestAlertFiles(db.pool, readAlertSource(REAL));
  server = await serveApiRoutes(db);
  client = new CieloClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe("multi-survey API (ALeRCE multisurvey names, survey_id=lsst)", () => {
  it("lists LSST objects and answers one with its 64-bit id intact", async () => {
    const page = await client.listSurveyObjects("lsst", { page_size: 5 });
    expect(page.total).toBe(2);
    expect(page.items.map((o) => o.oid).sort()).toEqual([ALERCE_OID, BOOM_OID]);
    const cone = await client.listSurveyObjects("lsst", { ra: 55.7521, dec: -32.2685, radius: 5 });
    expect(cone.items.map((o) => o.oid)).toEqual([BOOM_OID]);
    const object = await client.getSurveyObject("lsst", ALERCE_OID);
    expect(object).toMatchObject({ survey_id: "lsst", oid: ALERCE_OID, ndet: 1, ztf_links: [] });
  });

  it("gives detections in nJy with AB magnitudes only where the flux is positive", async () => {
    const [boom] = await client.getSurveyDetections("lsst", BOOM_OID);
    expect(boom).toMatchObject({ measurement_id: BOOM_OID, band: "r", psf_flux_njy: -1230.2757568359375, mag_ab: null, has_stamp: true });
    const lightcurve = await client.getSurveyLightcurve("lsst", ALERCE_OID);
    expect(lightcurve.detections).toHaveLength(1);
    expect(lightcurve.non_detections).toEqual([]);
    expect(lightcurve.forced_photometry).toEqual([]);
  });

  it("renders a cutout and its PSF as PNG", async () => {
    for (const psf of [false, true]) {
      const response = await fetch(client.surveyStampUrl("lsst", BOOM_OID, "science", psf));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect([...new Uint8Array(await response.arrayBuffer()).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    }
  });

  it("says where ZTF is served, and 404s an unknown object", async () => {
    const ztf = await fetch(`${server.url}/api/multisurvey/object_api/object?survey_id=ztf&oid=${BOOM_OID}`);
    expect(ztf.status).toBe(400);
    expect(JSON.stringify(await ztf.json())).toMatch(/api\/ztf\/v1/);
    const missing = await fetch(`${server.url}/api/multisurvey/lightcurve_api/detections?survey_id=lsst&oid=123`);
    expect(missing.status).toBe(404);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/api/multisurvey/"))).toHaveLength(6);
  });
});
