import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR, loadAlertFixtures } from "../../tests/support/alert-fixtures";
import { AvroContainerError, type AvroContainerErrorReason } from "./avro-container-error";
import { compileAvroSchema } from "./avro-schema";
import { readAvroContainer } from "./read-avro-container";
import { buildContainer } from "../../tests/support/avro-test-containers";

const fixture = (relativePath: string) => fs.readFileSync(path.join(ALERT_FIXTURES_DIR, relativePath));
const V33_FILE = "samples/ztf-avro-alert/v3.3_472263571115115000.avro";
const SNAPPY_FILE = "samples/fink-broker_spark-rewritten_v4.02/3213262934615015018.avro";

function containerError(fn: () => unknown): AvroContainerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AvroContainerError) return error;
    throw error;
  }
  throw new Error("expected an AvroContainerError, nothing was thrown");
}

function expectReason(fn: () => unknown, reason: AvroContainerErrorReason, message?: RegExp): AvroContainerError {
  const error = containerError(fn);
  expect(error.reason).toBe(reason);
  if (message) expect(error.message).toMatch(message);
  return error;
}

/** The single data block of a real single-block fixture, found by re-reading its framing. */
function realSchemaAndRecordBytes(relativePath: string): { schemaJson: string; data: Buffer } {
  const bytes = fixture(relativePath);
  const { schemaJson, records } = readAvroContainer(bytes);
  const { type } = compileAvroSchema(schemaJson);
  return { schemaJson, data: Buffer.concat(records.map((r) => type.toBuffer(r))) };
}

describe("readAvroContainer on real alerts", () => {
  it("reads the header, codec, fingerprint and exact 64-bit longs", () => {
    const container = readAvroContainer(fixture(V33_FILE));
    expect(container.codec).toBe("null");
    expect(container.schemaName).toBe("ztf.alert");
    expect(container.schemaFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(container.schemaJson)).toEqual(container.writerSchema);
    expect(container.records).toHaveLength(1);
    const record = container.records[0] as { candid: unknown; candidate: { objectidps1: unknown; fid: unknown } };
    expect(record.candid).toBe(472263571115115000n);
    expect(record.candidate.objectidps1).toBe(170431796402626366n);
    expect(record.candidate.fid).toBe(2);
  });

  it("decodes the snappy-compressed Fink file (Spark's default codec)", () => {
    const container = readAvroContainer(fixture(SNAPPY_FILE));
    expect(container.codec).toBe("snappy");
    const record = container.records[0] as { objectId: string; candid: bigint };
    expect(record.objectId).toBe("ZTF17aaawgox");
    expect(record.candid).toBe(3213262934615015018n);
  });

  it("reuses the compiled schema for every file sharing it", () => {
    const night = loadAlertFixtures().filter((f) => f.fixturePath.startsWith("night-2018-11-29/"));
    const fingerprints = new Set(night.slice(0, 50).map((f) => readAvroContainer(fs.readFileSync(f.absolutePath)).schemaFingerprint));
    expect(fingerprints.size).toBe(1);
    const [fingerprint] = fingerprints;
    const container = readAvroContainer(fs.readFileSync(night[0]!.absolutePath));
    expect(compileAvroSchema(container.schemaJson)).toBe(compileAvroSchema(container.schemaJson));
    expect(compileAvroSchema(container.schemaJson).fingerprint).toBe(fingerprint);
  });

  it("reads a deflate container to the same records as the null-codec original", () => {
    const { schemaJson, data } = realSchemaAndRecordBytes(V33_FILE);
    const deflated = buildContainer({ schemaJson, codec: "deflate", blocks: [{ count: 1, data: zlib.deflateRawSync(data) }] });
    const original = readAvroContainer(fixture(V33_FILE));
    const fromDeflate = readAvroContainer(deflated);
    expect(fromDeflate.codec).toBe("deflate");
    expect(fromDeflate.records).toEqual(original.records);
  });

  it("reads records spread over several blocks", () => {
    const { schemaJson, data } = realSchemaAndRecordBytes(V33_FILE);
    const container = readAvroContainer(
      buildContainer({
        schemaJson,
        blocks: [
          { count: 1, data },
          { count: 2, data: Buffer.concat([data, data]) },
        ],
      }),
    );
    expect(container.records).toHaveLength(3);
  });
});

