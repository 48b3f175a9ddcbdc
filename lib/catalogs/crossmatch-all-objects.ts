import type pg from "pg";
import { objectPositions, writeXmatchRows } from "./xmatch-rows";
import { getCatalog } from "./catalog-registry";
import { crossmatchCatalog } from "./crossmatch-catalog";

const PAGE_OBJECTS = 20_000;

/**
 * Crossmatches every object already in the database against one catalog (after it was loaded or
 * reloaded: the pipeline step only sees objects as their alerts arrive), page by page in oid order.
 */
export async function crossmatchAllObjects(
  pool: pg.Pool,
  catalogName: string,
  radiusArcsec: number,
): Promise<{ objects: number; matches: number }> {
  const catalog = await getCatalog(pool, catalogName);
  if (!catalog) throw new Error(`no catalog named ${catalogName} is loaded`);
  let after = "";
  let objects = 0;
  let matches = 0;
  for (;;) {
    const { rows } = await pool.query<{ oid: string }>("SELECT oid FROM object WHERE oid > $1 ORDER BY oid LIMIT $2", [
      after,
      PAGE_OBJECTS,
    ]);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.oid;
    const positions = await objectPositions(
      pool,
      rows.map((r) => r.oid),
    );
    const found = await crossmatchCatalog(pool, catalog, positions, radiusArcsec, { concurrency: 2 });
    matches += await writeXmatchRows(pool, catalog, positions, found);
    objects += positions.length;
  }
  return { objects, matches };
}
