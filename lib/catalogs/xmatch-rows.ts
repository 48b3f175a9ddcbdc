// The xmatch table: the nearest counterpart of each object in each loaded catalog. Written by the
// pipeline's crossmatch step (lib/pipeline/steps/crossmatch-new-objects.ts) for a batch's objects and
// by crossmatchAllObjects for every object after a catalog (re)load.
import type { Sql } from "../db/sql";
import type { CatalogInfo } from "./catalog-registry";
import type { CatalogSource } from "./catalog-source";

export interface ObjectPosition {
  oid: string;
  raDeg: number;
  decDeg: number;
}

/**
 * Stores the nearest counterparts of `objects` in `catalog` (matches[i] belongs to objects[i]):
 * upserts the matched ones and deletes the row of any object that no longer has one (its mean
 * position moved away), so the step can run again on the same objects and stays idempotent.
 */
export async function writeXmatchRows(
  client: Sql,
  catalog: CatalogInfo,
  objects: readonly ObjectPosition[],
  matches: readonly (CatalogSource | null)[],
  /** xmatch (ZTF objects) or lsst_xmatch (LSST objects, same columns). */
  table: "xmatch" | "lsst_xmatch" = "xmatch",
): Promise<number> {
  const matched = objects.flatMap((o, i) => (matches[i] ? [{ oid: o.oid, source: matches[i] }] : []));
  const unmatched = objects.filter((_, i) => !matches[i]).map((o) => o.oid);
  if (unmatched.length > 0)
    await client.query(`DELETE FROM ${table} WHERE catid = $1 AND oid = ANY($2::text[])`, [catalog.name, unmatched]);
  if (matched.length === 0) return 0;
  await client.query(
    `INSERT INTO ${table} (oid, catid, oid_catalog, dist, class_catalog, period, magnitudes)
     SELECT oid, $1, oid_catalog, dist, class_catalog, period, magnitudes
     FROM unnest($2::text[], $3::text[], $4::float8[], $5::text[], $6::float8[], $7::jsonb[])
       AS m(oid, oid_catalog, dist, class_catalog, period, magnitudes)
     ON CONFLICT (oid, catid) DO UPDATE SET oid_catalog = excluded.oid_catalog, dist = excluded.dist,
       class_catalog = excluded.class_catalog, period = excluded.period, magnitudes = excluded.magnitudes`,
    [
      catalog.name,
      matched.map((m) => m.oid),
      matched.map((m) => m.source.id),
      matched.map((m) => m.source.distArcsec),
      matched.map((m) => m.source.className),
      matched.map((m) => m.source.period),
      matched.map((m) => JSON.stringify(m.source.values)),
    ],
  );
  return matched.length;
}

/** Mean positions of the given objects (objects without one are left out). */
export async function objectPositions(client: Sql, oids: readonly string[]): Promise<ObjectPosition[]> {
  const { rows } = await client.query<{ oid: string; meanra: number; meandec: number }>(
    "SELECT oid, meanra, meandec FROM object WHERE oid = ANY($1::text[]) AND meanra IS NOT NULL AND meandec BETWEEN -90 AND 90 ORDER BY oid",
    [oids],
  );
  return rows.map((r) => ({ oid: r.oid, raDeg: r.meanra, decDeg: r.meandec }));
}
