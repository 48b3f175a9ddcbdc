// Pipeline step (as ALeRCE's xmatch step): the objects of a batch are crossmatched against every
// loaded catalog — nearest source within CIELO_XMATCH_RADIUS_ARCSEC (2″) of the object's mean
// position — and the counterparts stored in `xmatch` with their magnitudes (AllWISE W1..W4 feed the
// light-curve features). Runs inside the batch's transaction, after the object aggregates.
import type { PoolClient } from "pg";
import { type CatalogInfo, listCatalogs } from "../catalogs/catalog-registry";
import type { CatalogSource } from "../catalogs/catalog-source";
import { crossmatchCatalog } from "../catalogs/crossmatch-catalog";
import type { Sql } from "../db/sql";
import { getEnv } from "../server/env";
import { createLogger } from "../server/logger";
import type { Logger } from "pino";

export interface CrossmatchNewObjectsOutcome {
  /** Objects with a position that were crossmatched. */
  objects: number;
  /** xmatch rows written (one per object and catalog with a counterpart). */
  matches: number;
  catalogs: number;
  /** Why the step was skipped for this batch (the batch itself still commits). */
  failed?: string;
}

let logger: Logger | undefined;
const log = () => (logger ??= createLogger("xmatch"));

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
): Promise<number> {
  const matched = objects.flatMap((o, i) => (matches[i] ? [{ oid: o.oid, source: matches[i] }] : []));
  const unmatched = objects.filter((_, i) => !matches[i]).map((o) => o.oid);
  if (unmatched.length > 0) await client.query("DELETE FROM xmatch WHERE catid = $1 AND oid = ANY($2::text[])", [catalog.name, unmatched]);
  if (matched.length === 0) return 0;
  await client.query(
    `INSERT INTO xmatch (oid, catid, oid_catalog, dist, class_catalog, period, magnitudes)
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

/**
 * Crossmatches the batch's objects (new ones, and known ones whose mean position a new detection
 * moved) against every loaded catalog. `radiusArcsec` defaults to CIELO_XMATCH_RADIUS_ARCSEC;
 * 0 turns the step off. Must run inside a transaction: the step is isolated in a savepoint, so a
 * failure (e.g. a catalog swapped by a concurrent reload with other columns) costs this batch its
 * xmatch rows — the reload's own crossmatch of every object restores them — never the batch.
 */
export async function crossmatchNewObjects(
  client: PoolClient,
  oids: readonly string[],
  options: { radiusArcsec?: number } = {},
): Promise<CrossmatchNewObjectsOutcome> {
  const radiusArcsec = options.radiusArcsec ?? getEnv().CIELO_XMATCH_RADIUS_ARCSEC;
  const outcome: CrossmatchNewObjectsOutcome = { objects: 0, matches: 0, catalogs: 0 };
  if (radiusArcsec <= 0 || oids.length === 0) return outcome;
  await client.query("SAVEPOINT crossmatch_new_objects");
  try {
    const catalogs = await listCatalogs(client);
    if (catalogs.length > 0) {
      const objects = await objectPositions(client, oids);
      outcome.objects = objects.length;
      outcome.catalogs = catalogs.length;
      for (const catalog of catalogs) {
        const matches = await crossmatchCatalog(client, catalog, objects, radiusArcsec);
        outcome.matches += await writeXmatchRows(client, catalog, objects, matches);
      }
    }
    await client.query("RELEASE SAVEPOINT crossmatch_new_objects");
    return outcome;
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT crossmatch_new_objects");
    const message = error instanceof Error ? error.message : String(error);
    log().warn({ err: message, objects: oids.length }, "catalog crossmatch skipped for this batch");
    return { objects: 0, matches: 0, catalogs: 0, failed: message };
  }
}
