// `node --import tsx scripts/make-lsst-fink-fixtures.ts [parquet] [out-dir]`
//
// Re-serialises the Rubin alerts of Fink's Parquet sample (../shared/data/lsst/fink-parquet,
// schema 10.0, real commissioning alerts) as Kafka wire-format messages with the bundled 10.0 writer
// schema, so the ingest reads them like any Rubin alert: fixtures/lsst-fink/<diaSourceId>.avro.
// Cutouts are dropped (null) to keep the fixtures small; Fink's own columns (brokerIngestMjd,
// lsst_schema_version …) are not in Rubin's schema and are left out. Values are copied unchanged.
import fs from "node:fs";
import path from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { compileAvroSchema } from "../lib/avro/avro-schema";
import { bundledLsstSchemaJson, lsstSchemaId } from "../lib/lsst/lsst-schema-registry";

const input = path.resolve(process.argv[2] ?? "../shared/data/lsst/fink-parquet/rubin_sample_data_10_0.parquet");
const outDir = path.resolve(process.argv[3] ?? "fixtures/lsst-fink");
const schemaId = lsstSchemaId({ major: 10, minor: 0 });
const schemaJson = bundledLsstSchemaJson(schemaId);
if (!schemaJson) throw new Error("schema 10.0 is not bundled");
const { type } = compileAvroSchema(schemaJson);

/** Parquet → Avro value guided by the writer type: INT64 columns Rubin declares int become numbers, missing → null. */
interface AvscType {
  typeName: string;
  fields?: { name: string; type: AvscType }[];
  types?: AvscType[];
  itemsType?: AvscType;
}
function toAvro(value: unknown, avro: AvscType): unknown {
  if (value === undefined || value === null) return null;
  switch (avro.typeName) {
    case "union:unwrapped":
    case "union:wrapped": {
      const branch = avro.types!.find((t) => t.typeName !== "null")!;
      return toAvro(value, branch);
    }
    case "int":
      return Number(value);
    case "long":
    case "abstract:long":
      return typeof value === "bigint" ? value : BigInt(value as number);
    case "float":
    case "double":
      return Number(value);
    case "bytes":
      return Buffer.from(value as Uint8Array);
    case "array":
      return (value as unknown[]).map((v) => toAvro(v, avro.itemsType!));
    case "record": {
      const source = value as Record<string, unknown>;
      return Object.fromEntries(avro.fields!.map((f) => [f.name, toAvro(source[f.name], f.type)]));
    }
    default:
      return value;
  }
}

const file = await asyncBufferFromFile(input);
const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
fs.mkdirSync(outDir, { recursive: true });
let written = 0;
for (const row of rows) {
  const record = toAvro(row, type as unknown as AvscType) as Record<string, unknown>;
  record.cutoutScience = null;
  record.cutoutTemplate = null;
  record.cutoutDifference = null;
  const header = Buffer.alloc(5);
  header.writeUInt32BE(schemaId, 1);
  let body: Buffer;
  try {
    body = type.toBuffer(record);
  } catch (error) {
    throw new Error(`alert ${String(record.diaSourceId)}: ${(error as Error).message}`, { cause: error });
  }
  fs.writeFileSync(path.join(outDir, `${String(record.diaSourceId)}.avro`), Buffer.concat([header, body]));
  written += 1;
}
console.log(`${written} wire-format alerts (schema 10.0, id ${schemaId}) written to ${path.relative(process.cwd(), outDir)}`);
