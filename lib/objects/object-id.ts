import { z } from "zod";

/** A ZTF object id: "ZTF" + 2-digit year + 7 lowercase letters, e.g. ZTF18abcdefg. */
export const ztfObjectIdSchema = z.string().regex(/^ZTF\d{2}[a-z]{7}$/, "not a ZTF object id (e.g. ZTF18abcdefg)");

/** Object ids worth a query (any survey's, and ALeRCE's test ids): anything else is simply not found, never an error. */
export function isPlausibleOid(oid: string): boolean {
  return /^[A-Za-z0-9_-]{1,40}$/.test(oid);
}
