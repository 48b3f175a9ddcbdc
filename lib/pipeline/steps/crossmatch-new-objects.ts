// Pipeline step (as ALeRCE's xmatch step): the objects of a batch are crossmatched against every
// loaded catalog — nearest source within CIELO_XMATCH_RADIUS_ARCSEC (2″) of the object's mean
// position — and the counterparts stored in `xmatch` with their magnitudes (AllWISE W1..W4 feed the
// light-curve features). Runs inside the batch's transaction, after the object aggregates.
import type { PoolClient } from "pg";
import { listCatalogs } from "../../catalogs/catalog-registry";
import { crossmatchCatalog } from "../../catalogs/crossmatch-catalog";
import { objectPositions, writeXmatchRows } from "../../catalogs/xmatch-rows";
import { getEnv } from "../../server/env";
import { createLogger, type Logger } from "../../server/logger";
import type { BatchStep } from "../step";

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

export const crossmatchStep: BatchStep = {
  name: "crossmatch",
  version: "1",
  stage: "batch",
  reads: ["object", "catalog", "catalog_<name>"],
  writes: ["xmatch"],
  offReason: ({ config }) => (config.xmatchRadiusArcsec > 0 ? null : "CIELO_XMATCH_RADIUS_ARCSEC=0"),
  run: async ({ tx, oids, config }) => {
    const outcome = await crossmatchNewObjects(tx, oids, { radiusArcsec: config.xmatchRadiusArcsec });
    return { objects: outcome.objects, matches: outcome.matches, catalogs: outcome.catalogs, failed: outcome.failed ? 1 : 0 };
  },
};
