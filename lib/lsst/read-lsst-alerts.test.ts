import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { avsc } from "../avro/avsc";
import { compileAvroSchema, stripAvroDefaults } from "../avro/avro-schema";
import { readAvroContainer } from "../avro/read-avro-container";
import { BUNDLED_LSST_SCHEMA_VERSIONS, bundledLsstSchemaJson, lsstSchemaId, parseLsstSchemaVersion } from "./lsst-schema-registry";
import { isLsstAlertBytes } from "./read-lsst-alert-bytes";
import { readLsstAlerts } from "./read-lsst-alerts";

const LSST_FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/lsst");
const SYNTHETIC = path.join(LSST_FIXTURES, "synthetic/alert_packet");
const WIRE = path.join(LSST_FIXTURES, "synthetic/pittgoogle-client");
const CONTAINER_VERSIONS = BUNDLED_LSST_SCHEMA_VERSIONS.filter((v) => v !== "11.1");
const WIRE_FILE_VERSIONS = ["7.0", "7.1", "7.2", "7.3", "7.4", "8.0", "9.0", "10.0", "11.0", "11.1"];
const underscored = (version: string) => version.replace(".", "_");

/** Rubin's sample JSON, read without our decoder: integers of 16+ digits kept as strings (they exceed 2^53). */
type SampleSource = Record<string, string | number | null>;
function readSampleJson(version: string): { diaSource: SampleSource; prvDiaSources: SampleSource[] } {
  const text = fs.readFileSync(path.join(SYNTHETIC, `alert_v${underscored(version)}.json`), "utf8");
  return JSON.parse(text.replace(/:\s*(-?\d{16,})\b/g, ': "$1"')) as { diaSource: SampleSource; prvDiaSources: SampleSource[] };
}
/** The JSON's field for a concept, whatever the schema version called it. */
const pick = (source: SampleSource, ...names: string[]) => names.map((n) => source[n]).find((v) => v !== undefined);

/** The sample as a Kafka message: 0x00, the id big-endian, the record encoded with its writer schema. */
function asWireMessage(version: string, record: unknown, schemaJson: string): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(lsstSchemaId(parseLsstSchemaVersion(version)!), 1);
  return Buffer.concat([header, compileAvroSchema(schemaJson).type.toBuffer(record)]);
}

function expectMatchesSampleJson(version: string, bytes: Buffer): void {
  const result = readLsstAlerts(bytes, version);
  expect(result.rejected).toEqual([]);
  expect(result.alerts).toHaveLength(1);
  const { alert } = result.alerts[0]!;
  expect(alert.schemaVersion).toBe(version === "11.1" ? "11.1" : version);
  const json = readSampleJson(version === "11.1" ? "11.0" : version);
  const sources = [[alert.diaSource, json.diaSource], ...alert.prvDiaSources.map((s, i) => [s, json.prvDiaSources[i]!] as const)] as const;
  expect(alert.prvDiaSources).toHaveLength(json.prvDiaSources.length);
  for (const [decoded, sample] of sources) {
    expect(decoded.diaSourceId.toString()).toBe(String(sample.diaSourceId));
    expect(decoded.midpointMjdTai).toBe(pick(sample, "midpointMjdTai", "midPointTai"));
    // Fluxes are Avro floats: the JSON's value rounded to 32 bits.
    expect(decoded.psfFlux).toBe(Math.fround(Number(pick(sample, "psfFlux", "psFlux"))));
    expect(decoded.psfFluxErr).toBe(Math.fround(Number(pick(sample, "psfFluxErr", "psFluxErr"))));
    expect(decoded.band).toBe(pick(sample, "band", "filterName") ?? null);
    expect(decoded.ra).toBe(sample.ra);
    expect(decoded.dec).toBe(pick(sample, "dec", "decl"));
  }
}

describe("LSST synthetic samples, every schema 3.0 … 11.1", () => {
  it.each(CONTAINER_VERSIONS)("schema %s as an Avro container equals the JSON it was made from", (version) => {
    const bytes = fs.readFileSync(path.join(SYNTHETIC, `fakeAlert_v${underscored(version)}.avro`));
    expect(isLsstAlertBytes(bytes)).toBe(true);
    expectMatchesSampleJson(version, bytes);
  });

  it.each(WIRE_FILE_VERSIONS)("schema %s as a Kafka wire-format message equals the JSON", (version) => {
    const bytes = fs.readFileSync(path.join(WIRE, `lsst.v${underscored(version)}.avro`));
    expect(bytes[0]).toBe(0);
    expect(bytes.readUInt32BE(1)).toBe(lsstSchemaId(parseLsstSchemaVersion(version)!));
    expectMatchesSampleJson(version, bytes);
  });

  it.each(CONTAINER_VERSIONS.filter((v) => !WIRE_FILE_VERSIONS.includes(v)))(
    "schema %s re-framed as a Kafka message (no such sample exists) decodes with the bundled schema",
    (version) => {
      const container = readAvroContainer(fs.readFileSync(path.join(SYNTHETIC, `fakeAlert_v${underscored(version)}.avro`)));
      expectMatchesSampleJson(version, asWireMessage(version, container.records[0], container.schemaJson));
    },
  );

  it.each(CONTAINER_VERSIONS)("the bundled schema %s is the sample container's writer schema without its docs", (version) => {
    const container = readAvroContainer(fs.readFileSync(path.join(SYNTHETIC, `fakeAlert_v${underscored(version)}.avro`)));
    const withoutDocs = (s: unknown): unknown =>
      Array.isArray(s)
        ? s.map(withoutDocs)
        : s !== null && typeof s === "object"
          ? Object.fromEntries(Object.entries(s).flatMap(([k, v]) => (k === "doc" ? [] : [[k, withoutDocs(v)]])))
          : s;
    const bundled = bundledLsstSchemaJson(lsstSchemaId(parseLsstSchemaVersion(version)!));
    expect(JSON.parse(bundled!)).toEqual(withoutDocs(container.writerSchema));
  });
});

