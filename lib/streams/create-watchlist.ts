import type { TransactionTarget } from "../db/sql";
import { withTransaction } from "../db/sql";
import { zoneOf } from "../catalogs/sky-zones";
import { numberArray } from "../catalogs/catalog-source";
import type { WatchlistTargetInput } from "./parse-watchlist-csv";
import { WATCHLIST_ZONE_HEIGHT_DEG } from "./watchlist-match";

/** Targets per INSERT: 100 000 rows go in ten statements of array parameters. */
const CHUNK = 10_000;

export interface NewWatchlist {
  ownerId: string;
  name: string;
  public: boolean;
  targets: readonly WatchlistTargetInput[];
}

/** Stores a watchlist and its targets (with their zone) in one transaction; returns its id. */
export async function createWatchlist(target: TransactionTarget, watchlist: NewWatchlist): Promise<string> {
  const maxRadius = watchlist.targets.reduce((max, t) => Math.max(max, t.radiusArcsec), 0);
  return withTransaction(target, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      "INSERT INTO watchlist (owner_id, name, public, max_radius_arcsec) VALUES ($1, $2, $3, $4) RETURNING id",
      [watchlist.ownerId, watchlist.name, watchlist.public, maxRadius],
    );
    const id = rows[0]!.id;
    for (let start = 0; start < watchlist.targets.length; start += CHUNK) {
      const chunk = watchlist.targets.slice(start, start + CHUNK);
      await tx.query(
        `INSERT INTO watchlist_target (watchlist_id, target_id, name, ra, dec, radius_arcsec, zone)
         SELECT $1::uuid, * FROM unnest($2::int[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::int[])`,
        [
          id,
          numberArray(chunk.map((t) => t.targetId)),
          chunk.map((t) => t.name),
          numberArray(chunk.map((t) => t.raDeg)),
          numberArray(chunk.map((t) => t.decDeg)),
          numberArray(chunk.map((t) => t.radiusArcsec)),
          numberArray(chunk.map((t) => zoneOf(t.decDeg, WATCHLIST_ZONE_HEIGHT_DEG))),
        ],
      );
    }
    return id;
  });
}
