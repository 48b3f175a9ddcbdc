import { rebuildAlertAvro } from "../alerts/alert-packet";
import type { ZtfCutouts } from "../alerts/ztf-alert-schema";
import { compileAvroSchema } from "../avro/avro-schema";
import type { PrismaClient } from "../generated/prisma/client";
import type { AlertRef } from "./alert-params";

async function loadPacket(prisma: PrismaClient, ref: AlertRef, withCutouts: boolean) {
  const packet = await prisma.alertPacket.findUnique({
    where: { candid: ref.candid },
    select: {
      oid: true,
      avro: true,
      schema: { select: { schema_json: true } },
      cutouts: withCutouts ? { select: { kind: true, file_name: true, stamp_data: true } } : false,
    },
  });
  return packet && packet.oid === ref.oid ? packet : null;
}

/** The alert as a single-record Avro container under its writer schema, cutouts restored; null if unknown. */
export async function getAlertAvro(prisma: PrismaClient, ref: AlertRef): Promise<Buffer | null> {
  const packet = await loadPacket(prisma, ref, true);
  if (!packet) return null;
  const cutouts: ZtfCutouts = { science: null, template: null, difference: null };
  for (const c of packet.cutouts ?? []) cutouts[c.kind] = { fileName: c.file_name, stampData: Buffer.from(c.stamp_data) };
  return rebuildAlertAvro(Buffer.from(packet.avro), packet.schema.schema_json, cutouts);
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
export async function getAlertRecord(prisma: PrismaClient, ref: AlertRef): Promise<{ [key: string]: JsonAlertValue } | null> {
  const packet = await loadPacket(prisma, ref, false);
  if (!packet) return null;
  const { type } = compileAvroSchema(packet.schema.schema_json);
  const record = type.fromBuffer(Buffer.from(packet.avro)) as Record<string, unknown>;
  const json = alertValueToJson(record) as { [key: string]: JsonAlertValue };
  for (const field of ["cutoutScience", "cutoutTemplate", "cutoutDifference"]) delete json[field];
  return json;
}