describe("real LSSTCam alerts (schema 9.0, with cutouts)", () => {
  // Read with avsc alone from the original schema text (docs included), not through lib/lsst.
  const originalSchema = readAvroContainer(fs.readFileSync(path.join(LSST_FIXTURES, "real/alerce_sample_v9.avro"))).schemaJson;
  const independentType = avsc.Type.forSchema(stripAvroDefaults(JSON.parse(originalSchema)) as Parameters<typeof avsc.Type.forSchema>[0], {
    registry: {
      long: avsc.types.LongType.__with({
        fromBuffer: (b: Buffer) => b.readBigInt64LE(),
        toBuffer: () => Buffer.alloc(8),
        fromJSON: BigInt,
        toJSON: String,
        isValid: () => true,
        compare: () => 0,
      }),
    },
    wrapUnions: "auto",
  });

  it("the Kafka message from BOOM (0x00, id 900, one datum) decodes to the values avsc reads", () => {
    const bytes = fs.readFileSync(path.join(LSST_FIXTURES, "real/boom_7912941781254298.avro"));
    expect([...bytes.subarray(0, 5)]).toEqual([0, 0, 0, 0x03, 0x84]);
    const expected = independentType.fromBuffer(bytes.subarray(5)) as { diaSource: Record<string, unknown> };
    const { alerts, rejected } = readLsstAlerts(bytes, "boom");
    expect(rejected).toEqual([]);
    const alert = alerts[0]!.alert;
    expect(alerts[0]!.framing).toBe("wire");
    expect(alert.diaSource.diaSourceId).toBe(7912941781254298n);
    expect(alert.diaSource.diaSourceId).toBe(expected.diaSource.diaSourceId);
    expect(alert.diaSource.midpointMjdTai).toBe(expected.diaSource.midpointMjdTai);
    expect(alert.diaSource.psfFlux).toBe(expected.diaSource.psfFlux);
    expect(alert.diaSource.psfFlux).toBeLessThan(0);
    expect(alert.diaSource.isNegative).toBe(true);
    expect(alert.diaSource.band).toBe("r");
    for (const cutout of [alert.cutouts.science, alert.cutouts.template, alert.cutouts.difference]) {
      expect(cutout!.subarray(0, 6).toString("latin1")).toBe("SIMPLE"); // uncompressed FITS, not gzip
    }
  });

  it("the Avro container from ALeRCE decodes with a 64-bit id beyond 2^53", () => {
    const bytes = fs.readFileSync(path.join(LSST_FIXTURES, "real/alerce_sample_v9.avro"));
    const { alerts, rejected } = readLsstAlerts(bytes, "alerce");
    expect(rejected).toEqual([]);
    const alert = alerts[0]!.alert;
    expect(alerts[0]!.framing).toBe("container");
    expect(alert.diaSource.diaSourceId).toBe(169298433221853273n);
    expect(alert.diaSource.diaSourceId > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(alert.diaSource.midpointMjdTai).toBe(60924.33222194851);
    expect(alert.diaSource.psfFlux).toBe(-60413.03125);
    expect(alert.diaSource.band).toBe("i");
    expect(alert.diaObject?.diaObjectId).toBe(169298433221853273n);
  });
});

describe("bad LSST input is reported with its reason", () => {
  const wireSample = () => Buffer.from(fs.readFileSync(path.join(WIRE, "lsst.v9_0.avro")));

  it("an unknown schema id names the id, the version it stands for and what is bundled", () => {
    const bytes = wireSample();
    bytes.writeUInt32BE(1203, 1);
    const { alerts, rejected } = readLsstAlerts(bytes, "x");
    expect(alerts).toEqual([]);
    expect(rejected).toEqual([
      { index: null, code: "unknown_schema_id", reason: expect.stringMatching(/schema id 1203 \(LSST schema 12\.3\).*3\.0 … 11\.1/) },
    ]);
  });

  it("a truncated message is rejected, not read short", () => {
    const bytes = wireSample();
    const { rejected } = readLsstAlerts(bytes.subarray(0, bytes.length - 20), "x");
    expect(rejected[0]!.code).toMatch(/wire_truncated|record_decode_failed/);
  });

  it("a message decoded with the wrong schema id is rejected (bytes left over or invalid)", () => {
    const bytes = wireSample();
    bytes.writeUInt32BE(700, 1);
    const { alerts, rejected } = readLsstAlerts(bytes, "x");
    expect(alerts).toEqual([]);
    expect(rejected).toHaveLength(1);
  });

  it("ZTF containers are not taken for LSST", () => {
    const ztf = fs
      .readdirSync(path.resolve(LSST_FIXTURES, "../alerts/samples"), { recursive: true })
      .map(String)
      .find((f) => f.endsWith(".avro"))!;
    expect(isLsstAlertBytes(fs.readFileSync(path.resolve(LSST_FIXTURES, "../alerts/samples", ztf)))).toBe(false);
  });
});
