import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { AvroContainerError } from "./avro-container-error";
import { readAvroContainer } from "./read-avro-container";
import { writeAvroContainer } from "./write-avro-container";

const fixtures = loadAlertFixtures().filter((f) => f.nAlerts > 0);
// One file per distinct writer schema: every ZTF version here plus the Fink variants.
const onePerSchema = [...new Map(fixtures.map((f) => [readAvroContainer(fs.readFileSync(f.absolutePath)).schemaFingerprint, f])).values()];

describe("writeAvroContainer", () => {
  it("covers many writer schemas", () => {
    expect(onePerSchema.length).toBeGreaterThanOrEqual(15);
  });

  it.each(onePerSchema.map((f) => [f.fixturePath, f.absolutePath] as const))("round-trips %s", (_name, absolutePath) => {
    const original = readAvroContainer(fs.readFileSync(absolutePath));
    const written = writeAvroContainer(original.schemaJson, original.records);
    const reread = readAvroContainer(written);
    expect(reread.codec).toBe("null");
    expect(reread.schemaJson).toBe(original.schemaJson);
    expect(reread.schemaFingerprint).toBe(original.schemaFingerprint);
    expect(reread.records).toEqual(original.records);
    // Same records, same bytes: the default sync marker is derived from the data.
    expect(writeAvroContainer(original.schemaJson, reread.records).equals(written)).toBe(true);
  });

  it("writes an empty container that reads back only with allowEmpty", () => {
    const [first] = onePerSchema;
    const { schemaJson } = readAvroContainer(fs.readFileSync(first!.absolutePath));
    const empty = writeAvroContainer(schemaJson, []);
    expect(readAvroContainer(empty, { allowEmpty: true }).records).toEqual([]);
  });

  it("refuses a record that does not match the schema", () => {
    const [first] = onePerSchema;
    const { schemaJson, records } = readAvroContainer(fs.readFileSync(first!.absolutePath));
    const broken = { ...(records[0] as object), candid: 1.5 };
    expect(() => writeAvroContainer(schemaJson, [broken])).toThrow(AvroContainerError);
    expect(() => writeAvroContainer(schemaJson, [broken])).toThrow(/record 1 does not match/);
  });
});
