import { querySql, type SqlClient } from "../api/sql-client";
import { isPlausibleOid } from "./get-object-item";

export interface ApiProbability {
  classifier_name: string;
  classifier_version: string;
  class_name: string;
  probability: number;
  ranking: number;
}

export interface ProbabilityFilter {
  classifier?: string;
  classifier_version?: string;
}

/**
 * Class probabilities of an object, per classifier and version in the taxonomy's class order (as
 * ALeRCE sorts them); null when the object is unknown.
 */
export async function getObjectProbabilities(
  client: SqlClient,
  oid: string,
  filter: ProbabilityFilter = {},
): Promise<ApiProbability[] | null> {
  if (!isPlausibleOid(oid)) return null;
  const rows = await querySql<ApiProbability & { found: string }>(
    client,
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
