/** URLs of the alert services (ALeRCE's avro API shape, served under /api/avro) for one detection. */
export type StampType = "science" | "template" | "difference";
export const STAMP_TYPES: readonly StampType[] = ["science", "template", "difference"];
export const STAMP_LABELS: Record<StampType, string> = { science: "Science", template: "Reference", difference: "Difference" };

const query = (oid: string, candid: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({ oid, candid, ...extra }).toString();

export const stampUrl = (oid: string, candid: string, type: StampType, format: "png" | "fits" = "png") =>
  `/api/avro/get_stamp?${query(oid, candid, { type, format })}`;
export const alertRecordUrl = (oid: string, candid: string) => `/api/avro/get_alert?${query(oid, candid)}`;
export const alertAvroUrl = (oid: string, candid: string) => `/api/avro/get_avro?${query(oid, candid)}`;
