import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAvroContainer } from "../avro/read-avro-container";
import { ALERT_FIXTURES_DIR, type AlertFixture, loadAlertFixtures } from "../../tests/support/alert-fixtures";
import {
  detectCutoutFormat,
  isdiffposSign,
  isPrvDetection,
  isPrvUpperLimit,
  jdToMjd,
  parseZtfAlert,
  type ZtfAlert,
  ZtfAlertError,
} from "./ztf-alert";

const fixtures = loadAlertFixtures();
const alertFixtures = fixtures.filter((f) => f.nAlerts > 0);

function decodeOnly(relativePath: string): { alert: ZtfAlert; record: Record<string, unknown> } {
  const { records } = readAvroContainer(fs.readFileSync(path.join(ALERT_FIXTURES_DIR, relativePath)));
  const record = records[0] as Record<string, unknown>;
  return { alert: parseZtfAlert(record), record };
}

/** v3.5 packets carry forced photometry in prv_candidates; parseZtfAlert moves it to fpHists. */
const isV35 = (f: AlertFixture) => f.schemavsn === "3.5";

describe("bundled fixtures", () => {
  it("are the files the manifest lists, byte for byte", () => {
    const onDisk = fs.readdirSync(ALERT_FIXTURES_DIR, { recursive: true, encoding: "utf8" }).filter((p) => p.endsWith(".avro"));
    expect(new Set(onDisk)).toEqual(new Set(fixtures.map((f) => f.fixturePath)));
    for (const f of fixtures) {
      const bytes = fs.readFileSync(f.absolutePath);
      expect(bytes.length, f.fixturePath).toBe(f.bytes);
      expect(crypto.createHash("sha1").update(bytes).digest("hex"), f.fixturePath).toBe(f.sha1);
    }
  });

  it("include the whole 2018-11-29 night, the 7 malformed files and every schema family", () => {
    expect(fixtures.filter((f) => f.fixturePath.startsWith("night-2018-11-29/"))).toHaveLength(375);
    expect(fixtures.filter((f) => f.fixturePath.startsWith("malformed/"))).toHaveLength(7);
    const versions = new Set(alertFixtures.map((f) => f.schemavsn));
    for (const v of ["(no schemavsn field)", "2.0", "3.0", "3.1", "3.2", "3.3", "3.5", "4.01", "4.02"]) expect(versions).toContain(v);
    expect(alertFixtures.some((f) => f.writerSchemaName === "topLevelRecord")).toBe(true);
  });
});

describe("parseZtfAlert over every fixture, against MANIFEST.tsv", () => {
  it.each(alertFixtures.map((f) => [f.fixturePath, f] as const))("%s", (_name, f) => {
    const container = readAvroContainer(fs.readFileSync(f.absolutePath));
    expect(container.records).toHaveLength(f.nAlerts);
    expect(container.codec).toBe(f.codec);
    expect(container.schemaName).toBe(f.writerSchemaName);
    const alert = parseZtfAlert(container.records[0]);

    expect(alert.objectId).toBe(f.objectId);
    expect(alert.candid.toString()).toBe(f.candid);
    expect(alert.candidate.candid?.toString()).toBe(f.candid);
    expect(alert.candidate.jd).toBeCloseTo(f.jd ?? Number.NaN, 6);
    expect(alert.schemavsn ?? "(no schemavsn field)").toBe(f.schemavsn);
    expect(alert.candidate.magpsf).toBeGreaterThan(5);
    expect(alert.candidate.magpsf).toBeLessThan(30);
    expect(alert.candidate.sigmapsf).toBeGreaterThan(0);
    expect([1, 2, 3]).toContain(alert.candidate.fid);
    expect([1, -1]).toContain(isdiffposSign(alert.candidate.isdiffpos));

    const sizes = [alert.cutouts.science, alert.cutouts.template, alert.cutouts.difference].map((c) => c?.stampData.length ?? 0);
    expect(sizes).toEqual(f.cutoutBytes);
    for (const cutout of [alert.cutouts.science, alert.cutouts.template, alert.cutouts.difference]) {
      if (!cutout) continue;
      // ZTF stamps are gzipped FITS; only the 2016 IPAC pre-survey test packets carry JPEGs.
      expect(detectCutoutFormat(cutout.stampData)).toBe(f.set === "ampel_ipac_2016-09-01" ? "jpeg" : "fits.gz");
      expect(cutout.fileName).not.toBe("");
    }

    const detections = alert.prvCandidates.filter(isPrvDetection).length;
    const upperLimits = alert.prvCandidates.filter(isPrvUpperLimit).length;
    expect(detections).toBe(f.nPrvDetections);
    if (isV35(f)) {
      expect(alert.prvCandidates).toHaveLength(0);
      expect(alert.fpHists).toHaveLength(f.nPrvCandidates ?? -1);
    } else {
      expect(alert.prvCandidates).toHaveLength(f.nPrvCandidates ?? -1);
      expect(detections + upperLimits).toBe(f.nPrvCandidates);
      expect(alert.fpHists).toHaveLength(f.nFpHists ?? 0);
    }
  });

  it("covers the 22 ztf-avro-alert samples, the Fink topLevelRecord files and 4.0x files with fp_hists", () => {
    expect(alertFixtures.filter((f) => f.set === "ztf-avro-alert")).toHaveLength(22);
    expect(alertFixtures.filter((f) => f.writerSchemaName === "topLevelRecord").length).toBeGreaterThanOrEqual(10);
    expect(alertFixtures.filter((f) => (f.nFpHists ?? 0) > 0).length).toBeGreaterThanOrEqual(4);
  });
});

