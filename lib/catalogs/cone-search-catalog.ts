import type { Sql } from "../db/sql";
import { type CatalogInfo, quoteIdent } from "./catalog-registry";
import { type CatalogSource, numberArray, prepared, type SourceRow, sourceSelectList, toCatalogSource } from "./catalog-source";
import { coneProbes, normalizeRaDeg, sqlAngularDistanceArcsec } from "./sky-zones";

/** Largest cone the catalog searches accept (catsHTM serves cones of this order too). */
export const MAX_CONE_RADIUS_ARCSEC = 3600;

export interface ConeSearchOptions {
  /** At most this many rows, nearest first (default 10 000). */
  limit?: number;
}

/**
 * Every source of the catalog within `radiusArcsec` of (raDeg, decDeg), nearest first (ties by id).
 * One query: the zone probes (sky-zones) are index range scans on (zone, ra), then the exact
 * haversine distance keeps the sources inside the cone.
 */
export async function coneSearchCatalog(
  client: Sql,
  catalog: CatalogInfo,
  raDeg: number,
  decDeg: number,
  radiusArcsec: number,
  options: ConeSearchOptions = {},
): Promise<CatalogSource[]> {
  if (!Number.isFinite(raDeg) || !Number.isFinite(decDeg) || decDeg < -90 || decDeg > 90) {
    throw new RangeError(`invalid position (${raDeg}, ${decDeg})`);
  }
  if (!(radiusArcsec >= 0 && radiusArcsec <= MAX_CONE_RADIUS_ARCSEC)) {
    throw new RangeError(`radius must be within [0, ${MAX_CONE_RADIUS_ARCSEC}] arcsec, got ${radiusArcsec}`);
  }
  const probes = coneProbes(raDeg, decDeg, radiusArcsec / 3600, catalog.zoneHeightDeg);
  const distance = sqlAngularDistanceArcsec("$4::float8", "$5::float8", "c.ra", "c.dec");
  const { rows } = await client.query<SourceRow>({
    ...prepared(`SELECT ${sourceSelectList(catalog)}, d.dist
     FROM unnest($1::int[], $2::float8[], $3::float8[]) AS q(zone, ra_lo, ra_hi)
     JOIN ${quoteIdent(catalog.tableName)} c ON c.zone = q.zone AND c.ra BETWEEN q.ra_lo AND q.ra_hi
     CROSS JOIN LATERAL (SELECT ${distance} AS dist) d
     WHERE d.dist <= $6
     ORDER BY d.dist, c.id
     LIMIT $7`),
    values: [
      numberArray(probes.map((p) => p.zone)),
      numberArray(probes.map((p) => p.raLoDeg)),
      numberArray(probes.map((p) => p.raHiDeg)),
      normalizeRaDeg(raDeg),
      decDeg,
      radiusArcsec,
      options.limit ?? 10_000,
    ],
  });
  return rows.map((row) => toCatalogSource(catalog, row));
}
