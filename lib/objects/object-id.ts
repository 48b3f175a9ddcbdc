import { z } from "zod";

/** A ZTF object id: "ZTF" + 2-digit year + 7 lowercase letters, e.g. ZTF18abcdefg. */
export const ztfObjectIdSchema = z.string().regex(/^ZTF\d{2}[a-z]{7}$/, "not a ZTF object id (e.g. ZTF18abcdefg)");
