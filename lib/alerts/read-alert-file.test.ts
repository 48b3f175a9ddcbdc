import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileAvroSchema } from "../avro/avro-schema";
import { readAvroContainer } from "../avro/read-avro-container";
import { writeAvroContainer } from "../avro/write-avro-container";
import { ALERT_FIXTURES_DIR, loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { readAlertFile } from "./read-alert-file";

const fixtures = loadAlertFixtures();
const read = (relativePath: string) => fs.readFileSync(path.join(ALERT_FIXTURES_DIR, relativePath));

describe("readAlertFile", () => {
  it("decodes the whole 2018-11-29 night: 375 alerts of 374 objects, nothing rejected", () => {
    const night = fixtures.filter((f) => f.fixturePath.startsWith("night-2018-11-29/"));
    const decoded = night.flatMap((f) => {
      const result = readAlertFile(fs.readFileSync(f.absolutePath), f.fixturePath);
      expect(result.rejected).toEqual([]);
      return result.alerts;
    });
    expect(decoded).toHaveLength(375);
    expect(new Set(decoded.map((d) => d.alert.objectId)).size).toBe(374);
    expect(new Set(decoded.map((d) => d.schemaFingerprint)).size).toBe(1);
    expect(decoded.every((d) => d.cutoutsStripped && d.schemaName === "ztf.alert")).toBe(true);
    const mjds = decoded.map((d) => d.alert.candidate.jd - 2400000.5);
    expect(Math.min(...mjds)).toBeGreaterThan(58451.25);
    expect(Math.max(...mjds)).toBeLessThan(58451.26);
  });

  it("returns the schema and the record without cutouts beside the alert", () => {
    const { alerts } = readAlertFile(read("samples/boom/2695378462115010012.avro"), "boom.avro");
    const [decoded] = alerts;
    expect(decoded?.schemaJson).toContain('"fp_hists"');
    expect(decoded?.schemaFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(decoded?.alert.cutouts.science?.stampData.length).toBeGreaterThan(10_000);
    const record = compileAvroSchema(decoded!.schemaJson).type.fromBuffer(decoded!.recordWithoutCutouts);
    expect(record).toMatchObject({ candid: 2695378462115010012n, cutoutScience: null, cutoutTemplate: null, cutoutDifference: null });
  });

  it("rejects a truncated file as a whole with the container's message", () => {
    const result = readAlertFile(read("malformed/516401801315010009.avro"), "516401801315010009.avro");
    expect(result.alerts).toEqual([]);
    expect(result.rejected).toEqual([{ index: null, code: "truncated", reason: expect.stringMatching(/truncated.*sync marker/) }]);
  });

  it("rejects garbage and empty input with a clear reason", () => {
    expect(readAlertFile(Buffer.from("PK\u0003\u0004 this is a zip"), "x.avro").rejected).toEqual([
      { index: null, code: "not_avro", reason: expect.stringMatching(/^Not an Avro container/) },
    ]);
    expect(readAlertFile(Buffer.alloc(0), "empty.avro").rejected[0]?.reason).toMatch(/empty/);
  });

  it("rejects only the bad record of a multi-record file", () => {
    const a = readAvroContainer(read("samples/ampel_ZTF18abxhyqv_nocutouts/879461413115015009.avro"));
    const b = readAvroContainer(read("samples/ampel_ZTF18abxhyqv_nocutouts/882463993115015007.avro"));
    expect(b.schemaJson).toBe(a.schemaJson);
    const good = a.records[0] as Record<string, unknown>;
    const bad = { ...(b.records[0] as Record<string, unknown>), objectId: "ZTF18?" };
    const result = readAlertFile(writeAvroContainer(a.schemaJson, [good, bad, good]), "three.avro");
    expect(result.alerts.map((d) => d.alert.objectId)).toEqual(["ZTF18abxhyqv", "ZTF18abxhyqv"]);
    expect(result.rejected).toEqual([
      { index: 1, code: "invalid_alert", reason: expect.stringMatching(/objectId: expected a ZTF object id/) },
    ]);
  });
});
