// ALeRCE's Python client's requests (emulated with python3-requests: the client is not packaged
// in Debian) against the API routes on the sample alerts.
import { execFile, execFileSync } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { SAMPLE_OID, withApiTestServer } from "./support/api-fixture";

function hasPythonRequests(): boolean {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import requests"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const READY = hasPythonRequests();

describe.skipIf(!READY)(
  READY
    ? "ALeRCE client compatibility (its requests, replayed)"
    : "SKIPPED: /usr/bin/python3 with requests is missing (apt-get install python3-requests)",
  () => {
    const api = withApiTestServer();

    it("every ZTF call and the stamps flow give what the client expects, matching the database", async () => {
      const { stdout } = await promisify(execFile)(
        "/usr/bin/python3",
        [path.join(import.meta.dirname, "alerce-client-compat.py"), api.server.url, SAMPLE_OID],
        { timeout: 120_000 },
      );
      const s = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
      const q = async (sql: string, params: unknown[] = []) => (await api.db.pool.query(sql, params)).rows;
      const sn = await q(
        "select oid from probability where classifier_name = 'stamp_classifier' and class_name = 'SN' and ranking = 1 and probability >= 0.3 order by probability desc, oid limit 5",
      );
      expect(s.sn_oids).toEqual(sn.map((r) => r.oid));
      const counts = (
        await q(
          "select (select count(*) from detection where oid = $1)::int as d, (select count(*) from non_detection where oid = $1)::int as n",
          [SAMPLE_OID],
        )
      )[0]!;
      expect(s.lightcurve).toEqual([counts.d, counts.n]);
      expect(s.detections).toBe(counts.d);
      expect(s.cone).toContain(SAMPLE_OID);
      expect(s.oid_list).toEqual([SAMPLE_OID, "ZTF20aaelulu"]);
      expect(s.classes).toEqual(["AGN", "SN", "VS", "asteroid", "bogus"]);
      expect(s.errors_ok).toBe(true);
      const first = (await q("select min(candid)::text as c from detection where oid = $1 and has_stamp", [SAMPLE_OID]))[0]!;
      expect(s.stamp_candid).toBe(first.c);
      expect(s.stamp_shapes).toEqual([
        [63, 63],
        [63, 63],
        [63, 63],
      ]);
      expect(s.avro_magic).toBe("Obj\u0001");
    });
  },
);
