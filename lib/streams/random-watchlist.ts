// A watchlist of random positions (uniform over the sphere), owned by a bench account: what
// `npm run bench:ingest -- --watchlist N` loads to measure the cost of the watchlist match.
import type pg from "pg";
import { Rng } from "../math/random";
import { createWatchlist } from "./create-watchlist";
import type { WatchlistTargetInput } from "./parse-watchlist-csv";

export async function createRandomWatchlist(
  pool: pg.Pool,
  options: { targets: number; radiusArcsec?: number; seed?: number },
): Promise<string> {
  const rng = new Rng(options.seed ?? 1);
  const targets: WatchlistTargetInput[] = Array.from({ length: options.targets }, (_, i) => {
    const raDeg = rng.uniform(0, 360);
    const decDeg = (Math.asin(rng.uniform(-1, 1)) * 180) / Math.PI;
    return { targetId: i + 1, name: `random-${i + 1}`, raDeg, decDeg, radiusArcsec: options.radiusArcsec ?? 2 };
  });
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO app_user (id, email, display_name) VALUES (gen_random_uuid(), 'bench-watchlist@localhost', 'Bench')
     ON CONFLICT (email) DO UPDATE SET display_name = excluded.display_name RETURNING id`,
  );
  return createWatchlist(pool, { ownerId: rows[0]!.id, name: `${options.targets} random positions`, public: false, targets });
}
