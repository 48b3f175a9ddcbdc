import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileAvroSchema } from "../avro/avro-schema";
import { readAvroContainer } from "../avro/read-avro-container";
import { rebuildAlertAvro, splitAlertPacket, splitAlertRecordBytes } from "./alert-packet";
import { ALERT_FIXTURES_DIR, loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { parseZtfAlert } from "./ztf-alert";
import { readLsstAlertBytes } from "../lsst/read-lsst-alert-bytes";

const ROUND_TRIP_FILES = [
  "samples/ztf-avro-alert/vpre2.0_396522680015020000.avro", // schema 1.7, no schemavsn
  "samples/ampel_ipac_2016-09-01/121540793515135006.avro", // schema 1.3, JPEG stamps
  "samples/ztf-avro-alert/v2.0_472263571115095000.avro",
  "samples/ztf-avro-alert/v3.3_472263571115115000.avro",
  "night-2018-11-29/697251920015010010.avro", // 3.1 writer schema
  "samples/ztf-avro-alert/v3.5_1661382530015060001.avro",
  "samples/kowalski_2023-10-12/2475433850315015009.avro", // 4.01, fp_hists
  "samples/boom/2695378462115010012.avro", // 4.02
  "samples/fink-broker_spark-rewritten_v4.02/2481490355715010000.avro", // Fink topLevelRecord + timestamp
  "samples/fink-broker_spark-rewritten_v4.02/3213262934615015018.avro", // Fink, snappy
  "samples/ampel_ZTF18abxhyqv_nocutouts/673285273115015035.avro", // cutouts already null
];

describe("splitAlertPacket / rebuildAlertAvro", () => {
  it.each(ROUND_TRIP_FILES)("round-trips %s", (relativePath) => {
    const original = readAvroContainer(fs.readFileSync(path.join(ALERT_FIXTURES_DIR, relativePath)));
    const record = original.records[0];
    const alert = parseZtfAlert(record);

    const { recordWithoutCutouts, cutoutsStripped } = splitAlertPacket(record, original.schemaJson);
    expect(cutoutsStripped).toBe(true);
    const { type } = compileAvroSchema(original.schemaJson);
    const strippedAlert = parseZtfAlert(type.fromBuffer(recordWithoutCutouts));
    expect(strippedAlert.cutouts).toEqual({ science: null, template: null, difference: null });
    expect({ ...strippedAlert, cutouts: alert.cutouts }).toEqual(alert);
    const cutoutBytes = [alert.cutouts.science, alert.cutouts.template, alert.cutouts.difference].reduce(
      (n, c) => n + (c?.stampData.length ?? 0),
      0,
    );
    expect(recordWithoutCutouts.length).toBeLessThanOrEqual(type.toBuffer(record).length - cutoutBytes);

    const rebuilt = readAvroContainer(rebuildAlertAvro(recordWithoutCutouts, original.schemaJson, alert.cutouts));
    expect(rebuilt.schemaFingerprint).toBe(original.schemaFingerprint);
    expect(parseZtfAlert(rebuilt.records[0])).toEqual(alert);
    // Same writer-schema encoding, byte for byte, as the original record.
    expect(type.toBuffer(rebuilt.records[0]).equals(type.toBuffer(record))).toBe(true);
  });

  it("keeps cutouts inline when the writer schema does not allow null for them", () => {
    const schema = {
      type: "record",
      name: "alert",
      namespace: "test",
      fields: [
        { name: "objectId", type: "string" },
        {
          name: "cutoutScience",
          type: {
            type: "record",
            name: "cutout",
            fields: [
              { name: "fileName", type: "string" },
              { name: "stampData", type: "bytes" },
            ],
          },
        },
        { name: "cutoutTemplate", type: ["null", "test.cutout"] },
      ],
    };
    const schemaJson = JSON.stringify(schema);
    const cutout = { fileName: "sci.fits.gz", stampData: Buffer.from([0x1f, 0x8b, 8, 0]) };
    const record = { objectId: "ZTF18abxhyqv", cutoutScience: cutout, cutoutTemplate: { ...cutout, fileName: "ref.fits.gz" } };
    const { recordWithoutCutouts, cutoutsStripped } = splitAlertPacket(record, schemaJson);
    expect(cutoutsStripped).toBe(false);
    const stripped = compileAvroSchema(schemaJson).type.fromBuffer(recordWithoutCutouts) as typeof record;
    expect(stripped?.cutoutScience.fileName).toBe("sci.fits.gz");
    expect(stripped?.cutoutTemplate).toBeNull();
    const [rebuilt] = readAvroContainer(
      rebuildAlertAvro(recordWithoutCutouts, schemaJson, {
        science: null,
        template: { fileName: "ref.fits.gz", stampData: Buffer.from([0x1f, 0x8b, 8, 0]) },
        difference: null,
      }),
    ).records;
    expect(rebuilt).toEqual(record);
  });

  it("refuses bytes that are not a record of the writer schema", () => {
    const original = readAvroContainer(fs.readFileSync(path.join(ALERT_FIXTURES_DIR, ROUND_TRIP_FILES[3]!)));
    expect(() =>
      rebuildAlertAvro(Buffer.from([1, 2, 3]), original.schemaJson, { science: null, template: null, difference: null }),
    ).toThrow(/does not decode under its writer schema/);
  });

  it("slicing the record's bytes gives what re-encoding gives, on every bundled alert", () => {
    let sliced = 0;
    let records = 0;
    const fellBack = new Set<string>();
    for (const fixture of loadAlertFixtures().filter((f) => f.nAlerts > 0)) {
      const container = readAvroContainer(fs.readFileSync(fixture.absolutePath));
      const { type } = compileAvroSchema(container.schemaJson);
      container.records.forEach((value, index) => {
        records += 1;
        const record = value as Record<string, unknown>;
        const reEncoded = splitAlertPacket(record, container.schemaJson);
        const before = parseZtfAlert(record);
        const split = splitAlertRecordBytes(container.recordBytes[index]!, record, type);
        if (!split) {
          fellBack.add(path.basename(path.dirname(fixture.absolutePath)));
          return;
        }
        sliced += 1;
        expect(split.cutoutsStripped).toBe(reEncoded.cutoutsStripped);
        // Byte for byte (the writers' encodings are canonical), so stored packets do not change.
        expect(split.recordWithoutCutouts.equals(reEncoded.recordWithoutCutouts)).toBe(true);
        // The cutouts now view the record's bytes, with the same content.
        const after = parseZtfAlert(record);
        for (const kind of ["science", "template", "difference"] as const) {
          const [a, b] = [before.cutouts[kind], after.cutouts[kind]];
          expect(b?.fileName).toBe(a?.fileName);
          if (a && b) {
            expect(b.stampData.equals(a.stampData)).toBe(true);
            expect(b.stampData.buffer).toBe(container.recordBytes[index]!.buffer);
          }
        }
      });
    }
    // ZTF's own schemas end with the cutouts; Fink's Spark-rewritten files make every cutout
    // sub-field nullable, so they take the re-encoding path.
    expect(records).toBeGreaterThan(300);
    expect(sliced).toBeGreaterThan(400);
    expect([...fellBack]).toEqual(["fink-broker_spark-rewritten_v4.02"]);
  });

  it("slices Rubin's alerts too (cutouts last, alphabetical, plain bytes), byte for byte as re-encoding", () => {
    const dir = path.resolve(ALERT_FIXTURES_DIR, "../lsst/real");
    const files = fs.readdirSync(dir).filter((name) => name.endsWith(".avro"));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const raw = readLsstAlertBytes(fs.readFileSync(path.join(dir, name)));
      const { type } = compileAvroSchema(raw.schemaJson);
      raw.records.forEach((value, index) => {
        const record = value as Record<string, Buffer | null>;
        const cutouts = [record.cutoutScience, record.cutoutTemplate, record.cutoutDifference].map((c) => c && Buffer.from(c));
        const reEncoded = splitAlertPacket(record, raw.schemaJson);
        const split = splitAlertRecordBytes(raw.recordBytes[index]!, record, type);
        expect(split?.recordWithoutCutouts.equals(reEncoded.recordWithoutCutouts)).toBe(true);
        [record.cutoutScience, record.cutoutTemplate, record.cutoutDifference].forEach((view, i) => {
          expect(view?.equals(cutouts[i]!)).toBe(true);
          expect(view?.buffer).toBe(raw.recordBytes[index]!.buffer);
        });
      });
    }
  });

  it("falls back (null) when the schema does not end with the cutouts", () => {
    const schema = {
      type: "record",
      name: "alert",
      namespace: "test",
      fields: [
        { name: "cutoutScience", type: ["null", "bytes"] },
        { name: "cutoutTemplate", type: ["null", "bytes"] },
        { name: "cutoutDifference", type: ["null", "bytes"] },
        { name: "objectId", type: "string" },
      ],
    };
    const { type } = compileAvroSchema(JSON.stringify(schema));
    const record = { cutoutScience: Buffer.from([1]), cutoutTemplate: null, cutoutDifference: null, objectId: "ZTF18abxhyqv" };
    expect(splitAlertRecordBytes(type.toBuffer(record), record, type)).toBeNull();
    const last = { ...schema, fields: [schema.fields[3]!, ...schema.fields.slice(0, 3)] };
    const lastType = compileAvroSchema(JSON.stringify(last)).type;
    const split = splitAlertRecordBytes(lastType.toBuffer(record), { ...record }, lastType);
    expect(split?.recordWithoutCutouts.equals(splitAlertPacket(record, JSON.stringify(last)).recordWithoutCutouts)).toBe(true);
    // Bytes that do not match the decoded record are refused rather than cut wrongly.
    expect(splitAlertRecordBytes(Buffer.concat([lastType.toBuffer(record), Buffer.from([0])]), { ...record }, lastType)).toBeNull();
  });
});
