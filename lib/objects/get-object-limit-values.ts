import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";

/** ALeRCE's /objects/limit_values: the ranges of ndet and firstmjd over every object (for range sliders). */
export const objectLimitValuesSchema = z
  .object({
    min_ndet: z.number().int().nullable(),
    max_ndet: z.number().int().nullable(),
    min_firstmjd: z.number().nullable(),
    max_firstmjd: z.number().nullable(),
  })
  .strict();

export type ObjectLimitValues = z.infer<typeof objectLimitValuesSchema>;

export async function getObjectLimitValues(sql: Sql): Promise<ObjectLimitValues> {
  const rows = await queryRows<ObjectLimitValues>(
    sql,
    "select min(ndet) as min_ndet, max(ndet) as max_ndet, min(firstmjd) as min_firstmjd, max(firstmjd) as max_firstmjd from object",
  );
  return rows[0] ?? { min_ndet: null, max_ndet: null, min_firstmjd: null, max_firstmjd: null };
}
