import type { Sql } from "../db/sql";
import { type CatalogInfo, quoteIdent } from "./catalog-registry";
import { type CatalogSource, numberArray, prepared, type SourceRow, sourceSelectList, toCatalogSource } from "./catalog-source";
import { MAX_CONE_RADIUS_ARCSEC } from "./cone-search-catalog";
import { coneProbes, normalizeRaDeg, sqlAngularDistanceArcsec } from "./sky-zones";

export interface SkyPosition {
  raDeg: number;
  decDeg: number;
}

/** Positions per query: big enough to amortise the round trip, small enough to keep each query short. */
const CHUNK_POSITIONS = 5000;

async function crossmatchChunk(
  client: Sql,
  catalog: CatalogInfo,
  positions: readonly SkyPosition[],
  offset: number,
  radiusArcsec: number,
  out: (CatalogSource | null)[],
): Promise<void> {
  const probes: { i: number; zone: number; raLo: number; raHi: number; ra: number; dec: number }[] = [];
  positions.forEach((position, k) => {
    const ra = normalizeRaDeg(position.raDeg);
    for (const probe of coneProbes(ra, position.decDeg, radiusArcsec / 3600, catalog.zoneHeightDeg)) {
      probes.push({ i: offset + k, zone: probe.zone, raLo: probe.raLoDeg, raHi: probe.raHiDeg, ra, dec: position.decDeg });
    }
  });
  // In index order, consecutive probes land on the same or neighbouring btree pages (the nested
  // loop follows the unnest order): fewer page reads when the index is larger than the cache.
  probes.sort((a, b) => a.zone - b.zone || a.raLo - b.raLo);
  const index = probes.map((p) => p.i);
  const zone = probes.map((p) => p.zone);
  const raLo = probes.map((p) => p.raLo);
  const raHi = probes.map((p) => p.raHi);
  const raDeg = probes.map((p) => p.ra);
  const decDeg = probes.map((p) => p.dec);
  const distance = sqlAngularDistanceArcsec("q.ra", "q.dec", "c.ra", "c.dec");
  const { rows } = await client.query<SourceRow & { i: number }>({
    ...prepared(`SELECT DISTINCT ON (q.i) q.i, ${sourceSelectList(catalog)}, d.dist
     FROM unnest($1::int[], $2::int[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS q(i, zone, ra_lo, ra_hi, ra, dec)
     JOIN ${quoteIdent(catalog.tableName)} c ON c.zone = q.zone AND c.ra BETWEEN q.ra_lo AND q.ra_hi
     CROSS JOIN LATERAL (SELECT ${distance} AS dist) d
     WHERE d.dist <= $7
     ORDER BY q.i, d.dist, c.id`),
    values: [
      numberArray(index),
      numberArray(zone),
      numberArray(raLo),
      numberArray(raHi),
      numberArray(raDeg),
      numberArray(decDeg),
      radiusArcsec,
    ],
  });
  for (const row of rows) out[row.i] = toCatalogSource(catalog, row);
}

/**
 * The nearest catalog source within `radiusArcsec` of each position (null where there is none),
 * in the order of `positions`. Positions go to PostgreSQL in chunks of a few thousand, each chunk
 * one query joining the zone probes to the (zone, ra) index; `concurrency` chunks run at once when
 * `client` is a pool.
 */
export async function crossmatchCatalog(
  client: Sql,
  catalog: CatalogInfo,
  positions: readonly SkyPosition[],
  radiusArcsec: number,
  options: { concurrency?: number } = {},
): Promise<(CatalogSource | null)[]> {
  if (!(radiusArcsec >= 0 && radiusArcsec <= MAX_CONE_RADIUS_ARCSEC)) {
    throw new RangeError(`radius must be within [0, ${MAX_CONE_RADIUS_ARCSEC}] arcsec, got ${radiusArcsec}`);
  }
  positions.forEach((p, k) => {
    if (!Number.isFinite(p.raDeg) || !Number.isFinite(p.decDeg) || p.decDeg < -90 || p.decDeg > 90) {
      throw new RangeError(`position ${k} is invalid (${p.raDeg}, ${p.decDeg})`);
    }
  });
  const out: (CatalogSource | null)[] = new Array<CatalogSource | null>(positions.length).fill(null);
  const chunks: number[] = [];
  for (let start = 0; start < positions.length; start += CHUNK_POSITIONS) chunks.push(start);
  const workers = Math.max(1, Math.min(options.concurrency ?? 1, chunks.length));
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < chunks.length) {
        const start = chunks[next++]!;
        await crossmatchChunk(client, catalog, positions.slice(start, start + CHUNK_POSITIONS), start, radiusArcsec, out);
      }
    }),
  );
  return out;
}
