// The typed TypeScript client (clients/typescript) against the API routes on the sample alerts,
// and its example script end to end.
import { CURRENT_STAMP_MODEL_VERSION } from "../lib/classifiers/stamp/model-manifest";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CieloApiError, CieloClient } from "../clients/typescript/cielo-client";
import { lightcurveSchema, objectListPageSchema } from "../lib/api/ztf-response-schemas";
import { SAMPLE_CANDID, SAMPLE_OID, withApiTestServer } from "./support/api-fixture";

const api = withApiTestServer();
let client: CieloClient;

beforeAll(async () => {
  client = new CieloClient(`${api.server.url}/`);
}, 180_000);

describe("CieloClient", () => {
  it("searches with ALeRCE's parameters (class_name sent as class, ranges as repeated keys)", async () => {
    const page = objectListPageSchema.parse(
      await client.searchObjects({ classifier: "stamp_classifier", class_name: "VS", ndet: [1, 1000], page_size: 100, count: true }),
    );
    const { rows } = await api.db.pool.query(
      "select 1 from probability where classifier_name = 'stamp_classifier' and class_name = 'VS' and ranking = 1",
    );
    expect(page.total).toBe(rows.length);
    expect(page.items.every((i) => i.class === "VS")).toBe(true);
    const two = await client.searchObjects({ oid: [SAMPLE_OID, "ZTF20aaelulu"] });
    expect(two.items.map((i) => i.oid)).toEqual([SAMPLE_OID, "ZTF20aaelulu"]);
  });

  it("reads object resources, stamps and alerts", async () => {
    expect((await client.getObject(SAMPLE_OID)).oid).toBe(SAMPLE_OID);
    const lc = lightcurveSchema.parse(await client.getLightcurve(SAMPLE_OID));
    expect(lc.detections.length).toBe((await client.getDetections(SAMPLE_OID)).length);
    expect((await client.getProbabilities(SAMPLE_OID, { classifier: "stamp_classifier" })).length).toBe(5);
    expect(
      z
        .array(z.object({ name: z.string() }))
        .parse(await client.getClassifierClasses("stamp_classifier", `stamp_classifier_${CURRENT_STAMP_MODEL_VERSION}`)),
    ).toHaveLength(5);
    const fits = await client.getStamp(SAMPLE_OID, SAMPLE_CANDID, "science");
    expect([fits[0], fits[1]]).toEqual([0x1f, 0x8b]);
    expect(new TextDecoder().decode((await client.getAvro(SAMPLE_OID, SAMPLE_CANDID)).subarray(0, 3))).toBe("Obj");
    expect((await client.getAlert(SAMPLE_OID, SAMPLE_CANDID)).candid).toBe(SAMPLE_CANDID);
    expect(client.stampUrl(SAMPLE_OID, SAMPLE_CANDID, "template")).toBe(
      `${api.server.url}/api/avro/get_stamp?oid=${SAMPLE_OID}&candid=${SAMPLE_CANDID}&type=template&format=png`,
    );
  });

  it("throws CieloApiError with ALeRCE's error details", async () => {
    const bad = await client.searchObjects({ page_size: 5000 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(CieloApiError);
    expect((bad as CieloApiError).status).toBe(400);
    expect((bad as CieloApiError).errors).toHaveProperty("page_size");
    expect((bad as CieloApiError).code).toBe("bad_request");
    const missing = await client.getObject("ZTF99zzzzzzz").catch((e: unknown) => e);
    expect((missing as CieloApiError).status).toBe(404);
  });

  it("the example runs", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", path.resolve(import.meta.dirname, "../clients/typescript/example.ts"), api.server.url],
      { timeout: 60_000 },
    );
    expect(stdout).toMatch(/objects whose top stamp class is SN/);
    expect(stdout).toContain("a bad request is a CieloApiError: 400");
  });
});