describe("parseZtfAlert details", () => {
  it("reads the same alert (ZTF17aaajnnn, candid 472263571115115000) identically at schema 3.0 .. 3.3", () => {
    const versions = ["v3.0", "v3.1", "v3.2", "v3.3"].map((v) => decodeOnly(`samples/ztf-avro-alert/${v}_472263571115115000.avro`).alert);
    expect(versions.map((a) => a.schemavsn)).toEqual(["3.0", "3.1", "3.2", "3.3"]);
    for (const alert of versions) {
      expect(alert.objectId).toBe("ZTF17aaajnnn");
      expect(alert.candid).toBe(472263571115115000n);
      expect(alert.candidate.ra).toBe(179.6402013);
      expect(alert.candidate.dec).toBe(52.0297203);
      expect(alert.candidate.magpsf).toBeCloseTo(18.36185646, 7);
      expect(alert.cutouts.science?.stampData.equals(versions[0]!.cutouts.science!.stampData)).toBe(true);
    }
  });

  it("types ids as exact bigints, other numbers as numbers, and ZTF null sentinels as null", () => {
    const { alert, record } = decodeOnly("samples/ztf-avro-alert/v3.3_472263571115115000.avro");
    const c = alert.candidate;
    expect(c.pid).toBe(472263571115n);
    expect(c.objectidps1).toBe(170431796402626366n);
    expect(c.rfid).toBe(789120211n);
    expect(c.tblid).toBe(0n);
    expect(c.nid).toBe(472);
    expect(c.isdiffpos).toBe("t");
    expect(isdiffposSign(c.isdiffpos)).toBe(1);
    // -999 = "no such neighbour" in ZTF packets; the string "null" likewise.
    expect((record.candidate as Record<string, unknown>).ssdistnr).toBe(-999);
    expect(c.ssdistnr).toBeNull();
    expect(c.sgmag3).toBeNull();
    expect(c.ssnamenr).toBeNull();
    expect(c.drbversion).toBe("d6_m7");
    expect(jdToMjd(c.jd)).toBeCloseTo(58226.2635764, 7);
  });

  it("turns ints a writer declared as long (Fink snappy file) into numbers", () => {
    const { alert, record } = decodeOnly("samples/fink-broker_spark-rewritten_v4.02/3213262934615015018.avro");
    expect((record.candidate as Record<string, unknown>).fid).toBe(2n);
    expect(alert.candidate.fid).toBe(2);
    expect(typeof alert.candidate.nid).toBe("number");
    expect(alert.candidate.candid).toBe(3213262934615015018n);
  });

  it("keeps fields it does not know (old schema 1.3 sgmag..) and leaves absent known fields undefined", () => {
    const { alert } = decodeOnly("samples/ampel_ipac_2016-09-01/121540793515135006.avro");
    expect(alert.candid).toBe(-121540793515135006n); // pre-survey test packets have negative candids
    expect(alert.schemavsn).toBeNull();
    expect("sgmag" in alert.candidate).toBe(true);
    expect(alert.candidate.drb).toBeUndefined();
  });

  it("moves schema 3.5 forced photometry out of prv_candidates into fpHists", () => {
    const { alert } = decodeOnly("samples/ztf-avro-alert/v3.5_forcedphot_test_1660293514215020000.avro");
    expect(alert.prvCandidates).toEqual([]);
    expect(alert.fpHists).toHaveLength(18);
    const [first] = alert.fpHists;
    expect(first?.pid).toBe(1660270044215n);
    expect(first?.forcediffimflux).toBeCloseTo(-1375.994385, 5);
    expect(first?.ranr).toBeCloseTo(275.3377088, 7);
  });

  it("turns forced photometry's -99999 'no measurement' into null", () => {
    const { alert, record } = decodeOnly("samples/kowalski_2023-10-12/2475433850315015009.avro");
    expect((record.fp_hists as Record<string, unknown>[])[0]?.forcediffimflux).toBe(-99999);
    expect(alert.fpHists[0]?.forcediffimflux).toBeNull();
    expect(alert.fpHists[0]?.ranr).toBeNull();
    expect(alert.fpHists[0]?.pid).toBeTypeOf("bigint");
  });

  it("reads 4.0x fp_hists", () => {
    const { alert } = decodeOnly("samples/boom/2695378462115010012.avro");
    expect(alert.fpHists.length).toBeGreaterThan(0);
    for (const fp of alert.fpHists) {
      expect(typeof fp.pid).toBe("bigint");
      expect(fp.jd).toBeLessThanOrEqual(alert.candidate.jd);
    }
  });
});

