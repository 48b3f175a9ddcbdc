import { z } from "zod";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { isPlausibleOid } from "./object-id";

export const probabilitySchema = z
  .object({
    classifier_name: z.string(),
    classifier_version: z.string(),
    class_name: z.string(),
    probability: z.number(),
    ranking: z.number().int(),
  })
  .strict();

export type ApiProbability = z.infer<typeof probabilitySchema>;

export interface ProbabilityFilter {
  classifier?: string;
  classifier_version?: string;
}

/**
 * Class probabilities of an object, per classifier and version in the taxonomy's class order (as
 * ALeRCE sorts them); null when the object is unknown.
 */
export async function getObjectProbabilities(sql: Sql, oid: string, filter: ProbabilityFilter = {}): Promise<ApiProbability[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await queryRows<ApiProbability & { found: string }>(
    sql,
    `select o.oid as found, p.classifier_name, p.classifier_version, p.class_name, p.probability, p.ranking
       from object o
       left join probability p on p.oid = o.oid
            and ($2::text is null or p.classifier_name = $2) and ($3::text is null or p.classifier_version = $3)
       left join taxonomy t on t.classifier_name = p.classifier_name and t.classifier_version = p.classifier_version
      where o.oid = $1
      order by p.classifier_name, p.classifier_version, array_position(t.classes, p.class_name), p.ranking`,
    [oid, filter.classifier ?? null, filter.classifier_version ?? null],
  );
  if (rows.length === 0) return null;
  return rows.filter((r) => r.classifier_name !== null).map(({ found: _found, ...rest }) => rest);
}