describe("readAvroContainer errors", () => {
  const malformed = loadAlertFixtures().filter((f) => f.fixturePath.startsWith("malformed/"));

  it("has the 7 malformed fixtures", () => {
    expect(malformed).toHaveLength(7);
  });

  it.each(malformed.map((f) => [f.fixturePath, f.absolutePath, f.bytes] as const))(
    "%s is reported as truncated at the final sync marker",
    (_name, absolutePath, fileBytes) => {
      const error = expectReason(() => readAvroContainer(fs.readFileSync(absolutePath)), "truncated", /sync marker/);
      expect(error.message).toContain(`only 15 remain (file is ${fileBytes} bytes)`);
      expect(error.byteOffset).toBe(fileBytes - 15);
    },
  );

  it("rejects an empty buffer and random bytes as not Avro", () => {
    expectReason(() => readAvroContainer(Buffer.alloc(0)), "not_avro", /empty/);
    let seed = 12345;
    const garbage = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff));
    expectReason(() => readAvroContainer(garbage), "not_avro", /magic bytes/);
    expectReason(() => readAvroContainer(Buffer.from('{"objectId": "ZTF18abxhyqv"}')), "not_avro");
  });

  it("reports truncation anywhere: inside the magic, the header, a block's size or its data", () => {
    const bytes = fixture(V33_FILE);
    expectReason(() => readAvroContainer(bytes.subarray(0, 3)), "truncated", /magic/);
    expectReason(() => readAvroContainer(bytes.subarray(0, 200)), "truncated", /header metadata value "avro.schema"/);
    const cut = bytes.length - 1000;
    const error = expectReason(() => readAvroContainer(bytes.subarray(0, cut)), "truncated", /block 1 data/);
    expect(error.message).toContain(`file is ${cut} bytes`);
  });

  it("detects a damaged sync marker", () => {
    const bytes = Buffer.from(fixture(V33_FILE));
    bytes[bytes.length - 3] = (bytes[bytes.length - 3]! + 1) & 0xff;
    expectReason(() => readAvroContainer(bytes), "sync_mismatch", /block 1/);
  });

  it("names an unsupported codec", () => {
    const { schemaJson, data } = realSchemaAndRecordBytes(V33_FILE);
    expectReason(
      () => readAvroContainer(buildContainer({ schemaJson, codec: "zstandard", blocks: [{ count: 1, data }] })),
      "unsupported_codec",
      /"zstandard"/,
    );
  });

  it("reports a corrupt compressed block (bad deflate data, bad snappy CRC)", () => {
    const { schemaJson, data } = realSchemaAndRecordBytes(V33_FILE);
    expectReason(() => readAvroContainer(buildContainer({ schemaJson, codec: "deflate", blocks: [{ count: 1, data }] })), "corrupt_block");
    const snappy = Buffer.from(fixture(SNAPPY_FILE));
    snappy[snappy.length - 17] = (snappy[snappy.length - 17]! + 1) & 0xff; // last CRC byte
    expectReason(() => readAvroContainer(snappy), "corrupt_block", /CRC/);
  });

  it("reports records that do not fit their block", () => {
    const { schemaJson, data } = realSchemaAndRecordBytes(V33_FILE);
    expectReason(
      () => readAvroContainer(buildContainer({ schemaJson, blocks: [{ count: 2, data }] })),
      "record_decode_failed",
      /record 2 of 2/,
    );
    const padded = Buffer.concat([data, Buffer.from([0, 0])]);
    expectReason(
      () => readAvroContainer(buildContainer({ schemaJson, blocks: [{ count: 1, data: padded }] })),
      "record_decode_failed",
      /2 bytes left over/,
    );
  });

  it("rejects a container without records unless allowed", () => {
    const { schemaJson } = realSchemaAndRecordBytes(V33_FILE);
    const empty = buildContainer({ schemaJson, blocks: [] });
    expectReason(() => readAvroContainer(empty), "no_records");
    expect(readAvroContainer(empty, { allowEmpty: true }).records).toEqual([]);
  });

  it("reports an invalid embedded schema", () => {
    expectReason(() => readAvroContainer(buildContainer({ schemaJson: "{not json", blocks: [] })), "invalid_schema", /not valid JSON/);
    expectReason(() => readAvroContainer(buildContainer({ schemaJson: '{"type": "nope"}', blocks: [] })), "invalid_schema");
  });
});