describe("parseZtfAlert rejects what is not a usable alert", () => {
  const { record } = decodeOnly("samples/kowalski_2023-10-12/2475433850415015002.avro");
  const candidate = record.candidate as Record<string, unknown>;
  const prv = record.prv_candidates as Record<string, unknown>[];

  const rejection = (bad: unknown): ZtfAlertError => {
    try {
      parseZtfAlert(bad);
    } catch (error) {
      if (error instanceof ZtfAlertError) return error;
      throw error;
    }
    throw new Error("parseZtfAlert accepted the record");
  };

  it("names the missing or invalid field", () => {
    expect(rejection({ ...record, candidate: { ...candidate, magpsf: null } }).path).toBe("candidate.magpsf");
    expect(rejection({ ...record, candidate: { ...candidate, ra: Number.NaN } }).path).toBe("candidate.ra");
    const { jd: _jd, ...withoutJd } = candidate;
    const noJd = rejection({ ...record, candidate: withoutJd });
    expect(noJd.path).toBe("candidate.jd");
    expect(noJd.message).toMatch(/ZTF19aciwwya candid 2475433850415015002: candidate\.jd: expected a number .* got nothing/);
    expect(rejection({ ...record, objectId: "not-an-oid" }).path).toBe("objectId");
    expect(rejection({ ...record, candid: null }).path).toBe("candid");
    expect(rejection({ ...record, candidate: null }).path).toBe("candidate");
    expect(rejection({ ...record, candidate: { ...candidate, isdiffpos: "maybe" } }).path).toBe("candidate.isdiffpos");
    expect(rejection({ ...record, candidate: { ...candidate, pid: 1.5 } }).path).toBe("candidate.pid");
    const badPrv = prv.map((p, i) => (i === 2 ? { ...p, jd: "yesterday" } : p));
    expect(rejection({ ...record, prv_candidates: badPrv }).path).toBe("prv_candidates[2].jd");
    expect(rejection({ ...record, prv_candidates: "none" }).path).toBe("prv_candidates");
    expect(rejection("an alert").path).toBe("");
  });

  it("accepts null / absent prv_candidates and fp_hists as empty", () => {
    const alert = parseZtfAlert({ ...record, prv_candidates: null, fp_hists: undefined });
    expect(alert.prvCandidates).toEqual([]);
    expect(alert.fpHists).toEqual([]);
  });
});
