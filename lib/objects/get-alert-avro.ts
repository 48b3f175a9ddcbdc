import { rebuildAlertAvro } from "../alerts/alert-packet";
import type { ZtfCutoutKind } from "../alerts/ztf-cutouts";
import type { ZtfCutouts } from "../alerts/ztf-alert-schema";
import { compileAvroSchema } from "../avro/avro-schema";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import type { AlertRef } from "./alert-params";

interface StoredPacket {
  /** The packet as stored (cutouts stripped out into `cutout` rows). */
  avro: Buffer;
  schemaJson: string;
}

async function loadPacket(sql: Sql, ref: AlertRef): Promise<StoredPacket | null> {
  const rows = await queryRows<{ avro: Buffer; schema_json: string }>(
    sql,
    `select a.avro, s.schema_json from alert_packet a join alert_schema s on s.fingerprint = a.schema_fingerprint
      where a.candid = $1 and a.oid = $2`,
    [ref.candid.toString(), ref.oid],
  );
  const row = rows[0];
  return row ? { avro: row.avro, schemaJson: row.schema_json } : null;
}

/** The alert as a single-record Avro container under its writer schema, cutouts restored; null if unknown. */
export async function getAlertAvro(sql: Sql, ref: AlertRef): Promise<Buffer | null> {
  const [packet, cutoutRows] = await Promise.all([
    loadPacket(sql, ref),
    queryRows<{ kind: ZtfCutoutKind; file_name: string; stamp_data: Buffer<ArrayBuffer> }>(
      sql,
      "select kind, file_name, stamp_data from cutout where candid = $1",
      [ref.candid.toString()],
    ),
  ]);
  if (!packet) return null;
  const cutouts: ZtfCutouts = { science: null, template: null, difference: null };
  for (const c of cutoutRows) cutouts[c.kind] = { fileName: c.file_name, stampData: c.stamp_data };
  return rebuildAlertAvro(packet.avro, packet.schemaJson, cutouts);
}

export type JsonAlertValue = null | boolean | number | string | JsonAlertValue[] | { [key: string]: JsonAlertValue };

/** Decoded Avro values → JSON: 64-bit integers as decimal strings, bytes (inline cutouts) as base64, NaN/∞ as null. */
export function alertValueToJson(value: unknown): JsonAlertValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(alertValueToJson);
  if (typeof value === "object") {
    const out: { [key: string]: JsonAlertValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = alertValueToJson(v);
    return out;
  }
  return null;
}

/**
 * The alert record as JSON (ALeRCE's get_avro_info): every field of the packet under its writer
 * schema, without the cutouts (fetch them with get_stamp), 64-bit integers as strings.
 */
export async function getAlertRecord(sql: Sql, ref: AlertRef): Promise<{ [key: string]: JsonAlertValue } | null> {
  const packet = await loadPacket(sql, ref);
  if (!packet) return null;
  const { type } = compileAvroSchema(packet.schemaJson);
  const record = type.fromBuffer(packet.avro) as Record<string, unknown>;
  const json = alertValueToJson(record) as { [key: string]: JsonAlertValue };
  for (const field of ["cutoutScience", "cutoutTemplate", "cutoutDifference"]) delete json[field];
  return json;
}
