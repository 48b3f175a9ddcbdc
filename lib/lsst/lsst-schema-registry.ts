// The LSST alert schemas Cielo knows without a network: lib/lsst/schemas/lsst.vMAJOR_MINOR.alert.json
// (writer schemas 3.0 … 11.1, `doc` keys dropped; provenance in lib/lsst/schemas/README.md). A Kafka
// message names its writer schema by a Confluent schema id, which Rubin sets to MAJOR·100 + MINOR.
import fs from "node:fs";
import path from "node:path";

/** Every schema version bundled in lib/lsst/schemas/, oldest first. */
export const BUNDLED_LSST_SCHEMA_VERSIONS = [
  "3.0",
  "4.0",
  "5.0",
  "6.0",
  "6.1",
  "7.0",
  "7.1",
  "7.2",
  "7.3",
  "7.4",
  "8.0",
  "9.0",
  "10.0",
  "11.0",
  "11.1",
] as const;

export interface LsstSchemaVersion {
  major: number;
  minor: number;
}

/** "9.0" → { major: 9, minor: 0 }; null for anything else. */
export function parseLsstSchemaVersion(version: string): LsstSchemaVersion | null {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

/** The Confluent schema id Rubin uses for a schema version: MAJOR·100 + MINOR (9.0 → 900, 11.1 → 1101). */
export function lsstSchemaId(version: LsstSchemaVersion): number {
  return version.major * 100 + version.minor;
}

/** The schema version a Confluent schema id stands for (1101 → "11.1"). */
export function lsstSchemaVersionOfId(schemaId: number): string {
  return `${Math.floor(schemaId / 100)}.${schemaId % 100}`;
}

/** The version in an LSST writer schema's full name ("lsst.v9_0.alert" → "9.0"), or null when it is not an LSST alert schema. */
export function lsstVersionOfSchemaName(schemaName: string | null): string | null {
  const match = schemaName === null ? null : /^lsst\.v(\d+)_(\d+)\.alert$/.exec(schemaName);
  return match ? `${match[1]}.${match[2]}` : null;
}

const SCHEMA_FOLDER = path.join(import.meta.dirname, "schemas");
const schemaTextById = new Map<number, string>();

/** The bundled writer schema (JSON text) for a Confluent schema id, or null when none is bundled. */
export function bundledLsstSchemaJson(schemaId: number): string | null {
  const cached = schemaTextById.get(schemaId);
  if (cached !== undefined) return cached;
  const version = lsstSchemaVersionOfId(schemaId);
  if (!(BUNDLED_LSST_SCHEMA_VERSIONS as readonly string[]).includes(version)) return null;
  const file = path.join(SCHEMA_FOLDER, `lsst.v${version.replace(".", "_")}.alert.json`);
  const text = fs.readFileSync(file, "utf8").trim();
  schemaTextById.set(schemaId, text);
  return text;
}

/** "3.0 … 11.1 (ids 300 … 1101)": what an unknown-id message lists. */
export function describeBundledLsstSchemas(): string {
  const first = BUNDLED_LSST_SCHEMA_VERSIONS[0];
  const last = BUNDLED_LSST_SCHEMA_VERSIONS[BUNDLED_LSST_SCHEMA_VERSIONS.length - 1]!;
  const id = (v: string) => lsstSchemaId(parseLsstSchemaVersion(v)!);
  return `${first} … ${last} (ids ${id(first)} … ${id(last)})`;
}
