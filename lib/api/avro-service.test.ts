// The avro service routes against the stored sample alerts: FITS bytes exactly as ingested, PNG
// rendering, the Avro rebuilt with its cutouts, the JSON record, and ALeRCE's error shapes.
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { SAMPLE_CANDID, SAMPLE_OID, withApiTestServer } from "../../tests/support/api-fixture";
import { readAlertFile } from "../alerts/read-alert-file";

const api = withApiTestServer();

const url = (route: string, query: string) => `${api.server.url}/api/avro/${route}?${query}`;

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("avro service", () => {
  it("get_stamp format=fits returns the gzipped FITS exactly as the alert carried it", async () => {
    for (const kind of ["science", "template", "difference"] as const) {
      const response = await fetch(url("get_stamp", `oid=${SAMPLE_OID}&candid=${SAMPLE_CANDID}&type=${kind}&format=fits`));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/fits+gzip");
      expect(response.headers.get("content-disposition")).toContain(`${SAMPLE_OID}_${SAMPLE_CANDID}_${kind}.fits.gz`);
      const bytes = Buffer.from(await response.arrayBuffer());
      const { rows } = await api.db.pool.query<{ stamp_data: Buffer }>("select stamp_data from cutout where candid = $1 and kind = $2", [
        SAMPLE_CANDID,
        kind,
      ]);
      expect(bytes.equals(rows[0]!.stamp_data)).toBe(true);
      expect(zlib.gunzipSync(bytes).subarray(0, 6).toString()).toBe("SIMPLE");
      expect(response.headers.get("etag")).toBeTruthy();
    }
  });

  it("get_stamp format=png renders the stamp (63x63, scaled on request)", async () => {
    const plain = Buffer.from(
      await (await fetch(url("get_stamp", `oid=${SAMPLE_OID}&candid=${SAMPLE_CANDID}&type=difference&format=png`))).arrayBuffer(),
    );
    expect(pngSize(plain)).toEqual({ width: 63, height: 63 });
    const big = await fetch(url("get_stamp", `oid=${SAMPLE_OID}&candid=${SAMPLE_CANDID}&type=science&format=png&scale=4&stretch=asinh`));
    expect(big.headers.get("content-type")).toBe("image/png");
    expect(pngSize(Buffer.from(await big.arrayBuffer()))).toEqual({ width: 252, height: 252 });
  });

  it("get_avro returns an Avro file that reads back as the same alert, cutouts included", async () => {
    const response = await fetch(url("get_avro", `oid=${SAMPLE_OID}&candid=${SAMPLE_CANDID}`));
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const { alerts } = readAlertFile(bytes, "get_avro");
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!.alert;
    expect(alert.objectId).toBe(SAMPLE_OID);
    expect(alert.candid.toString()).toBe(SAMPLE_CANDID);
    const { rows } = await api.db.pool.query<{ kind: "science" | "template" | "difference"; stamp_data: Buffer }>(
      "select kind, stamp_data from cutout where candid = $1",
      [SAMPLE_CANDID],
    );
    for (const row of rows) expect(alert.cutouts[row.kind]?.stampData.equals(row.stamp_data)).toBe(true);
    const { rows: det } = await api.db.pool.query<{ n: number }>("select count(*)::int as n from detection where parent_candid = $1", [
      SAMPLE_CANDID,
    ]);
    expect(alert.prvCandidates.filter((p) => p.candid !== null).length).toBe(det[0]!.n);
  });

  it("get_alert (and ALeRCE's get_avro_info) return the record as JSON with 64-bit integers as strings, without cutouts", async () => {
    for (const route of ["get_alert", "get_avro_info"]) {
      const body = (await (await fetch(url(route, `oid=${SAMPLE_OID}&candid=${SAMPLE_CANDID}`))).json()) as Record<string, unknown> & {
        candidate: Record<string, unknown>;
      };
      expect(body.objectId).toBe(SAMPLE_OID);
      expect(body.candid).toBe(SAMPLE_CANDID);
      expect(body.candidate.candid).toBe(SAMPLE_CANDID);
      expect(typeof body.candidate.pid).toBe("string");
      expect(Array.isArray(body.prv_candidates)).toBe(true);
      expect(body).not.toHaveProperty("cutoutScience");
    }
  });

  it("accepts the negative candids of the 2016 IPAC test packets (their stamps are JPEG, their Avro is stored)", async () => {
    const ipac = "oid=ZTF18aaaaaac&candid=-121540793515135000";
    const stamp = await fetch(url("get_stamp", `${ipac}&type=science&format=png`));
    expect(stamp.status).toBe(200);
    expect(stamp.headers.get("content-type")).toBe("image/jpeg");
    const avro = await fetch(url("get_avro", ipac));
    expect(avro.status).toBe(200);
    expect((await fetch(url("get_avro", "oid=ZTF18aaaaaac&candid=0"))).status).toBe(400);
  });

  it("unknown alerts are 404 {message}; an alert asked for under another object is unknown; bad params are 400", async () => {
    const missing = await fetch(url("get_avro", `oid=${SAMPLE_OID}&candid=1`));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: "AVRO not found", code: "not_found" });
    expect((await fetch(url("get_stamp", `oid=ZTF18aaaaaaa&candid=${SAMPLE_CANDID}&type=science&format=fits`))).status).toBe(404);
    const bad = await fetch(url("get_stamp", `oid=${SAMPLE_OID}&candid=abc&type=sky&format=gif`));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: Record<string, string>; message: string };
    expect(Object.keys(body.errors).sort()).toEqual(["candid", "format", "type"]);
    expect(body.message).toBe("Input payload validation failed");
  });
});
